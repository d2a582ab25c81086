ALTER TABLE `subscribers` ADD `circuit_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `circuit_open_until` integer;