"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction, typedValues } from "@/services/auth/action";
import { actorOf } from "@/services/console/domain-actions";
import { confirmConsoleImport, previewConsoleImport } from "@/services/import/console";
import { singleLine } from "@/core/text-input";

const optional = (max: number) =>
  singleLine(
    z
      .string()
      .trim()
      .max(max, { error: `At most ${max} characters.` }),
  )
    .optional()
    .transform((v) => v || undefined);

// The key field is named apiToken so typedValues never sends it back to the browser.
const previewSchema = z
  .object({ pageId: optional(40), apiToken: optional(200), fromUrl: optional(2000) })
  .refine((v) => v.fromUrl || (v.pageId && v.apiToken), {
    error: "Give the page id and API key, or the address of a public page.",
    path: ["pageId"],
  });

export const previewImportAction = adminAction("admin", previewSchema, async (data, ctx, formData) => {
  const result = await previewConsoleImport(getDb(), actorOf(ctx), {
    pageId: data.pageId,
    apiKey: data.apiToken,
    fromUrl: data.fromUrl,
  });
  if (!result.ok)
    return {
      ok: false,
      message: "Nothing was read.",
      errors: { [result.field]: [result.message] },
      values: typedValues(formData),
    };
  return {
    message: "Read. Check the preview, then import.",
    values: typedValues(formData),
    reveal: { preview: result.preview, previewToken: result.token },
  };
});

export const confirmImportAction = adminAction(
  "admin",
  z.object({ previewToken: z.string().min(1).max(100), prune: z.literal("on").optional() }),
  (data, ctx) => {
    const result = confirmConsoleImport(getDb(), actorOf(ctx), data.previewToken, { prune: data.prune === "on" });
    if (!result.ok) return { ok: false, message: result.message };
    revalidatePath("/", "layout");
    return { message: result.summary };
  },
);
