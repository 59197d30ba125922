CREATE TABLE `import_rejected_rows` (
	`import_id` integer PRIMARY KEY NOT NULL,
	`file_gzip_base64` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`rows` integer NOT NULL,
	`kept_at` text NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
