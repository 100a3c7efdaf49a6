import { desc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { cipCycles, type NewCipCycle } from "@/db/schema";
import { evaluateCycle, type CipMeasurements } from "@/lib/cip/limits";

export async function listCipCycles(limit = 40) {
  return db.select().from(cipCycles).orderBy(desc(cipCycles.startedAt)).limit(limit);
}

export async function lastPassingCycleByCircuit() {
  return db
    .selectDistinctOn([cipCycles.circuit], {
      circuit: cipCycles.circuit,
      endedAt: cipCycles.endedAt,
      operatorName: cipCycles.operatorName,
    })
    .from(cipCycles)
    .where(eq(cipCycles.result, "pass"))
    .orderBy(cipCycles.circuit, desc(cipCycles.endedAt));
}

export async function startCycle(circuit: string, operatorName: string) {
  const [row] = await db
    .insert(cipCycles)
    .values({ circuit, operatorName, startedAt: new Date(), result: "running" })
    .returning();
  return row;
}

export async function completeCycle(id: string, m: CipMeasurements) {
  const verdict = evaluateCycle(m);
  const [row] = await db
    .update(cipCycles)
    .set({
      endedAt: new Date(),
      causticConcPct: m.causticConcPct.toFixed(2),
      causticTempC: m.causticTempC.toFixed(1),
      acidConcPct: m.acidConcPct.toFixed(2),
      finalRinseConductivityMs: m.finalRinseConductivityMs.toFixed(3),
      result: verdict.pass ? "pass" : "fail",
    })
    .where(eq(cipCycles.id, id))
    .returning();
  return { cycle: row ?? null, verdict };
}

/** Idempotent upsert of cycles read from the PLC historian. */
export async function upsertPlcCycles(rows: NewCipCycle[]) {
  if (rows.length === 0) return 0;
  const result = await db
    .insert(cipCycles)
    .values(rows)
    .onConflictDoUpdate({
      target: cipCycles.plcCycleId,
      set: {
        endedAt: sql`excluded.ended_at`,
        causticConcPct: sql`excluded.caustic_conc_pct`,
        causticTempC: sql`excluded.caustic_temp_c`,
        acidConcPct: sql`excluded.acid_conc_pct`,
        finalRinseConductivityMs: sql`excluded.final_rinse_conductivity_ms`,
        result: sql`excluded.result`,
      },
    })
    .returning({ id: cipCycles.id });
  return result.length;
}
