CREATE TABLE `customer_erasures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`erased_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`source` text NOT NULL,
	`transactions` integer NOT NULL,
	`attributes` integer NOT NULL,
	`scores` integer NOT NULL
);
