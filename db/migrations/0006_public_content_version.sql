CREATE TABLE `public_content_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
-- Hand-written below this line. The single row the triggers raise; it starts at 0.
INSERT INTO `public_content_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
-- Every insert, update and delete on a table the public pages, feeds, API v2, badge and embed read raises
-- the version in the same transaction, whichever connection or process writes. Keep this list and
-- PUBLIC_TABLES in db/change-watcher.ts the same (db/public-content-version.test.ts checks).
CREATE TRIGGER `pages_public_version_insert` AFTER INSERT ON `pages` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `pages_public_version_update` AFTER UPDATE ON `pages` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `pages_public_version_delete` AFTER DELETE ON `pages` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `assets_public_version_insert` AFTER INSERT ON `assets` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `assets_public_version_update` AFTER UPDATE ON `assets` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `assets_public_version_delete` AFTER DELETE ON `assets` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `component_groups_public_version_insert` AFTER INSERT ON `component_groups` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `component_groups_public_version_update` AFTER UPDATE ON `component_groups` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `component_groups_public_version_delete` AFTER DELETE ON `component_groups` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `components_public_version_insert` AFTER INSERT ON `components` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `components_public_version_update` AFTER UPDATE ON `components` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `components_public_version_delete` AFTER DELETE ON `components` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `component_status_changes_public_version_insert` AFTER INSERT ON `component_status_changes` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `component_status_changes_public_version_update` AFTER UPDATE ON `component_status_changes` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `component_status_changes_public_version_delete` AFTER DELETE ON `component_status_changes` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incidents_public_version_insert` AFTER INSERT ON `incidents` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incidents_public_version_update` AFTER UPDATE ON `incidents` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incidents_public_version_delete` AFTER DELETE ON `incidents` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incident_updates_public_version_insert` AFTER INSERT ON `incident_updates` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incident_updates_public_version_update` AFTER UPDATE ON `incident_updates` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incident_updates_public_version_delete` AFTER DELETE ON `incident_updates` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incident_update_components_public_version_insert` AFTER INSERT ON `incident_update_components` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incident_update_components_public_version_update` AFTER UPDATE ON `incident_update_components` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incident_update_components_public_version_delete` AFTER DELETE ON `incident_update_components` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incident_components_public_version_insert` AFTER INSERT ON `incident_components` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incident_components_public_version_update` AFTER UPDATE ON `incident_components` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `incident_components_public_version_delete` AFTER DELETE ON `incident_components` BEGIN UPDATE `public_content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
