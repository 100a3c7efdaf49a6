import { z } from "zod";

const pct = z.coerce.number().min(0).max(60);

export const sampleResultInput = z.object({
  sampleId: z.string().uuid(),
  fatPct: pct,
  proteinPct: pct,
  lactosePct: pct,
  somaticCellCount: z.coerce.number().int().min(0).max(5000),
  totalBacterialCount: z.coerce.number().int().min(0).max(10000),
  freezingPointC: z.coerce.number().min(-0.6).max(-0.4),
  antibioticResult: z.enum(["negative", "positive", "inconclusive"]),
  testKit: z.string().default("Delvotest SP-NT"),
});

export type SampleResultInput = z.infer<typeof sampleResultInput>;

/** Shape of one result row in the LIMS export (LabWare REST, /results). */
export const limsResult = z.object({
  sample_id: z.string(),
  lims_id: z.string(),
  sampled_at: z.string(),
  analysed_at: z.string(),
  analyst: z.string(),
  fat: z.number(),
  protein: z.number(),
  lactose: z.number(),
  scc: z.number().int(),
  tbc: z.number().int(),
  fpd: z.number(),
  inhibitors: z.enum(["NEG", "POS", "INC"]),
});

export type LimsResult = z.infer<typeof limsResult>;
