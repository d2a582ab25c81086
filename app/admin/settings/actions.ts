"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction } from "@/lib/auth/action";
import type { ActionContext } from "@/lib/auth/dal";
import { removeLogo, saveSettings, settingsSchema, uploadLogo } from "@/lib/console/settings";

const actor = (ctx: ActionContext) => ({ id: ctx.user.id, email: ctx.user.email, ip: ctx.ip });

function refresh() {
  revalidatePath("/admin/settings");
  revalidatePath("/", "layout");
}

export const saveSettingsAction = adminAction("admin", settingsSchema, (data, ctx) => {
  saveSettings(getDb(), actor(ctx), data, Date.now());
  refresh();
  return { message: "Settings saved. The public page shows them now." };
});

const logoSchema = z.object({
  logo: z.instanceof(File, { error: "Choose an image file." }).refine((f) => f.size > 0, { error: "Choose an image file." }),
});

export const uploadLogoAction = adminAction("admin", logoSchema, async ({ logo }, ctx) => {
  const result = uploadLogo(getDb(), actor(ctx), new Uint8Array(await logo.arrayBuffer()), Date.now());
  if (!result.ok) return { ok: false, message: "The logo was not changed.", errors: { logo: [result.message] } };
  refresh();
  return { message: "Logo uploaded." };
});

export const removeLogoAction = adminAction("admin", z.object({}), (_data, ctx) => {
  removeLogo(getDb(), actor(ctx), Date.now());
  refresh();
  return { message: "Logo removed." };
});
