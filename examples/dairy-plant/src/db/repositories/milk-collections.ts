import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { farms, milkCollections, type NewMilkCollection } from "@/db/schema";

const collectionRow = {
  id: milkCollections.id,
  docketNumber: milkCollections.docketNumber,
  collectedAt: milkCollections.collectedAt,
  volumeL: milkCollections.volumeL,
  tempC: milkCollections.tempC,
  grade: milkCollections.grade,
  intakeBay: milkCollections.intakeBay,
  rejected: milkCollections.rejected,
  rejectionReason: milkCollections.rejectionReason,
  farmId: farms.id,
  farmName: farms.name,
  supplierCode: farms.supplierCode,
};

export type CollectionRow = Awaited<ReturnType<typeof listRecentCollections>>[number];

export async function listRecentCollections(limit = 50) {
  return db
    .select(collectionRow)
    .from(milkCollections)
    .innerJoin(farms, eq(milkCollections.farmId, farms.id))
    .orderBy(desc(milkCollections.collectedAt))
    .limit(limit);
}

export async function listCollectionsPage(opts: { since?: Date; supplierCode?: string; before?: Date; limit: number }) {
  return db
    .select(collectionRow)
    .from(milkCollections)
    .innerJoin(farms, eq(milkCollections.farmId, farms.id))
    .where(
      and(
        opts.since ? gte(milkCollections.collectedAt, opts.since) : undefined,
        opts.before ? lt(milkCollections.collectedAt, opts.before) : undefined,
        opts.supplierCode ? eq(farms.supplierCode, opts.supplierCode) : undefined,
      ),
    )
    .orderBy(desc(milkCollections.collectedAt))
    .limit(opts.limit);
}

export async function countCollectionsSince(since: Date): Promise<number> {
  return db.$count(milkCollections, gte(milkCollections.collectedAt, since));
}

export async function intakeTotalsSince(since: Date) {
  const [row] = await db
    .select({
      litres: sql<string>`coalesce(sum(${milkCollections.volumeL}) filter (where not ${milkCollections.rejected}), 0)`,
      rejectedLitres: sql<string>`coalesce(sum(${milkCollections.volumeL}) filter (where ${milkCollections.rejected}), 0)`,
    })
    .from(milkCollections)
    .where(gte(milkCollections.collectedAt, since));
  return { litres: Number(row.litres), rejectedLitres: Number(row.rejectedLitres) };
}

export async function recordCollection(input: NewMilkCollection) {
  const [row] = await db.insert(milkCollections).values(input).returning();
  return row;
}

export async function rejectCollection(id: string, reason: string) {
  const [row] = await db
    .update(milkCollections)
    .set({ rejected: true, rejectionReason: reason, grade: "rejected" })
    .where(eq(milkCollections.id, id))
    .returning({ id: milkCollections.id, docketNumber: milkCollections.docketNumber });
  return row ?? null;
}
