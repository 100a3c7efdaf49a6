import { sql } from "drizzle-orm";
import {
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
import { milkGradeEnum } from "./enums";

export const farms = pgTable("farms", {
  id: uuid("id").primaryKey().defaultRandom(),
  supplierCode: varchar("supplier_code", { length: 16 }).notNull().unique(),
  name: text("name").notNull(),
  ownerName: text("owner_name"),
  region: text("region").notNull(),
  herdSize: integer("herd_size"),
  organicCertified: boolean("organic_certified").notNull().default(false),
  bulkTankCapacityL: integer("bulk_tank_capacity_l"),
  contactPhone: text("contact_phone"),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const tankerRoutes = pgTable("tanker_routes", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: varchar("code", { length: 12 }).notNull().unique(),
  name: text("name").notNull(),
  tankerRegistration: text("tanker_registration"),
  capacityL: integer("capacity_l").notNull(),
  departureTime: varchar("departure_time", { length: 5 }), // "HH:MM", plant local time
  farmCodes: text("farm_codes").array().notNull().default(sql`'{}'::text[]`),
  active: boolean("active").notNull().default(true),
});

export const milkCollections = pgTable(
  "milk_collections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    docketNumber: varchar("docket_number", { length: 32 }).notNull().unique(),
    farmId: uuid("farm_id")
      .notNull()
      .references(() => farms.id),
    routeId: uuid("route_id").references(() => tankerRoutes.id),
    collectedAt: timestamp("collected_at", { withTimezone: true }).notNull(),
    volumeL: numeric("volume_l", { precision: 10, scale: 1 }).notNull(),
    tempC: numeric("temp_c", { precision: 4, scale: 1 }).notNull(),
    grade: milkGradeEnum("grade"),
    intakeBay: varchar("intake_bay", { length: 8 }),
    driverName: text("driver_name"),
    rejected: boolean("rejected").notNull().default(false),
    rejectionReason: text("rejection_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("milk_collections_farm_idx").on(t.farmId, t.collectedAt)],
);

export type Farm = typeof farms.$inferSelect;
export type NewFarm = typeof farms.$inferInsert;
export type MilkCollection = typeof milkCollections.$inferSelect;
export type NewMilkCollection = typeof milkCollections.$inferInsert;
