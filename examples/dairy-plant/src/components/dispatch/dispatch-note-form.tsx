"use client";

import { useActionState } from "react";
import { recordDispatchNoteAction } from "@/app/(dashboard)/dispatch/notes/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

export function DispatchNoteForm({ orders }: { orders: { id: string; orderNumber: string; customerAccount: string }[] }) {
  const [state, formAction] = useActionState(recordDispatchNoteAction, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Record delivery note">
      <div className="flex flex-col gap-1">
        <Label htmlFor="dispatchOrderId">Order</Label>
        <Select id="dispatchOrderId" name="dispatchOrderId">
          {orders.map((o) => (
            <option key={o.id} value={o.id}>
              {o.orderNumber} · {o.customerAccount}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="noteNumber">Note no.</Label>
          <Input id="noteNumber" name="noteNumber" placeholder="DN-240413-0031" required />
          <FieldError state={state} name="noteNumber" />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="issuedAt">Signed at</Label>
          <Input id="issuedAt" name="issuedAt" type="datetime-local" required />
        </div>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="receivedBy">Received by</Label>
          <Input id="receivedBy" name="receivedBy" required />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="temperatureOnArrivalC">Temp on arrival °C</Label>
          <Input id="temperatureOnArrivalC" name="temperatureOnArrivalC" type="number" step="0.1" />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="discrepancies">Discrepancies</Label>
        <Input id="discrepancies" name="discrepancies" placeholder="short 2 cases GM-WM-2L, 1 damaged" />
      </div>
      <FormMessage state={state} />
      <SubmitButton>Record note</SubmitButton>
    </form>
  );
}
