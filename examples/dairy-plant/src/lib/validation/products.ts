import { z } from "zod";

export const productInput = z.object({
  sku: z.string().trim().toUpperCase().regex(/^GM-[A-Z]{2}-[A-Z0-9]+$/),
  name: z.string().min(3).max(120),
  category: z.enum(["milk", "cream", "butter", "cheese", "yoghurt"]),
  packSize: z.string().min(1).max(24),
  gtin: z.string().regex(/^\d{13,14}$/).optional().or(z.literal("")),
  shelfLifeDays: z.coerce.number().int().min(1).max(730),
  storageTempMaxC: z.coerce.number().int().min(-25).max(8),
});

export type ProductInput = z.infer<typeof productInput>;
