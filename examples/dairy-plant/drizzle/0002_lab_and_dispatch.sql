CREATE SCHEMA "lab";
--> statement-breakpoint
CREATE TYPE "public"."dispatch_status" AS ENUM('draft', 'picking', 'loaded', 'dispatched', 'delivered', 'cancelled');--> statement-breakpoint
CREATE TABLE "lab"."milk_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sample_code" varchar(24) NOT NULL,
	"collection_id" uuid,
	"source" varchar(16) DEFAULT 'collection' NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"fat_pct" numeric(4, 2),
	"protein_pct" numeric(4, 2),
	"lactose_pct" numeric(4, 2),
	"somatic_cell_count" integer,
	"total_bacterial_count" integer,
	"freezing_point_c" numeric(5, 3),
	"status" varchar(12) DEFAULT 'pending' NOT NULL,
	"lims_id" text,
	"analyst" text,
	"tested_at" timestamp with time zone,
	CONSTRAINT "milk_samples_sample_code_unique" UNIQUE("sample_code"),
	CONSTRAINT "milk_samples_lims_id_unique" UNIQUE("lims_id")
);
--> statement-breakpoint
CREATE TABLE "lab"."equipment_calibrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instrument" text NOT NULL,
	"serial_number" text NOT NULL,
	"calibrated_at" date NOT NULL,
	"due_at" date NOT NULL,
	"calibrated_by" text NOT NULL,
	"certificate_no" text,
	"passed" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_code" varchar(16) NOT NULL,
	"name" text NOT NULL,
	"channel" varchar(16) NOT NULL,
	"delivery_address" text NOT NULL,
	"delivery_window" text,
	"requires_temp_log" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "customers_account_code_unique" UNIQUE("account_code")
);
--> statement-breakpoint
CREATE TABLE "outbound_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_number" varchar(20) NOT NULL,
	"customer_account" varchar(16) NOT NULL,
	"requested_delivery_date" date NOT NULL,
	"status" "dispatch_status" DEFAULT 'draft' NOT NULL,
	"vehicle_reg" text,
	"pallet_count" integer DEFAULT 0 NOT NULL,
	"max_transit_temp_c" numeric(4, 1) DEFAULT '5.0' NOT NULL,
	"loaded_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbound_orders_order_number_unique" UNIQUE("order_number")
);
--> statement-breakpoint
CREATE TABLE "dispatch_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dispatch_order_id" uuid NOT NULL,
	"note_number" varchar(20) NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"received_by" text,
	"temperature_on_arrival_c" numeric(4, 1),
	"discrepancies" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispatch_notes_note_number_unique" UNIQUE("note_number")
);
--> statement-breakpoint
ALTER TABLE "lab"."milk_samples" ADD CONSTRAINT "milk_samples_collection_id_milk_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."milk_collections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_notes" ADD CONSTRAINT "dispatch_notes_dispatch_order_id_outbound_orders_id_fk" FOREIGN KEY ("dispatch_order_id") REFERENCES "public"."outbound_orders"("id") ON DELETE no action ON UPDATE no action;
