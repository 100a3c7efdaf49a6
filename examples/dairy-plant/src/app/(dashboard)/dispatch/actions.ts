"use server";

import { revalidatePath } from "next/cache";
import { advanceOrder, createOrder } from "@/db/repositories/dispatch-orders";
import { failed, invalid, type ActionState } from "@/lib/action-result";
import { requireUser } from "@/lib/auth";
import { dispatchOrderInput, dispatchStatusInput } from "@/lib/validation/dispatch";

export async function createDispatchOrderAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireUser();
  const parsed = dispatchOrderInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const order = await createOrder({ ...parsed.data, maxTransitTempC: parsed.data.maxTransitTempC.toFixed(1) });
    revalidatePath("/dispatch");
    return { ok: true, message: `${order.orderNumber} created for ${order.customerAccount}.` };
  } catch (err) {
    return failed(err);
  }
}

export async function advanceDispatchOrderAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireUser();
  const parsed = dispatchStatusInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  if (parsed.data.status === "dispatched" && !parsed.data.vehicleReg) {
    return { ok: false, message: "Enter the trailer registration before dispatching." };
  }
  const order = await advanceOrder(parsed.data.id, parsed.data.status, parsed.data.vehicleReg);
  if (!order) return { ok: false, message: "Order not found." };
  revalidatePath("/dispatch");
  return { ok: true, message: `${order.orderNumber}: ${order.status}.` };
}
