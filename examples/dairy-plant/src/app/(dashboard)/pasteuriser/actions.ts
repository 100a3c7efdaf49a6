"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { closeRun, startRun } from "@/db/repositories/pasteurisation";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireUser } from "@/lib/auth";
import { htstRunInput } from "@/lib/validation/processing";

export async function startRunAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const raw = Object.fromEntries([...formData.entries()].filter(([, v]) => v !== ""));
  const parsed = htstRunInput.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await startRun({
      ...parsed.data,
      holdingTempC: parsed.data.holdingTempC.toFixed(1),
      startedAt: new Date(),
      operatorName: user.email,
    });
  } catch (err) {
    return failed(err);
  }
  revalidatePath("/pasteuriser");
  return { ok: true, message: `${parsed.data.unitCode} run started.` };
}

const closeInput = z.object({ id: z.string().uuid(), divertCount: z.coerce.number().int().min(0) });

export async function closeRunAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireUser();
  const parsed = closeInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  const run = await closeRun(parsed.data.id, parsed.data.divertCount);
  if (!run) return { ok: false, message: "Run not found." };
  revalidatePath("/pasteuriser");
  return run.passed
    ? { ok: true, message: "Run closed within legal limits." }
    : { ok: false, message: "Run closed BELOW 72 °C / 15 s — product must be held (CCP1)." };
}
