"use server";

import { revalidatePath } from "next/cache";
import { listHolds, placeHold, resolveHold } from "@/db/repositories/quality-holds";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireRole } from "@/lib/auth";
import { holdInput, holdReleaseInput } from "@/lib/validation/quality";

/** Hold workflow for QA. Backend is done; the hold board UI ships with the next release. */

export async function listOpenHoldsAction() {
  await requireRole("qa", "supervisor");
  return listHolds("open");
}

export async function placeHoldAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const qa = await requireRole("qa");
  const parsed = holdInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await placeHold(parsed.data.batchId, parsed.data.reason, qa.email);
  } catch (err) {
    return failed(err);
  }
  revalidatePath("/batches");
  return { ok: true, message: "Batch placed on hold." };
}

export async function resolveHoldAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const qa = await requireRole("qa");
  const parsed = holdReleaseInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  const hold = await resolveHold(parsed.data.id, parsed.data.disposition, qa.email);
  if (!hold) return { ok: false, message: "Hold not found." };
  revalidatePath("/batches");
  return { ok: true, message: `Hold ${hold.status}.` };
}
