"use client";

import { useActionState } from "react";
import { closeRunAction, startRunAction } from "@/app/(dashboard)/pasteuriser/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

type Option = { id: string; label: string };

export function HtstRunForm({ silos, batches }: { silos: Option[]; batches: Option[] }) {
  const [state, formAction] = useActionState(startRunAction, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Start HTST run">
      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="unitCode">Unit</Label>
          <Select id="unitCode" name="unitCode">
            <option>HTST-1</option>
            <option>HTST-2</option>
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="sourceSiloId">Source silo</Label>
          <Select id="sourceSiloId" name="sourceSiloId" defaultValue="">
            <option value="">—</option>
            {silos.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="batchId">Batch</Label>
        <Select id="batchId" name="batchId" defaultValue="">
          <option value="">not yet assigned</option>
          {batches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid grid-cols-3 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="holdingTempC">Hold °C</Label>
          <Input id="holdingTempC" name="holdingTempC" type="number" step="0.1" defaultValue={72.5} required />
          <FieldError state={state} name="holdingTempC" />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="holdingTimeS">Hold s</Label>
          <Input id="holdingTimeS" name="holdingTimeS" type="number" defaultValue={15} required />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="flowRateLph">Flow L/h</Label>
          <Input id="flowRateLph" name="flowRateLph" type="number" step={500} />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="chartRef">Chart ref</Label>
        <Input id="chartRef" name="chartRef" placeholder="HTST1-CH-0412A" />
      </div>
      <FormMessage state={state} />
      <SubmitButton>Start run</SubmitButton>
    </form>
  );
}

export function CloseRunForm({ id }: { id: string }) {
  const [state, formAction] = useActionState(closeRunAction, initialActionState);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <Input name="divertCount" type="number" min={0} defaultValue={0} className="h-7 w-16 text-xs" aria-label="Diverts" />
      <SubmitButton pendingLabel="…">Close</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
