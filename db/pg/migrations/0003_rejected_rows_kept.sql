CREATE TABLE "klantwaarde"."import_rejected_rows" (
	"import_id" integer PRIMARY KEY NOT NULL,
	"file_gzip_base64" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"rows" integer NOT NULL,
	"kept_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "klantwaarde"."import_rejected_rows" ADD CONSTRAINT "import_rejected_rows_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "klantwaarde"."imports"("id") ON DELETE cascade ON UPDATE no action;