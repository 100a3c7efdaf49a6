import { boolean, date, integer, numeric, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { complaintSeverityEnum, holdStatusEnum } from "./enums";
import { farms } from "./intake";
import { productionBatches } from "./processing";

/** HACCP critical-control-point checks. Table is created in supabase/migrations (RLS). */
export const haccpChecks = pgTable("haccp_checks", {
  id: uuid("id").primaryKey().defaultRandom(),
  ccp: varchar("ccp", { length: 32 }).notNull(), // CCP1-pasteurisation, CCP2-metal-detection, CCP3-cold-storage
  checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
  checkedBy: text("checked_by").notNull(),
  measuredValue: numeric("measured_value", { precision: 8, scale: 2 }).notNull(),
  unit: varchar("unit", { length: 8 }).notNull(),
  criticalLimit: text("critical_limit").notNull(),
  withinLimit: boolean("within_limit").notNull(),
  correctiveAction: text("corrective_action"),
  verifiedBy: text("verified_by"),
  verifiedAt: timestamp("verified_at", { withTimezone: true }),
});

export const qualityHolds = pgTable("quality_holds", {
  id: uuid("id").primaryKey().defaultRandom(),
  batchId: uuid("batch_id")
    .notNull()
    .references(() => productionBatches.id),
  reason: text("reason").notNull(),
  placedBy: text("placed_by").notNull(),
  placedAt: timestamp("placed_at", { withTimezone: true }).notNull().defaultNow(),
  status: holdStatusEnum("status").notNull().default("open"),
  disposition: text("disposition"),
  releasedBy: text("released_by"),
  releasedAt: timestamp("released_at", { withTimezone: true }),
});

export const customerComplaints = pgTable("customer_complaints", {
  id: uuid("id").primaryKey().defaultRandom(),
  reference: varchar("reference", { length: 16 }).notNull().unique(), // CC-2024-0031
  customerAccount: varchar("customer_account", { length: 16 }),
  productSku: varchar("product_sku", { length: 24 }),
  batchNumber: varchar("batch_number", { length: 20 }),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  category: varchar("category", { length: 16 }).notNull(), // foreign_body | taste | packaging | illness | other
  severity: complaintSeverityEnum("severity").notNull().default("low"),
  description: text("description").notNull(),
  status: varchar("status", { length: 12 }).notNull().default("open"),
  closedAt: timestamp("closed_at", { withTimezone: true }),
});

/** Audits of milk suppliers and packaging/ingredient vendors. No migration generated yet. */
export const supplierAudits = pgTable("supplier_audits", {
  id: uuid("id").primaryKey().defaultRandom(),
  supplierName: text("supplier_name").notNull(),
  supplierType: varchar("supplier_type", { length: 12 }).notNull(), // farm | packaging | ingredient
  farmId: uuid("farm_id").references(() => farms.id),
  auditedOn: date("audited_on").notNull(),
  auditor: text("auditor").notNull(),
  score: integer("score"),
  nonConformities: integer("non_conformities").notNull().default(0),
  nextAuditDue: date("next_audit_due"),
  reportUrl: text("report_url"),
});

export type HaccpCheck = typeof haccpChecks.$inferSelect;
export type QualityHold = typeof qualityHolds.$inferSelect;
export type CustomerComplaint = typeof customerComplaints.$inferSelect;
