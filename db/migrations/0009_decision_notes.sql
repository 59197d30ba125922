CREATE TABLE `decision_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`segment_kind` text NOT NULL,
	`segment_key` text NOT NULL,
	`tactic` text NOT NULL,
	`owner` text,
	`target` text,
	`review_date` text,
	`status` text DEFAULT 'open' NOT NULL,
	`snapshot_id` integer,
	`customers_then` integer,
	`predicted_clv_cents_then` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "decision_notes_review_date_format" CHECK("decision_notes"."review_date" IS NULL OR "decision_notes"."review_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `decision_notes_segment_idx` ON `decision_notes` (`segment_kind`,`segment_key`,`status`);--> statement-breakpoint
CREATE INDEX `decision_notes_status_idx` ON `decision_notes` (`status`,`review_date`);