CREATE TABLE `import_mappings` (
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`external_id` text NOT NULL,
	`local_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`imported_at` integer NOT NULL,
	PRIMARY KEY(`source`, `kind`, `external_id`)
);
--> statement-breakpoint
CREATE INDEX `import_mappings_local_idx` ON `import_mappings` (`local_id`);