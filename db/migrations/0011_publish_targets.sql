CREATE TABLE `publish_targets` (
	`name` text PRIMARY KEY NOT NULL,
	`published_version` integer,
	`last_attempt_at` integer,
	`last_success_at` integer,
	`last_duration_ms` integer,
	`last_objects_changed` integer,
	`last_error` text,
	`last_error_at` integer,
	`failing_since` integer,
	`requested_at` integer,
	`lease_owner` text,
	`lease_until` integer,
	`updated_at` integer NOT NULL
);
