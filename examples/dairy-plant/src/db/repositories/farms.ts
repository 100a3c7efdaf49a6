import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { farms, type Farm, type NewFarm } from "@/db/schema";

export type FarmFilter = { search?: string; region?: string; includeInactive?: boolean };

export async function listFarms(filter: FarmFilter = {}): Promise<Farm[]> {
  return db.query.farms.findMany({
    where: (f, { and, eq, ilike, or }) =>
      and(
        filter.includeInactive ? undefined : eq(f.active, true),
        filter.region ? eq(f.region, filter.region) : undefined,
        filter.search ? or(ilike(f.name, `%${filter.search}%`), ilike(f.supplierCode, `%${filter.search}%`)) : undefined,
      ),
    orderBy: (f, { asc }) => [asc(f.name)],
  });
}

export async function getFarm(id: string): Promise<Farm | null> {
  const [row] = await db.select().from(farms).where(eq(farms.id, id)).limit(1);
  return row ?? null;
}

export async function getFarmBySupplierCode(code: string): Promise<Farm | null> {
  const [row] = await db.select().from(farms).where(eq(farms.supplierCode, code)).limit(1);
  return row ?? null;
}

export async function createFarm(input: NewFarm): Promise<Farm> {
  const [row] = await db.insert(farms).values(input).returning();
  return row;
}

export async function updateFarm(id: string, patch: Partial<NewFarm>): Promise<Farm | null> {
  const [row] = await db
    .update(farms)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(farms.id, id))
    .returning();
  return row ?? null;
}

export async function setFarmActive(id: string, active: boolean): Promise<void> {
  await db.update(farms).set({ active, updatedAt: new Date() }).where(eq(farms.id, id));
}

/** Bulk upsert keyed on supplier code, used by the co-op supplier register import. */
export async function upsertFarms(rows: NewFarm[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insert(farms)
    .values(rows)
    .onConflictDoUpdate({
      target: farms.supplierCode,
      set: {
        name: sql`excluded.name`,
        ownerName: sql`excluded.owner_name`,
        region: sql`excluded.region`,
        herdSize: sql`excluded.herd_size`,
        organicCertified: sql`excluded.organic_certified`,
        active: sql`excluded.active`,
        updatedAt: new Date(),
      },
    })
    .returning({ id: farms.id });
  return result.length;
}
