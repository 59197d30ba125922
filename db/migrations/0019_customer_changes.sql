CREATE TABLE `customer_attribute_changes` (
	`import_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`import_id`, `customer_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `customer_changes` (
	`import_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`name` text,
	`email` text,
	`country` text,
	`city` text,
	`acquisition_channel` text,
	`first_seen_date` text,
	PRIMARY KEY(`import_id`, `customer_id`)
);
