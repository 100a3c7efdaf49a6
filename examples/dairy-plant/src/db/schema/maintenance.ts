import { pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

/** Mirror of the CMMS (Limble) work orders; created by supabase/migrations. */
export const maintenanceWorkOrders = pgTable("maintenance_work_orders", {
  id: uuid("id").primaryKey().defaultRandom(),
  cmmsId: text("cmms_id").notNull().unique(),
  woNumber: varchar("wo_number", { length: 16 }).notNull(),
  assetTag: varchar("asset_tag", { length: 24 }).notNull(), // HTST-1, HOMOG-1, FILL-2
  description: text("description").notNull(),
  priority: varchar("priority", { length: 8 }).notNull().default("normal"), // low | normal | high | urgent
  status: varchar("status", { length: 16 }).notNull().default("open"),
  requestedBy: text("requested_by"),
  assignedTo: text("assigned_to"),
  dueAt: timestamp("due_at", { withTimezone: true }),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type MaintenanceWorkOrder = typeof maintenanceWorkOrders.$inferSelect;
export type NewMaintenanceWorkOrder = typeof maintenanceWorkOrders.$inferInsert;
