-- Hand-written, data only: incidents that were reopened and resolved again kept their first resolution as
-- resolved_at. Recompute it as the domain now does (lib/domain/incident.ts): the first closing update after
-- the last open one, for every incident or maintenance that is closed now.
UPDATE `incidents` SET `resolved_at` = (
  SELECT MIN(`closing`.`display_at`) FROM `incident_updates` AS `closing`
  WHERE `closing`.`incident_id` = `incidents`.`id`
    AND `closing`.`status` IN ('resolved', 'postmortem', 'completed', 'cancelled')
    AND `closing`.`display_at` > COALESCE((
      SELECT MAX(`open`.`display_at`) FROM `incident_updates` AS `open`
      WHERE `open`.`incident_id` = `incidents`.`id` AND `open`.`status` NOT IN ('resolved', 'postmortem', 'completed', 'cancelled')
    ), -1)
)
WHERE `status` IN ('resolved', 'postmortem', 'completed', 'cancelled')
  AND EXISTS (SELECT 1 FROM `incident_updates` WHERE `incident_id` = `incidents`.`id`);
