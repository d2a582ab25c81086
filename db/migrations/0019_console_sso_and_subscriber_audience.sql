CREATE TABLE `console_sso_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`role_claim` text DEFAULT 'groups' NOT NULL,
	`role_mapping` text DEFAULT '' NOT NULL,
	`email_domains` text DEFAULT '' NOT NULL,
	`local_passwords_off` integer DEFAULT false NOT NULL,
	`break_glass_user_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`break_glass_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `sso_access_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`claim_values` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sso_access_requests_email_unique` ON `sso_access_requests` (`email`);--> statement-breakpoint
ALTER TABLE `subscribers` ADD `audience` text DEFAULT 'public' NOT NULL;