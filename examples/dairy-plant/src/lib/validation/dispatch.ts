import { z } from "zod";

export const dispatchOrderInput = z.object({
  orderNumber: z.string().regex(/^SO-\d{6}-\d{4}$/, "Use the SO-240412-0031 format"),
  customerAccount: z.string().trim().toUpperCase().min(3).max(16),
  requestedDeliveryDate: z.string().date(),
  palletCount: z.coerce.number().int().min(1).max(33),
  maxTransitTempC: z.coerce.number().min(-25).max(8).default(5),
});

export const dispatchStatusInput = z.object({
  id: z.string().uuid(),
  status: z.enum(["picking", "loaded", "dispatched", "delivered", "cancelled"]),
  vehicleReg: z.string().trim().max(16).optional(),
});

export const dispatchNoteInput = z.object({
  dispatchOrderId: z.string().uuid(),
  noteNumber: z.string().regex(/^DN-\d{6}-\d{4}$/),
  issuedAt: z.coerce.date(),
  receivedBy: z.string().trim().min(2),
  temperatureOnArrivalC: z.coerce.number().min(-30).max(15).optional(),
  discrepancies: z.string().max(1000).optional(),
});
