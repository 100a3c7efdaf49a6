"use client";

import { useActionState } from "react";
import { createFarmAction } from "@/app/(dashboard)/farms/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

const REGIONS = ["Cork East", "Cork North", "Waterford West", "Limerick South", "Tipperary South"];

export function FarmForm() {
  const [state, formAction] = useActionState(createFarmAction, initialActionState);
  return (
    <form action={formAction} className="grid grid-cols-2 gap-3" aria-label="Add farm">
      <div className="flex flex-col gap-1">
        <Label htmlFor="supplierCode">Supplier code</Label>
        <Input id="supplierCode" name="supplierCode" placeholder="F-10231" required />
        <FieldError state={state} name="supplierCode" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="name">Farm name</Label>
        <Input id="name" name="name" required />
        <FieldError state={state} name="name" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="ownerName">Owner</Label>
        <Input id="ownerName" name="ownerName" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="region">Region</Label>
        <Select id="region" name="region" defaultValue={REGIONS[0]}>
          {REGIONS.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="herdSize">Herd size</Label>
        <Input id="herdSize" name="herdSize" type="number" min={1} />
        <FieldError state={state} name="herdSize" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bulkTankCapacityL">Bulk tank (L)</Label>
        <Input id="bulkTankCapacityL" name="bulkTankCapacityL" type="number" min={500} step={500} />
      </div>
      <label className="col-span-2 flex items-center gap-2 text-sm">
        <input type="checkbox" name="organicCertified" value="true" /> Organic certified
      </label>
      <div className="col-span-2 flex items-center gap-3">
        <SubmitButton>Add farm</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
