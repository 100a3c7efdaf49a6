import { and, desc, eq, gte, inArray } from "drizzle-orm";
import { db } from "@/db";
import { antibioticScreens, milkSamples, type NewMilkSample } from "@/db/schema";
import type { LimsResult, SampleResultInput } from "@/lib/validation/lab";

export async function listSamples(opts: { status?: string[]; since?: Date; limit?: number } = {}) {
  return db
    .select({
      id: milkSamples.id,
      sampleCode: milkSamples.sampleCode,
      source: milkSamples.source,
      sampledAt: milkSamples.sampledAt,
      status: milkSamples.status,
      fatPct: milkSamples.fatPct,
      proteinPct: milkSamples.proteinPct,
      somaticCellCount: milkSamples.somaticCellCount,
      totalBacterialCount: milkSamples.totalBacterialCount,
      analyst: milkSamples.analyst,
      collectionId: milkSamples.collectionId,
    })
    .from(milkSamples)
    .where(
      and(
        opts.status?.length ? inArray(milkSamples.status, opts.status) : undefined,
        opts.since ? gte(milkSamples.sampledAt, opts.since) : undefined,
      ),
    )
    .orderBy(desc(milkSamples.sampledAt))
    .limit(opts.limit ?? 100);
}

export async function registerSample(input: NewMilkSample) {
  const [row] = await db.insert(milkSamples).values(input).returning();
  return row;
}

/** Manual result entry from the lab bench, including the inhibitor (antibiotic) screen. */
export async function recordSampleResult(input: SampleResultInput, analyst: string) {
  const failed = input.antibioticResult === "positive" || input.totalBacterialCount > 100;
  return db.transaction(async (tx) => {
    const [sample] = await tx
      .update(milkSamples)
      .set({
        fatPct: input.fatPct.toFixed(2),
        proteinPct: input.proteinPct.toFixed(2),
        lactosePct: input.lactosePct.toFixed(2),
        somaticCellCount: input.somaticCellCount,
        totalBacterialCount: input.totalBacterialCount,
        freezingPointC: input.freezingPointC.toFixed(3),
        status: failed ? "failed" : "tested",
        analyst,
        testedAt: new Date(),
      })
      .where(eq(milkSamples.id, input.sampleId))
      .returning();
    await tx.insert(antibioticScreens).values({
      sampleId: input.sampleId,
      testKit: input.testKit,
      result: input.antibioticResult,
      readAt: new Date(),
      analyst,
    });
    return sample;
  });
}

const INHIBITOR: Record<LimsResult["inhibitors"], string> = { NEG: "negative", POS: "positive", INC: "inconclusive" };

/** Apply a page of LIMS results; samples are matched on sample code, results keyed on lims_id. */
export async function applyLimsResults(results: LimsResult[]) {
  let applied = 0;
  for (const r of results) {
    const [sample] = await db
      .update(milkSamples)
      .set({
        limsId: r.lims_id,
        fatPct: r.fat.toFixed(2),
        proteinPct: r.protein.toFixed(2),
        lactosePct: r.lactose.toFixed(2),
        somaticCellCount: r.scc,
        totalBacterialCount: r.tbc,
        freezingPointC: r.fpd.toFixed(3),
        status: r.inhibitors === "POS" ? "failed" : "tested",
        analyst: r.analyst,
        testedAt: new Date(r.analysed_at),
      })
      .where(eq(milkSamples.sampleCode, r.sample_id))
      .returning({ id: milkSamples.id });
    if (!sample) continue;
    await db.insert(antibioticScreens).values({
      sampleId: sample.id,
      testKit: "LIMS",
      result: INHIBITOR[r.inhibitors],
      readAt: new Date(r.analysed_at),
      analyst: r.analyst,
    });
    applied++;
  }
  return applied;
}
