CREATE TABLE `customer_scores` (
	`snapshot_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`historic_clv_cents` integer NOT NULL,
	`predicted_clv_cents` integer NOT NULL,
	`total_clv_cents` integer NOT NULL,
	`probability_alive` real,
	`expected_purchases` real NOT NULL,
	`expected_order_value_cents` integer NOT NULL,
	`expected_next_purchase_date` text,
	`purchases` integer NOT NULL,
	`relationship_days` integer NOT NULL,
	`days_since_last_purchase` integer NOT NULL,
	`recency_score` integer NOT NULL,
	`frequency_score` integer NOT NULL,
	`monetary_score` integer NOT NULL,
	`rfm_segment` text NOT NULL,
	`clv_tier` integer NOT NULL,
	`quadrant` text NOT NULL,
	PRIMARY KEY(`snapshot_id`, `customer_id`),
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_scores_tier_idx` ON `customer_scores` (`snapshot_id`,`clv_tier`,`predicted_clv_cents`);--> statement-breakpoint
CREATE INDEX `customer_scores_segment_idx` ON `customer_scores` (`snapshot_id`,`rfm_segment`);--> statement-breakpoint
CREATE INDEX `customer_scores_quadrant_idx` ON `customer_scores` (`snapshot_id`,`quadrant`);--> statement-breakpoint
CREATE INDEX `customer_scores_predicted_idx` ON `customer_scores` (`snapshot_id`,`predicted_clv_cents`);--> statement-breakpoint
CREATE TABLE `recompute_queue` (
	`id` integer PRIMARY KEY NOT NULL,
	`requested` integer DEFAULT 0 NOT NULL,
	`handled` integer DEFAULT 0 NOT NULL,
	`forced` integer DEFAULT 0 NOT NULL,
	`last_reason` text,
	`last_requested_at` text,
	`runner_pid` integer,
	`runner_heartbeat_at` text,
	CONSTRAINT "recompute_queue_single_row" CHECK("recompute_queue"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`document` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "settings_single_row" CHECK("settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`phase` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`finished_at` text,
	`reason` text,
	`as_of_date` text,
	`first_purchase_date` text,
	`last_purchase_date` text,
	`settings` text,
	`data_fingerprint` text,
	`model` text,
	`fit` text,
	`customers` integer,
	`transactions` integer,
	`summary` text,
	`message` text,
	`seconds` real
);
--> statement-breakpoint
CREATE INDEX `snapshots_status_idx` ON `snapshots` (`status`,`id`);