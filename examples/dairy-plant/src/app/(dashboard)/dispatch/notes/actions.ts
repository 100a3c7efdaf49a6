"use server";

import { revalidatePath } from "next/cache";
import { recordDispatchNote } from "@/db/repositories/dispatch-notes";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireUser } from "@/lib/auth";
import { dispatchNoteInput } from "@/lib/validation/dispatch";

export async function recordDispatchNoteAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireUser();
  const raw = Object.fromEntries([...formData.entries()].filter(([, v]) => v !== ""));
  const parsed = dispatchNoteInput.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const note = await recordDispatchNote({
      ...parsed.data,
      temperatureOnArrivalC: parsed.data.temperatureOnArrivalC?.toFixed(1),
    });
    revalidatePath("/dispatch/notes");
    return { ok: true, message: `${note.noteNumber} recorded.` };
  } catch (err) {
    return failed(err);
  }
}
