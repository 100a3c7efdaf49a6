import { asc, lte } from "drizzle-orm";
import { db } from "@/db";
import { equipmentCalibrations, type EquipmentCalibration } from "@/db/schema";

/** Calibration register for the lab instruments, soonest due first. Entered by the QA manager in the LIMS. */
export async function listCalibrations(): Promise<EquipmentCalibration[]> {
  return db.select().from(equipmentCalibrations).orderBy(asc(equipmentCalibrations.dueAt));
}

export async function calibrationsDueBy(date: string) {
  return db
    .select()
    .from(equipmentCalibrations)
    .where(lte(equipmentCalibrations.dueAt, date))
    .orderBy(asc(equipmentCalibrations.dueAt));
}
