// The plan for groups and services: create what the file names and the page lacks, update what differs.
import type { Db } from "@/db";
import * as services from "@/services/console/services";
import { differing, key, ok, type Change, type PlanContext } from "./change";
import type { StatusFile } from "./file";

export function planGroups(ctx: PlanContext, file: StatusFile): Change[] {
  const { pageId, actor, now, current } = ctx;
  const changes: Change[] = [];
  for (const g of file.groups) {
    const have = current.groups.find((x) => key(x.name) === key(g.name));
    if (!have)
      changes.push({
        action: "create",
        what: "group",
        name: g.name,
        run: (d) => void ok(services.createGroup(d, pageId, actor, g, now)),
      });
    else if (differing(g, have).length)
      changes.push({
        action: "update",
        what: "group",
        name: g.name,
        fields: differing(g, have),
        run: (d) => void ok(services.updateGroup(d, pageId, actor, have.id, g, now)),
      });
  }
  return changes;
}

export function planServices(ctx: PlanContext, file: StatusFile): Change[] {
  const { pageId, actor, now, current } = ctx;
  const changes: Change[] = [];
  for (const s of file.services) {
    const have = current.components.find((x) => key(x.name) === key(s.name));
    const fields = (d: Db) => ({
      name: s.name,
      description: s.description,
      showcase: s.showcase,
      onlyShowIfDegraded: s.onlyShowIfDegraded,
      showResponseTime: s.showResponseTime,
      availabilityTarget: s.availabilityTarget,
      startDate: have?.startDate ?? null,
      groupId: ctx.groupId(d, s.group),
    });
    if (!have) {
      changes.push({
        action: "create",
        what: "service",
        name: s.name,
        run: (d) => void ok(services.createComponent(d, pageId, actor, fields(d), now)),
      });
      continue;
    }
    const haveGroup = current.groups.find((g) => g.id === have.groupId)?.name ?? null;
    const diff = [
      ...differing(
        {
          description: s.description,
          showcase: s.showcase,
          onlyShowIfDegraded: s.onlyShowIfDegraded,
          showResponseTime: s.showResponseTime,
          availabilityTarget: s.availabilityTarget,
        },
        have,
      ),
      ...(key(haveGroup ?? "") !== key(s.group ?? "") ? ["group"] : []),
    ];
    if (diff.length)
      changes.push({
        action: "update",
        what: "service",
        name: s.name,
        fields: diff,
        run: (d) => void ok(services.updateComponent(d, pageId, actor, have.id, fields(d), now)),
      });
  }
  return changes;
}
