CREATE TABLE `publish_target_configs` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`folder` text,
	`bucket` text,
	`prefix` text DEFAULT '' NOT NULL,
	`region` text DEFAULT 'us-east-1' NOT NULL,
	`endpoint` text,
	`access_key_id` text,
	`secret_sealed` text,
	`force_path_style` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publish_target_configs_name_unique` ON `publish_target_configs` (`name`);--> statement-breakpoint
ALTER TABLE `publish_targets` ADD `alerted_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `notify_on_publish_failure` integer DEFAULT false NOT NULL;