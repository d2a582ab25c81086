"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { LIMITS } from "@/db/constants";
import { adminAction } from "@/services/auth/action";
import { actorOf, runVerb } from "@/services/console/domain-actions";
import { entityId } from "@/services/console/fields";
import { saveAudienceSettings, saveItemVisibilities } from "@/services/viewers/settings";
import { createViewerToken, revokeToken } from "@/services/viewers/tokens";

const refresh = () => revalidatePath("/admin/audience");

// The verb validates the lists line by line; the schema only takes the raw fields.
const settingsSchema = z.object({
  visibility: z.string().max(20),
  viewerEmailDomains: z.string().optional(),
  viewerIpAllowlist: z.string().optional(),
});

export const saveAudienceAction = adminAction("admin", settingsSchema, (data, ctx, formData) => {
  const result = runVerb(formData, () => saveAudienceSettings(getDb(), actorOf(ctx), data));
  if (!result.ok) return result.state;
  refresh();
  return { message: "Saved. The status page follows the new settings from the next request." };
});

const PREFIX = { group: "group:", component: "component:" } as const;

export const saveVisibilityAction = adminAction("admin", z.object({}).passthrough(), (_data, ctx, formData) => {
  const groups: Record<string, string> = {};
  const components: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (name.startsWith(PREFIX.group)) groups[name.slice(PREFIX.group.length)] = String(value);
    if (name.startsWith(PREFIX.component)) components[name.slice(PREFIX.component.length)] = String(value);
  }
  const result = runVerb(formData, () => saveItemVisibilities(getDb(), actorOf(ctx), { groups, components }));
  if (!result.ok) return result.state;
  refresh();
  return { message: result.value ? `Saved: ${result.value} changed.` : "Nothing changed." };
});

export const createViewerTokenAction = adminAction(
  "admin",
  z.object({ name: z.string().max(LIMITS.name + 1) }),
  (data, ctx, formData) => {
    const result = runVerb(formData, () => createViewerToken(getDb(), actorOf(ctx), data));
    if (!result.ok) return result.state;
    refresh();
    // The token is the one secret this form returns on purpose; only its hash is stored.
    return { message: "Token created. Copy it now: it is shown only this once.", reveal: { key: result.value.token } };
  },
);

export const revokeViewerTokenAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const result = runVerb(formData, () => revokeToken(getDb(), actorOf(ctx), id));
  if (!result.ok) return result.state;
  refresh();
  return { message: "Token revoked: requests with it are refused from now on." };
});
