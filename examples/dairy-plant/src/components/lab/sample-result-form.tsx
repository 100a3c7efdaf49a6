"use client";

import { useActionState } from "react";
import { recordResultAction } from "@/app/(dashboard)/lab/samples/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

type PendingSample = { id: string; sampleCode: string };

const FIELDS = [
  { name: "fatPct", label: "Fat %", step: "0.01" },
  { name: "proteinPct", label: "Protein %", step: "0.01" },
  { name: "lactosePct", label: "Lactose %", step: "0.01" },
  { name: "somaticCellCount", label: "SCC (×1000/ml)", step: "1" },
  { name: "totalBacterialCount", label: "TBC (×1000 cfu/ml)", step: "1" },
  { name: "freezingPointC", label: "Freezing point (°C)", step: "0.001" },
] as const;

export function SampleResultForm({ pending }: { pending: PendingSample[] }) {
  const [state, formAction] = useActionState(recordResultAction, initialActionState);
  if (pending.length === 0) return <p className="text-sm text-slate-500">No samples waiting for results.</p>;
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Enter result">
      <div className="flex flex-col gap-1">
        <Label htmlFor="sampleId">Sample</Label>
        <Select id="sampleId" name="sampleId">
          {pending.map((s) => (
            <option key={s.id} value={s.id}>
              {s.sampleCode}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid grid-cols-2 gap-3">
        {FIELDS.map((f) => (
          <div key={f.name} className="flex flex-col gap-1">
            <Label htmlFor={f.name}>{f.label}</Label>
            <Input id={f.name} name={f.name} type="number" step={f.step} required />
            <FieldError state={state} name={f.name} />
          </div>
        ))}
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="antibioticResult">Inhibitor screen</Label>
        <Select id="antibioticResult" name="antibioticResult" defaultValue="negative">
          <option value="negative">Negative</option>
          <option value="positive">Positive</option>
          <option value="inconclusive">Inconclusive</option>
        </Select>
      </div>
      <FormMessage state={state} />
      <SubmitButton>Save result</SubmitButton>
    </form>
  );
}
