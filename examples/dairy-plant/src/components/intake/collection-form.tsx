"use client";

import { useActionState, useEffect, useRef } from "react";
import { recordCollectionAction } from "@/app/(dashboard)/intake/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

type FarmOption = { id: string; name: string; supplierCode: string };

export function CollectionForm({ farms }: { farms: FarmOption[] }) {
  const [state, formAction] = useActionState(recordCollectionAction, initialActionState);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.ok) formRef.current?.reset();
  }, [state]);

  return (
    <form ref={formRef} action={formAction} className="flex flex-col gap-3" aria-label="Record collection">
      <div className="flex flex-col gap-1">
        <Label htmlFor="docketNumber">Docket no.</Label>
        <Input id="docketNumber" name="docketNumber" required />
        <FieldError state={state} name="docketNumber" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="farmId">Farm</Label>
        <Select id="farmId" name="farmId" required defaultValue="">
          <option value="" disabled>
            Choose…
          </option>
          {farms.map((f) => (
            <option key={f.id} value={f.id}>
              {f.supplierCode} — {f.name}
            </option>
          ))}
        </Select>
        <FieldError state={state} name="farmId" />
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="volumeL">Volume (L)</Label>
          <Input id="volumeL" name="volumeL" type="number" step="0.1" required />
          <FieldError state={state} name="volumeL" />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="tempC">Temp (°C)</Label>
          <Input id="tempC" name="tempC" type="number" step="0.1" required />
          <FieldError state={state} name="tempC" />
        </div>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="collectedAt">Collected at</Label>
          <Input id="collectedAt" name="collectedAt" type="datetime-local" required />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="intakeBay">Bay</Label>
          <Select id="intakeBay" name="intakeBay" defaultValue="BAY-1">
            <option>BAY-1</option>
            <option>BAY-2</option>
          </Select>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="driverName">Driver</Label>
        <Input id="driverName" name="driverName" />
      </div>
      <FormMessage state={state} />
      <SubmitButton>Receive milk</SubmitButton>
    </form>
  );
}
