import { desc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { siloTanks, tankLevelReadings } from "@/db/schema";

export async function latestReadings(limit = 30) {
  return db
    .select({
      id: tankLevelReadings.id,
      readAt: tankLevelReadings.readAt,
      volumeL: tankLevelReadings.volumeL,
      tempC: tankLevelReadings.tempC,
      agitatorOn: tankLevelReadings.agitatorOn,
      source: tankLevelReadings.source,
      siloCode: siloTanks.code,
      capacityL: siloTanks.capacityL,
    })
    .from(tankLevelReadings)
    .innerJoin(siloTanks, eq(tankLevelReadings.siloId, siloTanks.id))
    .orderBy(desc(tankLevelReadings.readAt))
    .limit(limit);
}

export async function readingsForSilo(siloId: string, hours = 24) {
  return db
    .select()
    .from(tankLevelReadings)
    .where(sql`${tankLevelReadings.siloId} = ${siloId} and ${tankLevelReadings.readAt} > now() - make_interval(hours => ${hours})`)
    .orderBy(desc(tankLevelReadings.readAt));
}

export async function recordReading(input: {
  siloId: string;
  volumeL: number;
  tempC: number;
  agitatorOn: boolean;
  recordedBy: string;
}) {
  const [row] = await db
    .insert(tankLevelReadings)
    .values({ ...input, tempC: input.tempC.toFixed(1), source: "manual" })
    .returning();
  return row;
}
