import { and, asc, eq, gte, lt } from "drizzle-orm";
import { db } from "@/db";
import { staffShifts, type NewStaffShift } from "@/db/schema";

export async function shiftsForWeek(weekStart: Date, area?: string) {
  const weekEnd = new Date(weekStart.getTime() + 7 * 24 * 3600 * 1000);
  return db
    .select()
    .from(staffShifts)
    .where(
      and(
        gte(staffShifts.startsAt, weekStart),
        lt(staffShifts.startsAt, weekEnd),
        area ? eq(staffShifts.area, area) : undefined,
      ),
    )
    .orderBy(asc(staffShifts.startsAt), asc(staffShifts.staffName));
}

export async function createShift(input: NewStaffShift) {
  const [row] = await db.insert(staffShifts).values(input).returning();
  return row;
}

export async function swapShift(id: string, employeeNumber: string, staffName: string) {
  const [row] = await db
    .update(staffShifts)
    .set({ employeeNumber, staffName })
    .where(eq(staffShifts.id, id))
    .returning();
  return row ?? null;
}

export async function cancelShift(id: string) {
  await db.delete(staffShifts).where(eq(staffShifts.id, id));
}
