CREATE TABLE `snapshot_cohorts` (
	`snapshot_id` integer PRIMARY KEY NOT NULL,
	`figures` text NOT NULL,
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
