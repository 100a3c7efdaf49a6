"use client";

import { useActionState } from "react";
import { updateBatchStatusAction } from "@/app/(dashboard)/batches/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FormMessage, SubmitButton } from "@/components/ui/form-bits";

const NEXT: Record<string, string[]> = {
  planned: ["in_progress"],
  in_progress: ["on_hold", "released", "rejected"],
  on_hold: ["in_progress", "released", "rejected"],
  released: [],
  rejected: [],
};

export function BatchStatusForm({ id, status }: { id: string; status: string }) {
  const [state, formAction] = useActionState(updateBatchStatusAction, initialActionState);
  const options = NEXT[status] ?? [];
  if (options.length === 0) return <p className="text-sm text-slate-500">This batch is closed.</p>;
  return (
    <form action={formAction} className="flex items-end gap-3">
      <input type="hidden" name="id" value={id} />
      <div className="flex flex-col gap-1">
        <Label htmlFor="status">Move to</Label>
        <Select id="status" name="status">
          {options.map((o) => (
            <option key={o} value={o}>
              {o.replace("_", " ")}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="actualVolumeL">Actual volume (L)</Label>
        <Input id="actualVolumeL" name="actualVolumeL" type="number" className="w-32" />
      </div>
      <SubmitButton>Update</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
