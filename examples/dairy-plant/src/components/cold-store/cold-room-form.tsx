"use client";

import { useActionState } from "react";
import { createColdRoomAction } from "@/app/(dashboard)/cold-store/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

export function ColdRoomForm() {
  const [state, formAction] = useActionState(createColdRoomAction, initialActionState);
  return (
    <form action={formAction} className="grid grid-cols-2 gap-3" aria-label="Add cold room">
      <div className="flex flex-col gap-1">
        <Label htmlFor="code">Code</Label>
        <Input id="code" name="code" placeholder="CR-5" required />
        <FieldError state={state} name="code" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="name">Name</Label>
        <Input id="name" name="name" required />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="setpointC">Setpoint °C</Label>
        <Input id="setpointC" name="setpointC" type="number" step="0.5" required />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="alarmHighC">High alarm °C</Label>
        <Input id="alarmHighC" name="alarmHighC" type="number" step="0.5" required />
      </div>
      <div className="col-span-2 flex flex-col gap-1">
        <Label htmlFor="palletPositions">Pallet positions</Label>
        <Input id="palletPositions" name="palletPositions" type="number" required />
      </div>
      <div className="col-span-2 flex items-center gap-3">
        <SubmitButton>Add room</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
