DROP INDEX `subscribers_email_unique`;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `follow_incident_id` text REFERENCES incidents(id) ON DELETE cascade;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `follow_postmortem` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `follow_ended_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_follow_unique` ON `subscribers` (`page_id`,`email`,`follow_incident_id`) WHERE kind = 'email' and follow_incident_id is not null;--> statement-breakpoint
CREATE INDEX `subscribers_follow_idx` ON `subscribers` (`follow_incident_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_email_unique` ON `subscribers` (`page_id`,`email`) WHERE kind = 'email' and follow_incident_id is null;