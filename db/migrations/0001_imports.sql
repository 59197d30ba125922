CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`imported` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`skip_invalid` integer DEFAULT false NOT NULL,
	`options` text,
	`message` text
);
--> statement-breakpoint
CREATE INDEX `imports_started_idx` ON `imports` (`started_at`);--> statement-breakpoint
ALTER TABLE `transactions` ADD `import_id` integer REFERENCES imports(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `transactions` ADD `content_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `transactions_content_key_unique` ON `transactions` (`content_key`);