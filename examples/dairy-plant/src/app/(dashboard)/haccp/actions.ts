"use server";

import { revalidatePath } from "next/cache";
import { recordHaccpCheck, verifyHaccpCheck } from "@/lib/data/haccp";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireRole, requireUser } from "@/lib/auth";
import { CCPS, haccpCheckInput } from "@/lib/validation/quality";

export async function recordHaccpCheckAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = haccpCheckInput.safeParse(Object.fromEntries([...formData.entries()].filter(([, v]) => v !== "")));
  if (!parsed.success) return invalid(parsed.error);
  const ccp = CCPS[parsed.data.ccp];
  const withinLimit = ccp.ok(parsed.data.measuredValue);
  try {
    await recordHaccpCheck({
      ccp: parsed.data.ccp,
      checked_at: new Date().toISOString(),
      checked_by: user.email,
      measured_value: parsed.data.measuredValue,
      unit: ccp.unit,
      critical_limit: ccp.limit,
      within_limit: withinLimit,
      corrective_action: parsed.data.correctiveAction ?? null,
    });
  } catch (err) {
    return failed(err);
  }
  revalidatePath("/haccp");
  return withinLimit
    ? { ok: true, message: "Check recorded." }
    : { ok: true, message: "Deviation recorded — QA has been notified." };
}

export async function verifyHaccpCheckAction(id: string) {
  const qa = await requireRole("qa");
  await verifyHaccpCheck(id, qa.email);
  revalidatePath("/haccp");
}
