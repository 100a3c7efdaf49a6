CREATE TYPE "public"."hold_status" AS ENUM('open', 'released', 'destroyed');--> statement-breakpoint
CREATE TYPE "public"."shift_kind" AS ENUM('early', 'late', 'night');--> statement-breakpoint
ALTER TABLE "milk_collections" DROP CONSTRAINT "milk_collections_driver_id_tanker_drivers_id_fk";
--> statement-breakpoint
ALTER TABLE "milk_collections" DROP COLUMN "driver_id";--> statement-breakpoint
ALTER TABLE "milk_collections" ADD COLUMN "driver_name" text;--> statement-breakpoint
DROP TABLE "tanker_drivers" CASCADE;--> statement-breakpoint
CREATE TABLE "staff_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_number" varchar(10) NOT NULL,
	"staff_name" text NOT NULL,
	"area" varchar(16) NOT NULL,
	"shift" "shift_kind" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"supervisor" text,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "tank_level_readings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"silo_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	"volume_l" integer NOT NULL,
	"temp_c" numeric(4, 1) NOT NULL,
	"agitator_on" boolean DEFAULT false NOT NULL,
	"source" varchar(8) DEFAULT 'manual' NOT NULL,
	"recorded_by" text
);
--> statement-breakpoint
CREATE TABLE "quality_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"placed_by" text NOT NULL,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "hold_status" DEFAULT 'open' NOT NULL,
	"disposition" text,
	"released_by" text,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pallet_labels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sscc" varchar(18) NOT NULL,
	"packaging_run_id" uuid NOT NULL,
	"product_sku" varchar(24) NOT NULL,
	"units" integer NOT NULL,
	"best_before" date NOT NULL,
	"gross_weight_g" bigint,
	"printed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pallet_labels_sscc_unique" UNIQUE("sscc")
);
--> statement-breakpoint
CREATE TABLE "ingredient_lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"material" text NOT NULL,
	"supplier" text NOT NULL,
	"lot_number" text NOT NULL,
	"received_on" date NOT NULL,
	"expires_on" date,
	"quantity" numeric(10, 2) NOT NULL,
	"unit" varchar(8) NOT NULL,
	"coa_received" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cheese_vats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vat_number" integer NOT NULL,
	"batch_id" uuid,
	"milk_volume_l" integer NOT NULL,
	"rennet_lot_id" uuid,
	"culture_lot_id" uuid,
	"set_temp_c" numeric(4, 1),
	"filled_at" timestamp with time zone NOT NULL,
	"cut_at" timestamp with time zone,
	"drain_ph" numeric(3, 2),
	"status" varchar(12) DEFAULT 'filling' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tank_level_readings" ADD CONSTRAINT "tank_level_readings_silo_id_silo_tanks_id_fk" FOREIGN KEY ("silo_id") REFERENCES "public"."silo_tanks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_holds" ADD CONSTRAINT "quality_holds_batch_id_production_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."production_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pallet_labels" ADD CONSTRAINT "pallet_labels_packaging_run_id_packaging_runs_id_fk" FOREIGN KEY ("packaging_run_id") REFERENCES "public"."packaging_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheese_vats" ADD CONSTRAINT "cheese_vats_batch_id_production_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."production_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheese_vats" ADD CONSTRAINT "cheese_vats_rennet_lot_id_ingredient_lots_id_fk" FOREIGN KEY ("rennet_lot_id") REFERENCES "public"."ingredient_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheese_vats" ADD CONSTRAINT "cheese_vats_culture_lot_id_ingredient_lots_id_fk" FOREIGN KEY ("culture_lot_id") REFERENCES "public"."ingredient_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tank_level_readings_silo_read_idx" ON "tank_level_readings" USING btree ("silo_id","read_at");
