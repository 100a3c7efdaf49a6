import "dotenv/config";
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/index.ts",
  out: "./drizzle",
  dbCredentials: {
    url: process.env.DATABASE_URL!,
  },
  schemaFilter: ["public", "lab"],
  // These tables are owned by Supabase migrations (RLS policies, realtime), not drizzle-kit.
  tablesFilter: ["!haccp_checks", "!cold_rooms", "!cold_room_temperature_logs", "!maintenance_work_orders"],
  strict: true,
  verbose: true,
});
