"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { API_KEY_ROLES, LIMITS } from "@/db/constants";
import { adminAction } from "@/services/auth/action";
import { createApiKey, revokeApiKey } from "@/services/api-keys";
import { actorOf, runVerb } from "@/services/console/domain-actions";
import { entityId, requiredText } from "@/services/console/fields";

const createSchema = z.object({
  name: requiredText("a name for the key", LIMITS.name),
  role: z.enum(API_KEY_ROLES, { error: "Choose a role from the list." }),
});

// Only owners: services/api-keys.ts checks it again for every caller.
export const createApiKeyAction = adminAction("owner", createSchema, (data, ctx, formData) => {
  const result = runVerb(formData, () => createApiKey(getDb(), actorOf(ctx), data));
  if (!result.ok) return result.state;
  revalidatePath("/admin/api-keys");
  return {
    message: `Key “${data.name}” created. Copy it now: it is shown only this once.`,
    // The key is the one secret this form returns on purpose; only its hash is stored.
    reveal: { key: result.value.key },
  };
});

export const revokeApiKeyAction = adminAction(
  "owner",
  z.object({ id: entityId, name: z.string().max(LIMITS.name).optional() }),
  ({ id, name }, ctx, formData) => {
    const result = runVerb(formData, () => revokeApiKey(getDb(), actorOf(ctx), id));
    if (!result.ok) return result.state;
    revalidatePath("/admin/api-keys");
    return { message: `Key “${name ?? id}” revoked: requests with it are refused from now on.` };
  },
);
