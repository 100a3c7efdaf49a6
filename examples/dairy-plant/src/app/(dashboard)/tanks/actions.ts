"use server";

import { revalidatePath } from "next/cache";
import { createSilo, setSiloInService } from "@/db/repositories/silo-tanks";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireRole } from "@/lib/auth";
import { siloInput } from "@/lib/validation/processing";

export async function createSiloAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireRole("supervisor");
  const parsed = siloInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const silo = await createSilo(parsed.data);
    revalidatePath("/tanks");
    return { ok: true, message: `${silo.code} added.` };
  } catch (err) {
    return failed(err);
  }
}

export async function setSiloInServiceAction(id: string, inService: boolean) {
  await requireRole("supervisor");
  await setSiloInService(id, inService);
  revalidatePath("/tanks");
}
