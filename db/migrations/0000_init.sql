CREATE TABLE `customer_attributes` (
	`customer_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`customer_id`, `key`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_attributes_key_value_idx` ON `customer_attributes` (`key`,`value`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`name` text,
	`email` text,
	`country` text,
	`city` text,
	`acquisition_channel` text,
	`first_seen_date` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_external_id_unique` ON `customers` (`external_id`);--> statement-breakpoint
CREATE INDEX `customers_first_seen_idx` ON `customers` (`first_seen_date`);--> statement-breakpoint
CREATE INDEX `customers_country_idx` ON `customers` (`country`);--> statement-breakpoint
CREATE INDEX `customers_acquisition_channel_idx` ON `customers` (`acquisition_channel`);--> statement-breakpoint
CREATE TABLE `transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text,
	`customer_id` integer NOT NULL,
	`purchase_date` text NOT NULL,
	`revenue_cents` integer NOT NULL,
	`cost_cents` integer DEFAULT 0 NOT NULL,
	`quantity` integer DEFAULT 1 NOT NULL,
	`channel` text,
	`product_category` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "transactions_date_format" CHECK("transactions"."purchase_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transactions_external_id_unique` ON `transactions` (`external_id`);--> statement-breakpoint
CREATE INDEX `transactions_customer_date_idx` ON `transactions` (`customer_id`,`purchase_date`);--> statement-breakpoint
CREATE INDEX `transactions_date_idx` ON `transactions` (`purchase_date`);