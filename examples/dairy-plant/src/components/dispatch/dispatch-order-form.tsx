"use client";

import { useActionState } from "react";
import { advanceDispatchOrderAction, createDispatchOrderAction } from "@/app/(dashboard)/dispatch/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

export function DispatchOrderForm() {
  const [state, formAction] = useActionState(createDispatchOrderAction, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="New dispatch order">
      <div className="flex flex-col gap-1">
        <Label htmlFor="orderNumber">Sales order</Label>
        <Input id="orderNumber" name="orderNumber" placeholder="SO-240414-0001" required />
        <FieldError state={state} name="orderNumber" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="customerAccount">Customer account</Label>
        <Input id="customerAccount" name="customerAccount" placeholder="DUNNES-DC1" required />
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="requestedDeliveryDate">Deliver on</Label>
          <Input id="requestedDeliveryDate" name="requestedDeliveryDate" type="date" required />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="palletCount">Pallets</Label>
          <Input id="palletCount" name="palletCount" type="number" min={1} max={33} required />
        </div>
      </div>
      <FormMessage state={state} />
      <SubmitButton>Create order</SubmitButton>
    </form>
  );
}

const NEXT_STATUS: Record<string, string> = { draft: "picking", picking: "loaded", loaded: "dispatched" };

export function AdvanceOrderForm({ id, status }: { id: string; status: string }) {
  const [state, formAction] = useActionState(advanceDispatchOrderAction, initialActionState);
  const next = NEXT_STATUS[status];
  if (!next) return null;
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="status" value={next} />
      {next === "dispatched" ? <Input name="vehicleReg" placeholder="Trailer reg" className="h-7 w-28 text-xs" /> : null}
      <SubmitButton pendingLabel="…">→ {next}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function StatusFilter({ value }: { value?: string }) {
  return (
    <form className="flex items-center gap-2">
      <Select name="status" defaultValue={value ?? "open"} className="w-40">
        <option value="open">Open orders</option>
        <option value="recent">All recent</option>
      </Select>
      <button className="text-sm text-sky-700">Filter</button>
    </form>
  );
}
