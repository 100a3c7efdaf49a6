"use server";

import { revalidatePath } from "next/cache";
import { completeCycle, startCycle } from "@/db/repositories/cip-cycles";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireUser } from "@/lib/auth";
import { cipCompleteInput, cipStartInput } from "@/lib/validation/processing";

export async function startCycleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = cipStartInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await startCycle(parsed.data.circuit, user.email);
  } catch (err) {
    return failed(err);
  }
  revalidatePath("/cip");
  return { ok: true, message: `CIP started on ${parsed.data.circuit}.` };
}

export async function completeCycleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireUser();
  const parsed = cipCompleteInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  const { id, ...measurements } = parsed.data;
  const { cycle, verdict } = await completeCycle(id, measurements);
  if (!cycle) return { ok: false, message: "Cycle not found." };
  revalidatePath("/cip");
  return verdict.pass
    ? { ok: true, message: `${cycle.circuit}: CIP verified.` }
    : { ok: false, message: `${cycle.circuit}: CIP FAILED — ${verdict.failures.join("; ")}. Re-run before use.` };
}
