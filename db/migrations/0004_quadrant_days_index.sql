DROP INDEX `customer_scores_quadrant_idx`;--> statement-breakpoint
CREATE INDEX `customer_scores_quadrant_days_idx` ON `customer_scores` (`snapshot_id`,`quadrant`,`relationship_days`);