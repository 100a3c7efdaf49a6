"use server";

import { revalidatePath } from "next/cache";
import { createFarm, setFarmActive, updateFarm } from "@/db/repositories/farms";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireRole } from "@/lib/auth";
import { farmInput } from "@/lib/validation/intake";

export async function createFarmAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireRole("supervisor", "qa");
  const parsed = farmInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const farm = await createFarm(parsed.data);
    revalidatePath("/farms");
    return { ok: true, message: `${farm.name} (${farm.supplierCode}) added.` };
  } catch (err) {
    return failed(err);
  }
}

export async function updateFarmAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireRole("supervisor", "qa");
  const parsed = farmInput.partial().safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  const farm = await updateFarm(id, parsed.data);
  if (!farm) return { ok: false, message: "Farm not found." };
  revalidatePath("/farms");
  return { ok: true, message: "Saved." };
}

export async function toggleFarmActiveAction(id: string, active: boolean) {
  await requireRole("supervisor");
  await setFarmActive(id, active);
  revalidatePath("/farms");
}
