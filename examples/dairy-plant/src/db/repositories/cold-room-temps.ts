import { and, desc, eq, gte } from "drizzle-orm";
import { db } from "@/db";
import { coldRoomTemperatureLogs, type NewColdRoomTemperatureLog } from "@/db/schema";

export async function recentTemperatures(opts: { coldRoomId?: string; since: Date; limit?: number }) {
  return db
    .select()
    .from(coldRoomTemperatureLogs)
    .where(
      and(
        gte(coldRoomTemperatureLogs.recordedAt, opts.since),
        opts.coldRoomId ? eq(coldRoomTemperatureLogs.coldRoomId, opts.coldRoomId) : undefined,
      ),
    )
    .orderBy(desc(coldRoomTemperatureLogs.recordedAt))
    .limit(opts.limit ?? 200);
}

export async function logManualTemperature(input: { coldRoomId: string; tempC: number; doorOpen: boolean; recordedBy: string }) {
  const [row] = await db
    .insert(coldRoomTemperatureLogs)
    .values({
      coldRoomId: input.coldRoomId,
      recordedAt: new Date(),
      tempC: input.tempC.toFixed(1),
      doorOpen: input.doorOpen,
      source: "manual",
      recordedBy: input.recordedBy,
    })
    .returning();
  return row;
}

export async function insertSensorReadings(rows: NewColdRoomTemperatureLog[]) {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(coldRoomTemperatureLogs).values(rows).returning({ id: coldRoomTemperatureLogs.id });
  return inserted.length;
}
