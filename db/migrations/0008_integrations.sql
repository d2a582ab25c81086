CREATE TABLE `integration_payloads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`integration_id` text NOT NULL,
	`at` integer NOT NULL,
	`outcome` text NOT NULL,
	`summary` text NOT NULL,
	`detail` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`integration_id`) REFERENCES `integrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `integration_payloads_integration_idx` ON `integration_payloads` (`integration_id`,`id`);--> statement-breakpoint
CREATE TABLE `integrations` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`secret_hash` text NOT NULL,
	`matchers` text NOT NULL,
	`severity_map` text NOT NULL,
	`default_status` text DEFAULT 'partial_outage' NOT NULL,
	`incident_mode` text DEFAULT 'status_only' NOT NULL,
	`template_id` text,
	`last_received_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`template_id`) REFERENCES `incident_templates`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integrations_secret_unique` ON `integrations` (`secret_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `integrations_name_unique` ON `integrations` (`page_id`,`name`);