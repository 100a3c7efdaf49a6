"use client";

import { useActionState } from "react";
import { completeCycleAction, startCycleAction } from "@/app/(dashboard)/cip/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

const CIRCUITS = ["SILO-01", "SILO-02", "SILO-03", "CREAM-01", "HTST-1", "FILL-1", "FILL-2", "TANKER-BAY"];

export function StartCipForm() {
  const [state, formAction] = useActionState(startCycleAction, initialActionState);
  return (
    <form action={formAction} className="flex items-end gap-3">
      <div className="flex flex-col gap-1">
        <Label htmlFor="circuit">Circuit</Label>
        <Select id="circuit" name="circuit">
          {CIRCUITS.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </Select>
      </div>
      <SubmitButton>Start CIP</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function CompleteCipForm({ cycleId, circuit }: { cycleId: string; circuit: string }) {
  const [state, formAction] = useActionState(completeCycleAction, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-2 rounded border border-slate-200 p-3" aria-label={`Verify ${circuit}`}>
      <input type="hidden" name="id" value={cycleId} />
      <div className="text-sm font-medium">{circuit}</div>
      <div className="grid grid-cols-4 gap-2">
        <div>
          <Label htmlFor={`cc-${cycleId}`}>Caustic %</Label>
          <Input id={`cc-${cycleId}`} name="causticConcPct" type="number" step="0.01" required />
        </div>
        <div>
          <Label htmlFor={`ct-${cycleId}`}>Caustic °C</Label>
          <Input id={`ct-${cycleId}`} name="causticTempC" type="number" step="0.1" required />
        </div>
        <div>
          <Label htmlFor={`ac-${cycleId}`}>Acid %</Label>
          <Input id={`ac-${cycleId}`} name="acidConcPct" type="number" step="0.01" required />
        </div>
        <div>
          <Label htmlFor={`fr-${cycleId}`}>Rinse mS</Label>
          <Input id={`fr-${cycleId}`} name="finalRinseConductivityMs" type="number" step="0.001" required />
        </div>
      </div>
      <FieldError state={state} name="causticConcPct" />
      <FormMessage state={state} />
      <SubmitButton>Verify cycle</SubmitButton>
    </form>
  );
}
