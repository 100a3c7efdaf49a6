import {
  bigserial,
  boolean,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { batchStatusEnum, cipResultEnum } from "./enums";
import { products } from "./packaging";
import { ingredientLots } from "./storage";

export const siloTanks = pgTable("silo_tanks", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: varchar("code", { length: 12 }).notNull().unique(), // SILO-01
  name: text("name").notNull(),
  capacityL: integer("capacity_l").notNull(),
  contents: varchar("contents", { length: 16 }).notNull().default("raw_milk"), // raw_milk | cream | skim | past_milk
  currentVolumeL: integer("current_volume_l").notNull().default(0),
  lastCipAt: timestamp("last_cip_at", { withTimezone: true }),
  inService: boolean("in_service").notNull().default(true),
});

export const tankLevelReadings = pgTable(
  "tank_level_readings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    siloId: uuid("silo_id")
      .notNull()
      .references(() => siloTanks.id),
    readAt: timestamp("read_at", { withTimezone: true }).notNull().defaultNow(),
    volumeL: integer("volume_l").notNull(),
    tempC: numeric("temp_c", { precision: 4, scale: 1 }).notNull(),
    agitatorOn: boolean("agitator_on").notNull().default(false),
    source: varchar("source", { length: 8 }).notNull().default("manual"), // manual | plc
    recordedBy: text("recorded_by"),
  },
  (t) => [index("tank_level_readings_silo_read_idx").on(t.siloId, t.readAt)],
);

export const productionBatches = pgTable("production_batches", {
  id: uuid("id").primaryKey().defaultRandom(),
  batchNumber: varchar("batch_number", { length: 20 }).notNull().unique(), // e.g. B24-0412-02
  productSku: varchar("product_sku", { length: 24 })
    .notNull()
    .references(() => products.sku),
  status: batchStatusEnum("status").notNull().default("planned"),
  plannedVolumeL: integer("planned_volume_l").notNull(),
  actualVolumeL: integer("actual_volume_l"),
  startedAt: timestamp("started_at", { withTimezone: true }),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  releasedBy: text("released_by"),
  releasedAt: timestamp("released_at", { withTimezone: true }),
  notes: text("notes"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One HTST (high-temperature short-time) pasteuriser run: 72 °C for 15 s, chart-recorded. */
export const pasteurisationRuns = pgTable("pasteurisation_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  unitCode: varchar("unit_code", { length: 12 }).notNull(), // HTST-1
  sourceSiloId: uuid("source_silo_id").references(() => siloTanks.id),
  batchId: uuid("batch_id").references(() => productionBatches.id),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  holdingTempC: numeric("holding_temp_c", { precision: 4, scale: 1 }).notNull(),
  holdingTimeS: integer("holding_time_s").notNull(),
  flowRateLph: integer("flow_rate_lph"),
  divertCount: integer("divert_count").notNull().default(0),
  chartRef: text("chart_ref"),
  operatorName: text("operator_name"),
  passed: boolean("passed"),
});

export const cipCycles = pgTable("cip_cycles", {
  id: uuid("id").primaryKey().defaultRandom(),
  circuit: varchar("circuit", { length: 24 }).notNull(), // SILO-01, HTST-1, FILL-2, TANKER-BAY
  plcCycleId: text("plc_cycle_id").unique(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  causticConcPct: numeric("caustic_conc_pct", { precision: 4, scale: 2 }),
  causticTempC: numeric("caustic_temp_c", { precision: 4, scale: 1 }),
  acidConcPct: numeric("acid_conc_pct", { precision: 4, scale: 2 }),
  finalRinseConductivityMs: numeric("final_rinse_conductivity_ms", { precision: 6, scale: 3 }),
  result: cipResultEnum("result").notNull().default("running"),
  operatorName: text("operator_name"),
  verifiedBy: text("verified_by"),
});

export const cheeseVats = pgTable("cheese_vats", {
  id: uuid("id").primaryKey().defaultRandom(),
  vatNumber: integer("vat_number").notNull(),
  batchId: uuid("batch_id").references(() => productionBatches.id),
  milkVolumeL: integer("milk_volume_l").notNull(),
  rennetLotId: uuid("rennet_lot_id").references(() => ingredientLots.id),
  cultureLotId: uuid("culture_lot_id").references(() => ingredientLots.id),
  setTempC: numeric("set_temp_c", { precision: 4, scale: 1 }),
  filledAt: timestamp("filled_at", { withTimezone: true }).notNull(),
  cutAt: timestamp("cut_at", { withTimezone: true }),
  drainPh: numeric("drain_ph", { precision: 3, scale: 2 }),
  status: varchar("status", { length: 12 }).notNull().default("filling"), // filling | setting | cooking | drained
});

export type SiloTank = typeof siloTanks.$inferSelect;
export type ProductionBatch = typeof productionBatches.$inferSelect;
export type NewProductionBatch = typeof productionBatches.$inferInsert;
export type PasteurisationRun = typeof pasteurisationRuns.$inferSelect;
export type NewPasteurisationRun = typeof pasteurisationRuns.$inferInsert;
export type CipCycle = typeof cipCycles.$inferSelect;
export type NewCipCycle = typeof cipCycles.$inferInsert;
export type CheeseVat = typeof cheeseVats.$inferSelect;
