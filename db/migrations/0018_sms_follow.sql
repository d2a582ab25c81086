DROP INDEX `subscribers_phone_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_sms_follow_unique` ON `subscribers` (`page_id`,`phone`,`follow_incident_id`) WHERE kind = 'sms' and follow_incident_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_phone_unique` ON `subscribers` (`page_id`,`phone`) WHERE kind = 'sms' and follow_incident_id is null;