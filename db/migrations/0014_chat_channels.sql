ALTER TABLE `subscribers` ADD `chat_platform` text;--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_chat_unique` ON `subscribers` (`page_id`,`webhook_url`) WHERE kind = 'chat';