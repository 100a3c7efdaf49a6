import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { productionBatches, qualityHolds } from "@/db/schema";

export async function listHolds(status?: "open" | "released" | "destroyed") {
  return db
    .select({
      id: qualityHolds.id,
      reason: qualityHolds.reason,
      status: qualityHolds.status,
      placedBy: qualityHolds.placedBy,
      placedAt: qualityHolds.placedAt,
      disposition: qualityHolds.disposition,
      batchNumber: productionBatches.batchNumber,
      productSku: productionBatches.productSku,
    })
    .from(qualityHolds)
    .innerJoin(productionBatches, eq(qualityHolds.batchId, productionBatches.id))
    .where(status ? eq(qualityHolds.status, status) : undefined)
    .orderBy(desc(qualityHolds.placedAt));
}

export async function placeHold(batchId: string, reason: string, placedBy: string) {
  return db.transaction(async (tx) => {
    const [hold] = await tx.insert(qualityHolds).values({ batchId, reason, placedBy }).returning();
    await tx.update(productionBatches).set({ status: "on_hold" }).where(eq(productionBatches.id, batchId));
    return hold;
  });
}

export async function resolveHold(id: string, disposition: "release" | "rework" | "destroy", by: string) {
  const [row] = await db
    .update(qualityHolds)
    .set({
      status: disposition === "destroy" ? "destroyed" : "released",
      disposition,
      releasedBy: by,
      releasedAt: new Date(),
    })
    .where(eq(qualityHolds.id, id))
    .returning();
  return row ?? null;
}
