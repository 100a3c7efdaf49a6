import { bigint, date, integer, pgTable, text, timestamp, boolean, uuid, varchar } from "drizzle-orm/pg-core";
import { productionBatches } from "./processing";

export const products = pgTable("products", {
  id: uuid("id").primaryKey().defaultRandom(),
  sku: varchar("sku", { length: 24 }).notNull().unique(),
  name: text("name").notNull(),
  category: varchar("category", { length: 16 }).notNull(), // milk | cream | butter | cheese | yoghurt
  packSize: text("pack_size").notNull(), // "2L", "250g", "20kg block"
  gtin: varchar("gtin", { length: 14 }),
  shelfLifeDays: integer("shelf_life_days").notNull(),
  storageTempMaxC: integer("storage_temp_max_c").notNull().default(5),
  active: boolean("active").notNull().default(true),
});

export const packagingRuns = pgTable("packaging_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  batchId: uuid("batch_id")
    .notNull()
    .references(() => productionBatches.id),
  line: varchar("line", { length: 12 }).notNull(), // FILL-1, FILL-2, BUTTER-1
  productSku: varchar("product_sku", { length: 24 })
    .notNull()
    .references(() => products.sku),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  unitsPacked: integer("units_packed").notNull().default(0),
  unitsRejected: integer("units_rejected").notNull().default(0),
  packagingLot: text("packaging_lot"),
});

export const palletLabels = pgTable("pallet_labels", {
  id: uuid("id").primaryKey().defaultRandom(),
  sscc: varchar("sscc", { length: 18 }).notNull().unique(),
  packagingRunId: uuid("packaging_run_id")
    .notNull()
    .references(() => packagingRuns.id),
  productSku: varchar("product_sku", { length: 24 }).notNull(),
  units: integer("units").notNull(),
  bestBefore: date("best_before").notNull(),
  grossWeightG: bigint("gross_weight_g", { mode: "number" }),
  printedAt: timestamp("printed_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
