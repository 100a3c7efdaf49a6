import { z } from "zod";
import { batchStatusEnum } from "@/db/schema";

export const batchInput = z.object({
  batchNumber: z.string().regex(/^B\d{2}-\d{4}-\d{2}$/, "Use the B24-0412-01 format"),
  productSku: z.string().trim().toUpperCase().regex(/^GM-[A-Z]{2}-[A-Z0-9]+$/, "Unknown SKU format"),
  plannedVolumeL: z.coerce.number().int().min(500).max(60000),
  notes: z.string().max(500).optional(),
});

export const batchStatusInput = z.object({
  id: z.string().uuid(),
  status: z.enum(batchStatusEnum.enumValues),
  actualVolumeL: z.coerce.number().int().positive().optional(),
});

export const siloInput = z.object({
  code: z.string().regex(/^[A-Z]+-\d{2}$/),
  name: z.string().min(3),
  capacityL: z.coerce.number().int().min(1000).max(150000),
  contents: z.enum(["raw_milk", "cream", "skim", "past_milk"]),
});

export const tankReadingInput = z.object({
  siloId: z.string().uuid(),
  volumeL: z.coerce.number().int().min(0),
  tempC: z.coerce.number().min(-2).max(12),
  agitatorOn: z.coerce.boolean().default(false),
});

export type TankReadingInput = z.infer<typeof tankReadingInput>;

export const cipStartInput = z.object({
  circuit: z.enum(["SILO-01", "SILO-02", "SILO-03", "CREAM-01", "HTST-1", "FILL-1", "FILL-2", "TANKER-BAY"]),
});

export const cipCompleteInput = z.object({
  id: z.string().uuid(),
  causticConcPct: z.coerce.number().min(0).max(5),
  causticTempC: z.coerce.number().min(0).max(95),
  acidConcPct: z.coerce.number().min(0).max(5),
  finalRinseConductivityMs: z.coerce.number().min(0),
});

export const htstRunInput = z.object({
  unitCode: z.enum(["HTST-1", "HTST-2"]),
  sourceSiloId: z.string().uuid().optional(),
  batchId: z.string().uuid().optional(),
  holdingTempC: z.coerce.number().min(60).max(95),
  holdingTimeS: z.coerce.number().int().min(1).max(60),
  flowRateLph: z.coerce.number().int().positive().optional(),
  chartRef: z.string().max(40).optional(),
});
