"use server";

// Rota actions for the shift planner. The planner screen itself is still in design
// (Figma: "Rota v2"); these are called from nowhere in the UI yet.

import { revalidateTag } from "next/cache";
import { cancelShift, createShift, shiftsForWeek, swapShift } from "@/db/repositories/staff-shifts";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireRole } from "@/lib/auth";
import { shiftInput } from "@/lib/validation/shifts";

export async function getWeekRota(weekStartIso: string, area?: string) {
  await requireRole("supervisor", "operator", "qa");
  return shiftsForWeek(new Date(weekStartIso), area);
}

export async function createShiftAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireRole("supervisor");
  const parsed = shiftInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await createShift(parsed.data);
  } catch (err) {
    return failed(err);
  }
  revalidateTag("rota");
  return { ok: true, message: `${parsed.data.staffName} rostered.` };
}

export async function swapShiftAction(shiftId: string, employeeNumber: string, staffName: string) {
  await requireRole("supervisor");
  const row = await swapShift(shiftId, employeeNumber, staffName);
  revalidateTag("rota");
  return row;
}

export async function cancelShiftAction(shiftId: string) {
  await requireRole("supervisor");
  await cancelShift(shiftId);
  revalidateTag("rota");
}
