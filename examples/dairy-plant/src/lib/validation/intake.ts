import { createInsertSchema } from "drizzle-zod";
import { z } from "zod";
import { farms, milkGradeEnum } from "@/db/schema";

const optionalInt = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().optional());

export const farmInput = createInsertSchema(farms, {
  supplierCode: (s) => s.regex(/^F-\d{5}$/, "Supplier codes look like F-10231"),
  name: (s) => s.min(2).max(120),
  region: (s) => s.min(2),
})
  .omit({ id: true, createdAt: true, updatedAt: true })
  .extend({
    herdSize: optionalInt,
    bulkTankCapacityL: optionalInt,
    organicCertified: z.coerce.boolean().default(false),
  });

export type FarmInput = z.infer<typeof farmInput>;

export const collectionInput = z
  .object({
    docketNumber: z.string().trim().min(4).max(32),
    farmId: z.string().uuid("Choose a farm"),
    collectedAt: z.coerce.date().max(new Date(Date.now() + 60 * 60 * 1000), "Collection time is in the future"),
    volumeL: z.coerce.number().positive().max(30000, "A single collection cannot exceed the tanker compartment"),
    tempC: z.coerce.number().min(-1).max(15),
    grade: z.enum(milkGradeEnum.enumValues).optional(),
    intakeBay: z.enum(["BAY-1", "BAY-2"]),
    driverName: z.string().trim().max(80).optional(),
  })
  .refine((c) => c.tempC <= 6, {
    message: "Milk above 6 °C must be rejected at intake (see SOP-INT-004)",
    path: ["tempC"],
  });

export type CollectionInput = z.infer<typeof collectionInput>;

export const rejectInput = z.object({
  id: z.string().uuid(),
  reason: z.string().trim().min(5, "Give a reason the driver can sign"),
});
