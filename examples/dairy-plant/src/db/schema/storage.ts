import { bigserial, boolean, date, index, integer, numeric, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

// Cold rooms and their temperature log are created by supabase/migrations (RLS + realtime),
// and mirrored here so Drizzle can query them.
export const coldRooms = pgTable("cold_rooms", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: varchar("code", { length: 12 }).notNull().unique(), // CR-1 chill, CR-4 freezer
  name: text("name").notNull(),
  setpointC: numeric("setpoint_c", { precision: 4, scale: 1 }).notNull(),
  alarmHighC: numeric("alarm_high_c", { precision: 4, scale: 1 }).notNull(),
  palletPositions: integer("pallet_positions").notNull(),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const coldRoomTemperatureLogs = pgTable(
  "cold_room_temperature_logs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    coldRoomId: uuid("cold_room_id")
      .notNull()
      .references(() => coldRooms.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    tempC: numeric("temp_c", { precision: 4, scale: 1 }).notNull(),
    doorOpen: boolean("door_open").notNull().default(false),
    source: varchar("source", { length: 12 }).notNull().default("sensor"), // sensor | manual
    sensorId: text("sensor_id"),
    recordedBy: text("recorded_by"),
  },
  (t) => [index("cold_room_temperature_logs_room_idx").on(t.coldRoomId, t.recordedAt)],
);

/** Cultures, rennet, salt, packaging film: lots received into the dry store. */
export const ingredientLots = pgTable("ingredient_lots", {
  id: uuid("id").primaryKey().defaultRandom(),
  material: text("material").notNull(),
  supplier: text("supplier").notNull(),
  lotNumber: text("lot_number").notNull(),
  receivedOn: date("received_on").notNull(),
  expiresOn: date("expires_on"),
  quantity: numeric("quantity", { precision: 10, scale: 2 }).notNull(),
  unit: varchar("unit", { length: 8 }).notNull(),
  coaReceived: boolean("coa_received").notNull().default(false),
});

export type ColdRoom = typeof coldRooms.$inferSelect;
export type ColdRoomTemperatureLog = typeof coldRoomTemperatureLogs.$inferSelect;
export type NewColdRoomTemperatureLog = typeof coldRoomTemperatureLogs.$inferInsert;
