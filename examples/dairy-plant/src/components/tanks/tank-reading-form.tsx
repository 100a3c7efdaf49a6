"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";

type Silo = { id: string; code: string };

/**
 * Manual dip readings for silos without a working level transmitter. Posts to the JSON route
 * so the same endpoint can be used by the handheld scanners on the floor.
 */
export function TankReadingForm({ silos }: { silos: Silo[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = event.currentTarget;
    const body = Object.fromEntries(new FormData(form));
    const res = await fetch("/api/tanks/readings", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, agitatorOn: body.agitatorOn === "on" }),
    });
    if (!res.ok) {
      const payload = (await res.json().catch(() => ({}))) as { error?: string };
      setError(payload.error ?? `Reading not saved (${res.status})`);
      return;
    }
    form.reset();
    startTransition(() => router.refresh());
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Record dip reading">
      <div className="flex flex-col gap-1">
        <Label htmlFor="siloId">Silo</Label>
        <Select id="siloId" name="siloId">
          {silos.map((s) => (
            <option key={s.id} value={s.id}>
              {s.code}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="volumeL">Volume (L)</Label>
          <Input id="volumeL" name="volumeL" type="number" required />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="tempC">Temp (°C)</Label>
          <Input id="tempC" name="tempC" type="number" step="0.1" required />
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="agitatorOn" /> Agitator running
      </label>
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      <Button type="submit" disabled={isPending}>
        Record reading
      </Button>
    </form>
  );
}
