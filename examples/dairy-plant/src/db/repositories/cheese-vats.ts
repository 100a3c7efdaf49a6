import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { cheeseVats } from "@/db/schema";
import type { ingredientLots } from "@/db/schema";

type IngredientLot = typeof ingredientLots.$inferSelect;

/**
 * Cheese room vat records. The vat board UI and its actions are next on the cheese-line backlog;
 * for now vats are filled from the PLC recipe screen and only read here.
 */
export async function listVats(limit = 16) {
  return db.select().from(cheeseVats).orderBy(desc(cheeseVats.filledAt)).limit(limit);
}

export async function fillVat(input: {
  vatNumber: number;
  milkVolumeL: number;
  batchId?: string;
  rennet: IngredientLot;
  culture: IngredientLot;
}) {
  if (input.rennet.expiresOn && new Date(input.rennet.expiresOn) < new Date()) {
    throw new Error(`Rennet lot ${input.rennet.lotNumber} is past its expiry date`);
  }
  const [row] = await db
    .insert(cheeseVats)
    .values({
      vatNumber: input.vatNumber,
      milkVolumeL: input.milkVolumeL,
      batchId: input.batchId,
      rennetLotId: input.rennet.id,
      cultureLotId: input.culture.id,
      filledAt: new Date(),
    })
    .returning();
  return row;
}

export async function recordCut(id: string, drainPh: number) {
  await db
    .update(cheeseVats)
    .set({ cutAt: new Date(), drainPh: drainPh.toFixed(2), status: "drained" })
    .where(eq(cheeseVats.id, id));
}
