import { boolean, date, integer, numeric, pgSchema, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { milkCollections } from "./intake";

/** Everything the QC laboratory owns lives in its own Postgres schema. */
export const lab = pgSchema("lab");

export const milkSamples = lab.table("milk_samples", {
  id: uuid("id").primaryKey().defaultRandom(),
  sampleCode: varchar("sample_code", { length: 24 }).notNull().unique(),
  /** Farm collection the sample was drawn from; null for silo and finished-product samples. */
  collectionId: uuid("collection_id").references(() => milkCollections.id),
  source: varchar("source", { length: 16 }).notNull().default("collection"), // collection | silo | product
  sampledAt: timestamp("sampled_at", { withTimezone: true }).notNull(),
  fatPct: numeric("fat_pct", { precision: 4, scale: 2 }),
  proteinPct: numeric("protein_pct", { precision: 4, scale: 2 }),
  lactosePct: numeric("lactose_pct", { precision: 4, scale: 2 }),
  somaticCellCount: integer("somatic_cell_count"), // cells/ml x1000
  totalBacterialCount: integer("total_bacterial_count"), // cfu/ml x1000
  freezingPointC: numeric("freezing_point_c", { precision: 5, scale: 3 }),
  status: varchar("status", { length: 12 }).notNull().default("pending"), // pending | tested | failed
  limsId: text("lims_id").unique(),
  analyst: text("analyst"),
  testedAt: timestamp("tested_at", { withTimezone: true }),
});

/**
 * Beta-lactam / tetracycline screens, one per kit read.
 * TODO(lab): run `npm run db:generate` once the LIMS field mapping is signed off.
 */
export const antibioticScreens = lab.table("antibiotic_screens", {
  id: uuid("id").primaryKey().defaultRandom(),
  sampleId: uuid("sample_id")
    .notNull()
    .references(() => milkSamples.id),
  testKit: text("test_kit").notNull(), // e.g. "Delvotest SP-NT", "Charm ROSA"
  result: varchar("result", { length: 12 }).notNull(), // negative | positive | inconclusive
  readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  analyst: text("analyst"),
});

export const equipmentCalibrations = lab.table("equipment_calibrations", {
  id: uuid("id").primaryKey().defaultRandom(),
  instrument: text("instrument").notNull(),
  serialNumber: text("serial_number").notNull(),
  calibratedAt: date("calibrated_at").notNull(),
  dueAt: date("due_at").notNull(),
  calibratedBy: text("calibrated_by").notNull(),
  certificateNo: text("certificate_no"),
  passed: boolean("passed").notNull(),
});

export type MilkSample = typeof milkSamples.$inferSelect;
export type NewMilkSample = typeof milkSamples.$inferInsert;
export type EquipmentCalibration = typeof equipmentCalibrations.$inferSelect;
