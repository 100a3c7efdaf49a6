import { desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { pasteurisationRuns, productionBatches, type NewPasteurisationRun } from "@/db/schema";

/** Legal minimum for HTST pasteurisation of milk (Reg. (EC) 853/2004). */
export const HTST_MIN_TEMP_C = 72;
export const HTST_MIN_HOLD_S = 15;

export async function listRuns(limit = 50) {
  return db
    .select({
      id: pasteurisationRuns.id,
      unitCode: pasteurisationRuns.unitCode,
      startedAt: pasteurisationRuns.startedAt,
      endedAt: pasteurisationRuns.endedAt,
      holdingTempC: pasteurisationRuns.holdingTempC,
      holdingTimeS: pasteurisationRuns.holdingTimeS,
      divertCount: pasteurisationRuns.divertCount,
      passed: pasteurisationRuns.passed,
      chartRef: pasteurisationRuns.chartRef,
      batchNumber: productionBatches.batchNumber,
    })
    .from(pasteurisationRuns)
    .leftJoin(productionBatches, eq(pasteurisationRuns.batchId, productionBatches.id))
    .orderBy(desc(pasteurisationRuns.startedAt))
    .limit(limit);
}

export async function startRun(input: NewPasteurisationRun) {
  const [row] = await db.insert(pasteurisationRuns).values(input).returning();
  return row;
}

export async function closeRun(id: string, divertCount: number) {
  const [run] = await db.select().from(pasteurisationRuns).where(eq(pasteurisationRuns.id, id));
  if (!run) return null;
  const passed = Number(run.holdingTempC) >= HTST_MIN_TEMP_C && run.holdingTimeS >= HTST_MIN_HOLD_S;
  const [row] = await db
    .update(pasteurisationRuns)
    .set({ endedAt: new Date(), divertCount, passed })
    .where(eq(pasteurisationRuns.id, id))
    .returning();
  return row;
}

export async function openRuns() {
  return db.select().from(pasteurisationRuns).where(isNull(pasteurisationRuns.endedAt));
}

export async function runExistsForChart(chartRef: string) {
  const [row] = await db
    .select({ id: pasteurisationRuns.id })
    .from(pasteurisationRuns)
    .where(eq(pasteurisationRuns.chartRef, chartRef))
    .limit(1);
  return !!row;
}
