"use server";

import { revalidatePath } from "next/cache";
import { createProduct, discontinueProduct } from "@/db/repositories/products";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireRole } from "@/lib/auth";
import { productInput } from "@/lib/validation/products";

export async function createProductAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireRole("supervisor", "qa");
  const parsed = productInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const product = await createProduct({ ...parsed.data, gtin: parsed.data.gtin || null });
    revalidatePath("/products");
    return { ok: true, message: `${product.sku} created.` };
  } catch (err) {
    return failed(err);
  }
}

export async function discontinueProductAction(sku: string) {
  await requireRole("supervisor");
  await discontinueProduct(sku);
  revalidatePath("/products");
}
