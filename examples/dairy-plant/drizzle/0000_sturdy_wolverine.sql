CREATE TYPE "public"."milk_grade" AS ENUM('A', 'B', 'C', 'rejected');--> statement-breakpoint
CREATE TABLE "farms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_code" varchar(16) NOT NULL,
	"name" text NOT NULL,
	"owner_name" text,
	"region" text NOT NULL,
	"herd_size" integer,
	"organic_certified" boolean DEFAULT false NOT NULL,
	"bulk_tank_capacity_l" integer,
	"contact_phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "farms_supplier_code_unique" UNIQUE("supplier_code")
);
--> statement-breakpoint
CREATE TABLE "tanker_routes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"tanker_registration" text,
	"capacity_l" integer NOT NULL,
	"departure_time" varchar(5),
	"farm_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "tanker_routes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "tanker_drivers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"full_name" text NOT NULL,
	"licence_number" varchar(20) NOT NULL,
	"haulier" text,
	"phone" text,
	CONSTRAINT "tanker_drivers_licence_number_unique" UNIQUE("licence_number")
);
--> statement-breakpoint
CREATE TABLE "milk_collections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"docket_number" varchar(32) NOT NULL,
	"farm_id" uuid NOT NULL,
	"route_id" uuid,
	"driver_id" uuid,
	"collected_at" timestamp with time zone NOT NULL,
	"volume_l" numeric(10, 1) NOT NULL,
	"temp_c" numeric(4, 1) NOT NULL,
	"grade" "milk_grade",
	"intake_bay" varchar(8),
	"rejected" boolean DEFAULT false NOT NULL,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milk_collections_docket_number_unique" UNIQUE("docket_number")
);
--> statement-breakpoint
CREATE TABLE "silo_tanks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"capacity_l" integer NOT NULL,
	"contents" varchar(16) DEFAULT 'raw_milk' NOT NULL,
	"current_volume_l" integer DEFAULT 0 NOT NULL,
	"last_cip_at" timestamp with time zone,
	"in_service" boolean DEFAULT true NOT NULL,
	CONSTRAINT "silo_tanks_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "milk_collections" ADD CONSTRAINT "milk_collections_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "public"."farms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milk_collections" ADD CONSTRAINT "milk_collections_route_id_tanker_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."tanker_routes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milk_collections" ADD CONSTRAINT "milk_collections_driver_id_tanker_drivers_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."tanker_drivers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "milk_collections_farm_idx" ON "milk_collections" USING btree ("farm_id","collected_at");
