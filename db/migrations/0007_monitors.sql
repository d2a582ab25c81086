CREATE TABLE `automatic_incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`component_id` text NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`state` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`component_status` text NOT NULL,
	`template_id` text,
	`incident_id` text,
	`recovered_at` integer,
	`taken_over_at` integer,
	`ended_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`template_id`) REFERENCES `incident_templates`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `automatic_incidents_open_unique` ON `automatic_incidents` (`component_id`) WHERE state <> 'ended';--> statement-breakpoint
CREATE INDEX `automatic_incidents_incident_idx` ON `automatic_incidents` (`incident_id`);--> statement-breakpoint
CREATE TABLE `monitor_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`monitor_id` text NOT NULL,
	`at` integer NOT NULL,
	`outcome` text NOT NULL,
	`response_ms` integer,
	`error` text,
	`detail` text,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `monitor_results_monitor_at_idx` ON `monitor_results` (`monitor_id`,`at`);--> statement-breakpoint
CREATE INDEX `monitor_results_at_idx` ON `monitor_results` (`at`);--> statement-breakpoint
CREATE TABLE `monitor_rollups` (
	`monitor_id` text NOT NULL,
	`resolution` text NOT NULL,
	`bucket_start` integer NOT NULL,
	`count_up` integer NOT NULL,
	`count_slow` integer NOT NULL,
	`count_down` integer NOT NULL,
	`timed_count` integer NOT NULL,
	`min_ms` integer,
	`avg_ms` integer,
	`p95_ms` integer,
	`max_ms` integer,
	PRIMARY KEY(`monitor_id`, `resolution`, `bucket_start`),
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `monitor_rollups_bucket_idx` ON `monitor_rollups` (`resolution`,`bucket_start`);--> statement-breakpoint
CREATE TABLE `monitor_state_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`monitor_id` text NOT NULL,
	`at` integer NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `monitor_state_changes_monitor_at_idx` ON `monitor_state_changes` (`monitor_id`,`at`);--> statement-breakpoint
CREATE TABLE `monitors` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`config` text NOT NULL,
	`interval_seconds` integer NOT NULL,
	`timeout_ms` integer NOT NULL,
	`component_id` text,
	`failure_status` text DEFAULT 'major_outage' NOT NULL,
	`slow_threshold_ms` integer,
	`failures_before_down` integer DEFAULT 3 NOT NULL,
	`successes_before_up` integer DEFAULT 2 NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`incident_mode` text DEFAULT 'status_only' NOT NULL,
	`template_id` text,
	`heartbeat_token_hash` text,
	`last_heartbeat_at` integer,
	`state` text DEFAULT 'unknown' NOT NULL,
	`state_changed_at` integer,
	`down_streak` integer DEFAULT 0 NOT NULL,
	`bad_streak` integer DEFAULT 0 NOT NULL,
	`up_streak` integer DEFAULT 0 NOT NULL,
	`last_checked_at` integer,
	`last_response_ms` integer,
	`last_error` text,
	`next_run_at` integer NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`template_id`) REFERENCES `incident_templates`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `monitors_due_idx` ON `monitors` (`paused`,`next_run_at`);--> statement-breakpoint
CREATE INDEX `monitors_component_idx` ON `monitors` (`component_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `monitors_heartbeat_token_unique` ON `monitors` (`heartbeat_token_hash`);--> statement-breakpoint
CREATE TABLE `status_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`component_id` text NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`key` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`summary` text,
	`since` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `status_claims_open_unique` ON `status_claims` (`source`,`source_id`,`key`) WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX `status_claims_component_idx` ON `status_claims` (`component_id`,`ended_at`);--> statement-breakpoint
ALTER TABLE `component_status_changes` ADD `claim_source` text;--> statement-breakpoint
ALTER TABLE `component_status_changes` ADD `claim_source_id` text;--> statement-breakpoint
ALTER TABLE `users` ADD `notify_on_monitor_down` integer DEFAULT false NOT NULL;