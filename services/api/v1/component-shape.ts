// The management API's component: the Statuspage shape of /api/v2 and the webhooks, plus the settings only
// the management API reads and writes (sent as availabilityTarget / showResponseTime, returned in the
// response's snake_case). A group has neither: it has no target or chart of its own.
import { z } from "zod";
import type { Component, ComponentGroup } from "@/db/schema";
import { serializeComponent, serializeComponentList } from "@/services/api/statuspage";
import { componentSchema } from "../schemas";

const [serviceShape, groupShape] = componentSchema.options;
const managed = {
  availability_target: z
    .number()
    .describe("The service report's availability target, in percent (above 0, at most 100; default 99.9)"),
  show_response_time: z.boolean().describe("Whether the public page shows the service's response-time chart"),
};
export const managedComponentShape = serviceShape.extend(managed);
export const managedComponentSchema = z.union([managedComponentShape, groupShape]);

const managedFields = (c: Component) => ({
  availability_target: c.availabilityTarget,
  show_response_time: c.showResponseTime,
});

export function serializeManagedComponent(c: Component) {
  return { ...serializeComponent(c), ...managedFields(c) };
}

/** Page order, as in /api/v2, with each service's management fields. */
export function serializeManagedComponentList(groups: ComponentGroup[], components: Component[]) {
  const byId = new Map(components.map((c) => [c.id, c]));
  return serializeComponentList(groups, components).map((item) => {
    const c = item.group ? undefined : byId.get(item.id);
    return c ? { ...item, ...managedFields(c) } : item;
  });
}
