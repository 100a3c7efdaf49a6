"use client";

import { useActionState } from "react";
import { createSiloAction } from "@/app/(dashboard)/tanks/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

export function SiloForm() {
  const [state, formAction] = useActionState(createSiloAction, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Add silo">
      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="code">Code</Label>
          <Input id="code" name="code" placeholder="SILO-04" required />
          <FieldError state={state} name="code" />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="capacityL">Capacity (L)</Label>
          <Input id="capacityL" name="capacityL" type="number" step={1000} required />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="name">Name</Label>
        <Input id="name" name="name" required />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="contents">Contents</Label>
        <Select id="contents" name="contents">
          <option value="raw_milk">Raw milk</option>
          <option value="past_milk">Pasteurised milk</option>
          <option value="cream">Cream</option>
          <option value="skim">Skim</option>
        </Select>
      </div>
      <FormMessage state={state} />
      <SubmitButton>Add silo</SubmitButton>
    </form>
  );
}
