CREATE INDEX `customer_attributes_customer_key_value_idx` ON `customer_attributes` (`customer_id`,`key`,`value`);--> statement-breakpoint
CREATE INDEX `customer_scores_alive_idx` ON `customer_scores` (`snapshot_id`,`probability_alive`);--> statement-breakpoint
CREATE INDEX `customer_scores_recency_idx` ON `customer_scores` (`snapshot_id`,`days_since_last_purchase`);--> statement-breakpoint
CREATE INDEX `customer_scores_relationship_idx` ON `customer_scores` (`snapshot_id`,`relationship_days`);