"use server";

import { revalidatePath } from "next/cache";
import { createColdRoom } from "@/db/repositories/cold-rooms";
import { logManualTemperature } from "@/db/repositories/cold-room-temps";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireRole, requireUser } from "@/lib/auth";
import { coldRoomInput, manualTemperatureInput } from "@/lib/validation/cold-store";

export async function createColdRoomAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireRole("supervisor");
  const parsed = coldRoomInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const room = await createColdRoom({
      ...parsed.data,
      setpointC: parsed.data.setpointC.toFixed(1),
      alarmHighC: parsed.data.alarmHighC.toFixed(1),
    });
    revalidatePath("/cold-store");
    return { ok: true, message: `${room.code} added.` };
  } catch (err) {
    return failed(err);
  }
}

/** Manual reading, required twice per shift when a room's sensor is offline. */
export async function logTemperatureAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = manualTemperatureInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  await logManualTemperature({ ...parsed.data, recordedBy: user.email });
  revalidatePath("/cold-store");
  return { ok: true, message: "Reading logged." };
}
