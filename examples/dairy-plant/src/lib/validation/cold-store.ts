import { z } from "zod";

export const coldRoomInput = z.object({
  code: z.string().regex(/^CR-\d+$/),
  name: z.string().min(3),
  setpointC: z.coerce.number().min(-30).max(12),
  alarmHighC: z.coerce.number().min(-25).max(15),
  palletPositions: z.coerce.number().int().positive(),
});

export const manualTemperatureInput = z.object({
  coldRoomId: z.string().uuid(),
  tempC: z.coerce.number().min(-35).max(20),
  doorOpen: z.coerce.boolean().default(false),
});

/** Payload posted by the Monnit sensor gateway. */
export const sensorBatch = z.object({
  gateway: z.string(),
  readings: z
    .array(
      z.object({
        sensorId: z.string(),
        coldRoomId: z.string().uuid(),
        at: z.string().datetime({ offset: true }),
        tempC: z.number(),
        door: z.boolean().optional(),
      }),
    )
    .max(500),
});
