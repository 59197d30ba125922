CREATE TABLE `data_versions` (
	`id` integer PRIMARY KEY NOT NULL,
	`data` integer DEFAULT 0 NOT NULL,
	`erasures` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "data_versions_single_row" CHECK("data_versions"."id" = 1)
);
--> statement-breakpoint
INSERT INTO `data_versions` (`id`, `data`, `erasures`) VALUES (1, 0, 0);
