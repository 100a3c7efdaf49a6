import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { coldRooms } from "@/db/schema";

export async function listColdRooms() {
  return db.select().from(coldRooms).where(eq(coldRooms.active, true)).orderBy(asc(coldRooms.code));
}

export async function createColdRoom(input: typeof coldRooms.$inferInsert) {
  const [row] = await db.insert(coldRooms).values(input).returning();
  return row;
}

export async function updateColdRoomSetpoint(id: string, setpointC: number, alarmHighC: number) {
  const [row] = await db
    .update(coldRooms)
    .set({ setpointC: setpointC.toFixed(1), alarmHighC: alarmHighC.toFixed(1) })
    .where(eq(coldRooms.id, id))
    .returning();
  return row ?? null;
}
