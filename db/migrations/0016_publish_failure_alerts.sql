ALTER TABLE `publish_targets` ADD `alerted_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `notify_on_publish_failure` integer DEFAULT false NOT NULL;