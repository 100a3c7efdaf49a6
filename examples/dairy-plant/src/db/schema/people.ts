import { pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { shiftKindEnum } from "./enums";

export const staffShifts = pgTable("staff_shifts", {
  id: uuid("id").primaryKey().defaultRandom(),
  employeeNumber: varchar("employee_number", { length: 10 }).notNull(),
  staffName: text("staff_name").notNull(),
  area: varchar("area", { length: 16 }).notNull(), // intake | lab | processing | packing | dispatch | maintenance
  shift: shiftKindEnum("shift").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  supervisor: text("supervisor"),
  notes: text("notes"),
});

export type StaffShift = typeof staffShifts.$inferSelect;
export type NewStaffShift = typeof staffShifts.$inferInsert;
