DROP INDEX `transactions_external_id_unique`;--> statement-breakpoint
ALTER TABLE `transactions` ADD `superseded_by` integer;--> statement-breakpoint
CREATE INDEX `transactions_superseded_idx` ON `transactions` (`superseded_by`) WHERE "transactions"."superseded_by" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `transactions_external_id_unique` ON `transactions` (`external_id`) WHERE "transactions"."superseded_by" IS NULL;