DROP INDEX `customer_scores_quadrant_days_idx`;--> statement-breakpoint
ALTER TABLE `customer_scores` ADD `relationship_length_days` integer;--> statement-breakpoint
ALTER TABLE `customer_scores` ADD `relationship_ended` integer;--> statement-breakpoint
CREATE INDEX `customer_scores_quadrant_length_idx` ON `customer_scores` (`snapshot_id`,`quadrant`,`relationship_length_days`);