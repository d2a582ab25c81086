-- Hand edit: drizzle-kit leaves ON DELETE cascade out of the ALTER that adds follow_incident_id; a follow ends
-- with its incident (db/schema.ts says so too).
DROP INDEX `subscribers_email_unique`;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `follow_incident_id` text REFERENCES incidents(id) ON DELETE cascade;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `follow_postmortem` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `follow_ended_at` integer;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `sms_all_impacts` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_follow_unique` ON `subscribers` (`page_id`,`email`,`follow_incident_id`) WHERE kind = 'email' and follow_incident_id is not null;--> statement-breakpoint
CREATE INDEX `subscribers_follow_idx` ON `subscribers` (`follow_incident_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_phone_unique` ON `subscribers` (`page_id`,`phone`) WHERE kind = 'sms';--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_email_unique` ON `subscribers` (`page_id`,`email`) WHERE kind = 'email' and follow_incident_id is null;