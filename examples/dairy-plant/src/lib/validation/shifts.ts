import { z } from "zod";

export const shiftInput = z
  .object({
    employeeNumber: z.string().regex(/^E\d{4}$/),
    staffName: z.string().min(2),
    area: z.enum(["intake", "lab", "processing", "packing", "dispatch", "maintenance"]),
    shift: z.enum(["early", "late", "night"]),
    startsAt: z.coerce.date(),
    endsAt: z.coerce.date(),
    supervisor: z.string().optional(),
  })
  .refine((s) => s.endsAt > s.startsAt, { message: "Shift must end after it starts", path: ["endsAt"] })
  .refine((s) => s.endsAt.getTime() - s.startsAt.getTime() <= 12 * 3600 * 1000, {
    message: "Shifts are limited to 12 hours (Working Time Act)",
    path: ["endsAt"],
  });
