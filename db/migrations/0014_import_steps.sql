ALTER TABLE `imports` ADD `pid` integer;--> statement-breakpoint
ALTER TABLE `imports` ADD `heartbeat_at` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `pending_transactions_from` integer;--> statement-breakpoint
ALTER TABLE `imports` ADD `pending_customers_from` integer;