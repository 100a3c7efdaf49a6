import { pgEnum } from "drizzle-orm/pg-core";

/** Payment grade of a farm collection, decided by the lab (TBC/SCC bands). */
export const milkGradeEnum = pgEnum("milk_grade", ["A", "B", "C", "rejected"]);

export const batchStatusEnum = pgEnum("batch_status", [
  "planned",
  "in_progress",
  "on_hold",
  "released",
  "rejected",
]);

export const cipResultEnum = pgEnum("cip_result", ["running", "pass", "fail", "aborted"]);

export const dispatchStatusEnum = pgEnum("dispatch_status", [
  "draft",
  "picking",
  "loaded",
  "dispatched",
  "delivered",
  "cancelled",
]);

export const shiftKindEnum = pgEnum("shift_kind", ["early", "late", "night"]);

export const holdStatusEnum = pgEnum("hold_status", ["open", "released", "destroyed"]);

export const complaintSeverityEnum = pgEnum("complaint_severity", ["low", "medium", "high", "critical"]);
