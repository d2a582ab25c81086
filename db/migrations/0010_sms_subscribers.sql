ALTER TABLE `subscribers` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `sms_all_impacts` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_phone_unique` ON `subscribers` (`page_id`,`phone`) WHERE kind = 'sms';