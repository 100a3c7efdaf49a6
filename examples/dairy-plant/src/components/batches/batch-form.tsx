"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/action-result";
import { initialActionState } from "@/lib/action-result";
import { Input, Label } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

type Props = { action: (prev: ActionState, formData: FormData) => Promise<ActionState>; suggestedNumber: string };

export function BatchForm({ action, suggestedNumber }: Props) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Plan batch">
      <div className="flex flex-col gap-1">
        <Label htmlFor="batchNumber">Batch number</Label>
        <Input id="batchNumber" name="batchNumber" defaultValue={suggestedNumber} required />
        <FieldError state={state} name="batchNumber" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="productSku">Product SKU</Label>
        <Input id="productSku" name="productSku" placeholder="GM-WM-2L" required />
        <FieldError state={state} name="productSku" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="plannedVolumeL">Planned volume (L)</Label>
        <Input id="plannedVolumeL" name="plannedVolumeL" type="number" step={500} required />
        <FieldError state={state} name="plannedVolumeL" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="notes">Notes</Label>
        <Input id="notes" name="notes" />
      </div>
      <FormMessage state={state} />
      <SubmitButton>Plan batch</SubmitButton>
    </form>
  );
}
