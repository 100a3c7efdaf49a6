"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createBatch, deletePlannedBatch, setBatchStatus } from "@/db/repositories/batches";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireRole, requireUser } from "@/lib/auth";
import { batchInput, batchStatusInput } from "@/lib/validation/processing";

export async function createBatchAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireRole("supervisor");
  const parsed = batchInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  let batchNumber: string;
  try {
    const batch = await createBatch(parsed.data);
    batchNumber = batch.batchNumber;
  } catch (err) {
    return failed(err);
  }
  revalidatePath("/batches");
  redirect(`/batches/${batchNumber}`);
}

export async function updateBatchStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = batchStatusInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  if (parsed.data.status === "released" && user.role !== "qa") {
    return { ok: false, message: "Only QA can release a batch." };
  }
  const batch = await setBatchStatus(parsed.data.id, parsed.data.status, {
    actualVolumeL: parsed.data.actualVolumeL,
    releasedBy: user.email,
  });
  if (!batch) return { ok: false, message: "Batch not found." };
  revalidatePath("/batches");
  revalidatePath(`/batches/${batch.batchNumber}`);
  return { ok: true, message: `Batch ${batch.batchNumber} is now ${batch.status.replace("_", " ")}.` };
}

export async function deleteBatchAction(id: string) {
  await requireRole("supervisor");
  const deleted = await deletePlannedBatch(id);
  if (!deleted) throw new Error("Only planned batches can be deleted.");
  revalidatePath("/batches");
  redirect("/batches");
}
