import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { db } from "@/db";
import { dispatchOrders, type DispatchOrder, type NewDispatchOrder } from "@/db/schema";

export async function listOpenOrders() {
  return db
    .select()
    .from(dispatchOrders)
    .where(inArray(dispatchOrders.status, ["draft", "picking", "loaded"]))
    .orderBy(asc(dispatchOrders.requestedDeliveryDate), asc(dispatchOrders.orderNumber));
}

export async function listRecentOrders(limit = 60) {
  return db.select().from(dispatchOrders).orderBy(desc(dispatchOrders.createdAt)).limit(limit);
}

export async function ordersForDeliveryDate(from: string, to: string = from) {
  return db
    .select()
    .from(dispatchOrders)
    .where(
      and(
        gte(dispatchOrders.requestedDeliveryDate, from),
        lte(dispatchOrders.requestedDeliveryDate, to),
        inArray(dispatchOrders.status, ["loaded", "dispatched"]),
      ),
    )
    .orderBy(asc(dispatchOrders.customerAccount));
}

export async function createOrder(input: NewDispatchOrder) {
  const [row] = await db.insert(dispatchOrders).values(input).returning();
  return row;
}

export async function advanceOrder(id: string, status: DispatchOrder["status"], vehicleReg?: string) {
  const now = new Date();
  const [row] = await db
    .update(dispatchOrders)
    .set({
      status,
      vehicleReg,
      loadedAt: status === "loaded" ? now : undefined,
      dispatchedAt: status === "dispatched" ? now : undefined,
    })
    .where(eq(dispatchOrders.id, id))
    .returning();
  return row ?? null;
}
