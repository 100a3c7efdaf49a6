import { boolean, date, integer, numeric, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { dispatchStatusEnum } from "./enums";

export const customers = pgTable("customers", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountCode: varchar("account_code", { length: 16 }).notNull().unique(),
  name: text("name").notNull(),
  channel: varchar("channel", { length: 16 }).notNull(), // retail | foodservice | export | wholesale
  deliveryAddress: text("delivery_address").notNull(),
  deliveryWindow: text("delivery_window"), // "05:00-09:00"
  requiresTempLog: boolean("requires_temp_log").notNull().default(true),
  active: boolean("active").notNull().default(true),
});

// Created as "outbound_orders" in 0002, renamed in 0004.
export const dispatchOrders = pgTable("dispatch_orders", {
  id: uuid("id").primaryKey().defaultRandom(),
  orderNumber: varchar("order_number", { length: 20 }).notNull().unique(),
  customerAccount: varchar("customer_account", { length: 16 }).notNull(), // ERP account code
  requestedDeliveryDate: date("requested_delivery_date").notNull(),
  status: dispatchStatusEnum("status").notNull().default("draft"),
  vehicleReg: text("vehicle_reg"),
  palletCount: integer("pallet_count").notNull().default(0),
  maxTransitTempC: numeric("max_transit_temp_c", { precision: 4, scale: 1 }).notNull().default("5.0"),
  loadedAt: timestamp("loaded_at", { withTimezone: true }),
  dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Proof-of-delivery note signed at the customer's dock. */
export const dispatchNotes = pgTable("dispatch_notes", {
  id: uuid("id").primaryKey().defaultRandom(),
  dispatchOrderId: uuid("dispatch_order_id")
    .notNull()
    .references(() => dispatchOrders.id),
  noteNumber: varchar("note_number", { length: 20 }).notNull().unique(),
  issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
  receivedBy: text("received_by"),
  temperatureOnArrivalC: numeric("temperature_on_arrival_c", { precision: 4, scale: 1 }),
  discrepancies: text("discrepancies"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Customer = typeof customers.$inferSelect;
export type DispatchOrder = typeof dispatchOrders.$inferSelect;
export type NewDispatchOrder = typeof dispatchOrders.$inferInsert;
export type DispatchNote = typeof dispatchNotes.$inferSelect;
