// The console's add forms for endpoint subscribers (webhooks, chat channels), on the server side: the sizes
// checked before anything is looked at, the chosen services, and the answer a refusal gives the form. The
// fields themselves are validated by each kind's register function (the same rules as the public forms).
import { z } from "zod";
import { consoleLanguage } from "./fields";
import { typedValues, type FormState } from "@/services/auth/action";
import type { InvalidSignup } from "@/core/signup-problems";

/** Only sizes: a huge post is refused before it is looked at. Kinds extend it with their own fields. */
export const endpointFormSchema = z.object({
  url: z.string().max(5000, { error: "Use a URL of at most 2000 characters." }).default(""),
  email: z.string().max(1000).default(""),
  scope: z.enum(["all", "some"], { error: "Choose everything or some services." }).default("all"),
  /** The language of what it is sent (chat messages; a webhook's own texts, such as its disabling email). */
  language: consoleLanguage,
});

/** The chosen services (one more than the register functions allow, so too many is refused by them). */
export const chosenComponentIds = (formData: FormData) => formData.getAll("componentIds").map(String).slice(0, 501);

type Refused = { ok: false; message: string } | InvalidSignup | { status: "too-many" };

/** What an add form answers: the created endpoint, or the refusal as the form shows it (per field). */
export function addAnswer<Created extends { status: "created" }>(
  outcome: Created | Refused,
  formData: FormData,
): { created: Created } | { refused: FormState } {
  if ("ok" in outcome) return { refused: { ok: false, message: outcome.message } };
  if (outcome.status === "created") return { created: outcome as Created };
  const errors = outcome.status === "invalid" ? outcome.errors : {};
  return {
    refused: { ok: false, message: "Please correct the fields marked below.", errors, values: typedValues(formData) },
  };
}
