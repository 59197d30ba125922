ALTER TABLE `customer_scores` ADD `predicted_clv_low_cents` integer;--> statement-breakpoint
ALTER TABLE `customer_scores` ADD `predicted_clv_high_cents` integer;