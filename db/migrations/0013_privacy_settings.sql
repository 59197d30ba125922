CREATE TABLE `privacy_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`personal_data_audience` text DEFAULT 'everyone' NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "privacy_settings_single_row" CHECK("privacy_settings"."id" = 1),
	CONSTRAINT "privacy_settings_audience" CHECK("privacy_settings"."personal_data_audience" in ('everyone', 'analysts', 'admins'))
);
