import { z } from "zod";

export const CCPS = {
  "CCP1-pasteurisation": { unit: "C", limit: ">= 72.0 C for 15 s", ok: (v: number) => v >= 72 },
  "CCP2-metal-detection": { unit: "pass", limit: "all test pieces rejected", ok: (v: number) => v === 1 },
  "CCP3-cold-storage": { unit: "C", limit: "<= 5.0 C", ok: (v: number) => v <= 5 },
} as const;

export type CcpCode = keyof typeof CCPS;

export const haccpCheckInput = z
  .object({
    ccp: z.enum(Object.keys(CCPS) as [CcpCode, ...CcpCode[]]),
    measuredValue: z.coerce.number(),
    correctiveAction: z.string().trim().max(500).optional(),
  })
  .refine((c) => CCPS[c.ccp].ok(c.measuredValue) || !!c.correctiveAction, {
    message: "Out of limit: record the corrective action taken",
    path: ["correctiveAction"],
  });

export const holdInput = z.object({
  batchId: z.string().uuid(),
  reason: z.string().trim().min(10),
});

export const holdReleaseInput = z.object({
  id: z.string().uuid(),
  disposition: z.enum(["release", "rework", "destroy"]),
});

export const complaintInput = z.object({
  customerAccount: z.string().trim().toUpperCase().max(16).optional(),
  productSku: z.string().trim().toUpperCase().max(24).optional(),
  batchNumber: z.string().trim().max(20).optional(),
  category: z.enum(["foreign_body", "taste", "packaging", "illness", "other"]),
  severity: z.enum(["low", "medium", "high", "critical"]),
  description: z.string().trim().min(10).max(2000),
});
