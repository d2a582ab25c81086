ALTER TABLE `components` ADD `availability_target` real DEFAULT 99.9 NOT NULL;--> statement-breakpoint
ALTER TABLE `pages` ADD `public_report` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `monthly_report` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `monthly_report_email` integer DEFAULT false NOT NULL;