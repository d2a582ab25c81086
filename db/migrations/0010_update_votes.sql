CREATE TABLE `update_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`update_id` text NOT NULL,
	`voter_key` text NOT NULL,
	`helpful` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`update_id`) REFERENCES `incident_updates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `update_votes_update_voter_unique` ON `update_votes` (`update_id`,`voter_key`);