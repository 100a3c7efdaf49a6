CREATE TYPE "public"."complaint_severity" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
ALTER TABLE "outbound_orders" RENAME TO "dispatch_orders";--> statement-breakpoint
ALTER TABLE "dispatch_orders" DROP CONSTRAINT "outbound_orders_order_number_unique";--> statement-breakpoint
ALTER TABLE "dispatch_notes" DROP CONSTRAINT "dispatch_notes_dispatch_order_id_outbound_orders_id_fk";
--> statement-breakpoint
CREATE TABLE "customer_complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" varchar(16) NOT NULL,
	"customer_account" varchar(16),
	"product_sku" varchar(24),
	"batch_number" varchar(20),
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"category" varchar(16) NOT NULL,
	"severity" "complaint_severity" DEFAULT 'low' NOT NULL,
	"description" text NOT NULL,
	"status" varchar(12) DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "customer_complaints_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "dispatch_notes" ADD CONSTRAINT "dispatch_notes_dispatch_order_id_dispatch_orders_id_fk" FOREIGN KEY ("dispatch_order_id") REFERENCES "public"."dispatch_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_orders" ADD CONSTRAINT "dispatch_orders_order_number_unique" UNIQUE("order_number");
