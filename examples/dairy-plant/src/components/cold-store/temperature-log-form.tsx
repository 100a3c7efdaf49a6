"use client";

import { useActionState } from "react";
import { logTemperatureAction } from "@/app/(dashboard)/cold-store/actions";
import { initialActionState } from "@/lib/action-result";
import { Input, Label, Select } from "@/components/ui/input";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form-bits";

export function TemperatureLogForm({ rooms }: { rooms: { id: string; code: string; name: string }[] }) {
  const [state, formAction] = useActionState(logTemperatureAction, initialActionState);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Manual temperature">
      <div className="flex flex-col gap-1">
        <Label htmlFor="coldRoomId">Room</Label>
        <Select id="coldRoomId" name="coldRoomId">
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.code} — {r.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="tempC">Temperature (°C)</Label>
        <Input id="tempC" name="tempC" type="number" step="0.1" required />
        <FieldError state={state} name="tempC" />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="doorOpen" value="true" /> Door open at time of reading
      </label>
      <FormMessage state={state} />
      <SubmitButton>Log reading</SubmitButton>
    </form>
  );
}
