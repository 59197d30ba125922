CREATE TABLE "klantwaarde"."customer_attribute_changes" (
	"import_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "customer_attribute_changes_import_id_customer_id_key_pk" PRIMARY KEY("import_id","customer_id","key")
);
--> statement-breakpoint
CREATE TABLE "klantwaarde"."customer_changes" (
	"import_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"name" text,
	"email" text,
	"country" text,
	"city" text,
	"acquisition_channel" text,
	"first_seen_date" date,
	CONSTRAINT "customer_changes_import_id_customer_id_pk" PRIMARY KEY("import_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "klantwaarde"."transactions" DROP CONSTRAINT "transactions_external_id_unique";--> statement-breakpoint
ALTER TABLE "klantwaarde"."transactions" ADD COLUMN "superseded_by" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "transactions_external_id_unique" ON "klantwaarde"."transactions" USING btree ("external_id") WHERE "klantwaarde"."transactions"."superseded_by" IS NULL;--> statement-breakpoint
CREATE INDEX "transactions_superseded_idx" ON "klantwaarde"."transactions" USING btree ("superseded_by") WHERE "klantwaarde"."transactions"."superseded_by" IS NOT NULL;