import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { dispatchNotes, dispatchOrders } from "@/db/schema";

export async function listDispatchNotes(limit = 50) {
  return db
    .select({
      id: dispatchNotes.id,
      noteNumber: dispatchNotes.noteNumber,
      issuedAt: dispatchNotes.issuedAt,
      receivedBy: dispatchNotes.receivedBy,
      temperatureOnArrivalC: dispatchNotes.temperatureOnArrivalC,
      discrepancies: dispatchNotes.discrepancies,
      orderNumber: dispatchOrders.orderNumber,
      customerAccount: dispatchOrders.customerAccount,
    })
    .from(dispatchNotes)
    .innerJoin(dispatchOrders, eq(dispatchNotes.dispatchOrderId, dispatchOrders.id))
    .orderBy(desc(dispatchNotes.issuedAt))
    .limit(limit);
}

export async function recordDispatchNote(input: typeof dispatchNotes.$inferInsert) {
  const [row] = await db.insert(dispatchNotes).values(input).returning();
  return row;
}

export async function amendDiscrepancies(id: string, discrepancies: string) {
  await db.update(dispatchNotes).set({ discrepancies }).where(eq(dispatchNotes.id, id));
}
