CREATE TABLE `report_spikes` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`component_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`last_report_at` integer NOT NULL,
	`report_count` integer NOT NULL,
	`alerted_at` integer,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `report_spikes_component_last_idx` ON `report_spikes` (`component_id`,`last_report_at`);--> statement-breakpoint
CREATE TABLE `update_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`update_id` text NOT NULL,
	`voter_key` text NOT NULL,
	`helpful` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`update_id`) REFERENCES `incident_updates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `update_votes_update_voter_unique` ON `update_votes` (`update_id`,`voter_key`);--> statement-breakpoint
CREATE TABLE `visitor_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`component_id` text,
	`problem` text NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`email` text,
	`email_removed_at` integer,
	`state` text DEFAULT 'open' NOT NULL,
	`incident_id` text,
	`thanks_notification_id` text,
	`thanks_queued_at` integer,
	`handled_at` integer,
	`handled_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`thanks_notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`handled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `visitor_reports_page_created_idx` ON `visitor_reports` (`page_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `visitor_reports_component_created_idx` ON `visitor_reports` (`component_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `visitor_reports_incident_idx` ON `visitor_reports` (`incident_id`);--> statement-breakpoint
ALTER TABLE `pages` ADD `report_spike_threshold` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `pages` ADD `report_spike_minutes` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `notify_on_report_spike` integer DEFAULT false NOT NULL;