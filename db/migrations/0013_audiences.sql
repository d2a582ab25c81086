CREATE TABLE `viewer_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`method` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `viewer_sessions_expires_idx` ON `viewer_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `viewer_sign_in_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `viewer_sign_in_links_expires_idx` ON `viewer_sign_in_links` (`expires_at`);--> statement-breakpoint
CREATE TABLE `viewer_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `viewer_tokens_hash_idx` ON `viewer_tokens` (`token_hash`);--> statement-breakpoint
ALTER TABLE `component_groups` ADD `visibility` text DEFAULT 'public' NOT NULL;--> statement-breakpoint
ALTER TABLE `components` ADD `visibility` text DEFAULT 'public' NOT NULL;--> statement-breakpoint
ALTER TABLE `pages` ADD `visibility` text DEFAULT 'public' NOT NULL;--> statement-breakpoint
ALTER TABLE `pages` ADD `viewer_email_domains` text;--> statement-breakpoint
ALTER TABLE `pages` ADD `viewer_ip_allowlist` text;