CREATE TYPE "public"."batch_status" AS ENUM('planned', 'in_progress', 'on_hold', 'released', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."cip_result" AS ENUM('running', 'pass', 'fail', 'aborted');--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sku" varchar(24) NOT NULL,
	"name" text NOT NULL,
	"category" varchar(16) NOT NULL,
	"pack_size" text NOT NULL,
	"gtin" varchar(14),
	"shelf_life_days" integer NOT NULL,
	"storage_temp_max_c" integer DEFAULT 5 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "products_sku_unique" UNIQUE("sku")
);
--> statement-breakpoint
CREATE TABLE "production_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_number" varchar(20) NOT NULL,
	"product_sku" varchar(24) NOT NULL,
	"status" "batch_status" DEFAULT 'planned' NOT NULL,
	"planned_volume_l" integer NOT NULL,
	"actual_volume_l" integer,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"released_by" text,
	"released_at" timestamp with time zone,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "production_batches_batch_number_unique" UNIQUE("batch_number")
);
--> statement-breakpoint
CREATE TABLE "pasteurisation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" varchar(12) NOT NULL,
	"source_silo_id" uuid,
	"batch_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"holding_temp_c" numeric(4, 1) NOT NULL,
	"holding_time_s" integer NOT NULL,
	"flow_rate_lph" integer,
	"divert_count" integer DEFAULT 0 NOT NULL,
	"chart_ref" text,
	"operator_name" text,
	"passed" boolean
);
--> statement-breakpoint
CREATE TABLE "cip_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"circuit" varchar(24) NOT NULL,
	"plc_cycle_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"caustic_conc_pct" numeric(4, 2),
	"caustic_temp_c" numeric(4, 1),
	"acid_conc_pct" numeric(4, 2),
	"final_rinse_conductivity_ms" numeric(6, 3),
	"result" "cip_result" DEFAULT 'running' NOT NULL,
	"operator_name" text,
	"verified_by" text,
	CONSTRAINT "cip_cycles_plc_cycle_id_unique" UNIQUE("plc_cycle_id")
);
--> statement-breakpoint
CREATE TABLE "packaging_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"line" varchar(12) NOT NULL,
	"product_sku" varchar(24) NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"units_packed" integer DEFAULT 0 NOT NULL,
	"units_rejected" integer DEFAULT 0 NOT NULL,
	"packaging_lot" text
);
--> statement-breakpoint
ALTER TABLE "production_batches" ADD CONSTRAINT "production_batches_product_sku_products_sku_fk" FOREIGN KEY ("product_sku") REFERENCES "public"."products"("sku") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pasteurisation_runs" ADD CONSTRAINT "pasteurisation_runs_source_silo_id_silo_tanks_id_fk" FOREIGN KEY ("source_silo_id") REFERENCES "public"."silo_tanks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pasteurisation_runs" ADD CONSTRAINT "pasteurisation_runs_batch_id_production_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."production_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packaging_runs" ADD CONSTRAINT "packaging_runs_batch_id_production_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."production_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packaging_runs" ADD CONSTRAINT "packaging_runs_product_sku_products_sku_fk" FOREIGN KEY ("product_sku") REFERENCES "public"."products"("sku") ON DELETE no action ON UPDATE no action;
