import { and, eq, inArray, lt } from "drizzle-orm";
import { db } from "@/db";
import { productionBatches, type NewProductionBatch, type ProductionBatch } from "@/db/schema";

type BatchStatus = ProductionBatch["status"];

export async function listBatches(opts: { status?: BatchStatus[]; limit?: number } = {}) {
  return db.query.productionBatches.findMany({
    where: opts.status?.length ? inArray(productionBatches.status, opts.status) : undefined,
    orderBy: (b, { desc }) => [desc(b.createdAt)],
    limit: opts.limit ?? 100,
  });
}

export async function getBatchByNumber(batchNumber: string) {
  return db.query.productionBatches.findFirst({
    where: eq(productionBatches.batchNumber, batchNumber),
  });
}

export async function getBatch(id: string) {
  const [row] = await db.select().from(productionBatches).where(eq(productionBatches.id, id));
  return row ?? null;
}

export async function createBatch(input: NewProductionBatch) {
  const [row] = await db.insert(productionBatches).values(input).returning();
  return row;
}

export async function setBatchStatus(
  id: string,
  status: BatchStatus,
  extra: { actualVolumeL?: number; releasedBy?: string } = {},
) {
  const now = new Date();
  const [row] = await db
    .update(productionBatches)
    .set({
      status,
      actualVolumeL: extra.actualVolumeL,
      startedAt: status === "in_progress" ? now : undefined,
      completedAt: status === "released" || status === "rejected" ? now : undefined,
      releasedBy: status === "released" ? extra.releasedBy : undefined,
      releasedAt: status === "released" ? now : undefined,
    })
    .where(eq(productionBatches.id, id))
    .returning();
  return row ?? null;
}

/** Planned batches that never started can be deleted; anything else is part of the record. */
export async function deletePlannedBatch(id: string): Promise<boolean> {
  const deleted = await db
    .delete(productionBatches)
    .where(and(eq(productionBatches.id, id), eq(productionBatches.status, "planned")))
    .returning({ id: productionBatches.id });
  return deleted.length === 1;
}

export async function listStaleInProgress(olderThan: Date) {
  return db
    .select({ id: productionBatches.id, batchNumber: productionBatches.batchNumber, startedAt: productionBatches.startedAt })
    .from(productionBatches)
    .where(and(eq(productionBatches.status, "in_progress"), lt(productionBatches.startedAt, olderThan)));
}
