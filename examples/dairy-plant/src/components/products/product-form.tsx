"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/action-result";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

export function ProductForm({ action }: { action: (prev: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="New product">
      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="sku">SKU</Label>
          <Input id="sku" name="sku" placeholder="GM-WM-2L" required />
          <FieldError state={state} name="sku" />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="category">Category</Label>
          <Select id="category" name="category">
            {["milk", "cream", "butter", "cheese", "yoghurt"].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </Select>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="name">Name</Label>
        <Input id="name" name="name" required />
      </div>
      <div className="grid grid-cols-3 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="packSize">Pack</Label>
          <Input id="packSize" name="packSize" placeholder="2L" required />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="shelfLifeDays">Shelf life (d)</Label>
          <Input id="shelfLifeDays" name="shelfLifeDays" type="number" required />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="storageTempMaxC">Max °C</Label>
          <Input id="storageTempMaxC" name="storageTempMaxC" type="number" defaultValue={5} />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="gtin">GTIN</Label>
        <Input id="gtin" name="gtin" inputMode="numeric" />
        <FieldError state={state} name="gtin" />
      </div>
      <FormMessage state={state} />
      <SubmitButton>Create product</SubmitButton>
    </form>
  );
}
