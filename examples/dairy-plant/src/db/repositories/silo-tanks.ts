import { asc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { siloTanks, type SiloTank } from "@/db/schema";

export async function listSilos(): Promise<SiloTank[]> {
  return db.select().from(siloTanks).orderBy(asc(siloTanks.code));
}

export async function createSilo(input: typeof siloTanks.$inferInsert) {
  const [row] = await db.insert(siloTanks).values(input).returning();
  return row;
}

export async function setSiloInService(id: string, inService: boolean) {
  await db.update(siloTanks).set({ inService }).where(eq(siloTanks.id, id));
}

export async function markSiloCleaned(code: string, at: Date) {
  await db.update(siloTanks).set({ lastCipAt: at }).where(eq(siloTanks.code, code));
}

export type SiloInventoryRow = {
  code: string;
  contents: string;
  current_volume_l: number;
  capacity_l: number;
  fill_pct: number;
  hours_since_cip: number | null;
};

/** Inventory snapshot for the ERP export and the v1 API. */
export async function siloInventory(): Promise<SiloInventoryRow[]> {
  const rows = await db.execute<SiloInventoryRow>(sql`
    select code,
           contents,
           current_volume_l,
           capacity_l,
           round(100.0 * current_volume_l / nullif(capacity_l, 0), 1) as fill_pct,
           round(extract(epoch from now() - last_cip_at) / 3600.0, 1) as hours_since_cip
      from ${siloTanks}
     where in_service
     order by code
  `);
  return Array.from(rows);
}
