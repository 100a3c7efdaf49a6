"use server";

import { revalidatePath } from "next/cache";
import { recordCollection, rejectCollection } from "@/db/repositories/milk-collections";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireUser } from "@/lib/auth";
import { collectionInput, rejectInput } from "@/lib/validation/intake";

export async function recordCollectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = collectionInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);

  const c = parsed.data;
  try {
    const row = await recordCollection({
      docketNumber: c.docketNumber,
      farmId: c.farmId,
      collectedAt: c.collectedAt,
      volumeL: c.volumeL.toFixed(1),
      tempC: c.tempC.toFixed(1),
      grade: c.grade,
      intakeBay: c.intakeBay,
      driverName: c.driverName ?? user.email,
    });
    revalidatePath("/intake");
    return { ok: true, message: `Docket ${row.docketNumber} received: ${c.volumeL.toLocaleString("en-IE")} L.` };
  } catch (err) {
    return failed(err);
  }
}

export async function rejectCollectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireUser();
  const parsed = rejectInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  const row = await rejectCollection(parsed.data.id, parsed.data.reason);
  if (!row) return { ok: false, message: "Collection not found." };
  revalidatePath("/intake");
  return { ok: true, message: `Docket ${row.docketNumber} rejected.` };
}
