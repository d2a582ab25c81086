// The plain pages of "Get updates on this incident" (app/incidents/[id]/follow/route.ts): the form again
// with its errors, and the answers. The form on the incident page itself is JSX (components/follow-form.tsx);
// both post the same fields.
import { hrefIn, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import type { FollowResult } from "./follow";
import { escapeHtml, htmlResponse, plainPage } from "./plain-page";

export interface FollowPageContext {
  pageName: string;
  accent: string;
  incident: { id: string; name: string };
  /** Only the postmortem is left to follow (the incident is resolved). */
  postmortemOnly: boolean;
  /** The language of the URL it was asked at (/de/incidents/.../follow): the words, links and form target. */
  lang: PageLanguage;
}

const words = (ctx: { lang: PageLanguage }) => translator(ctx.lang.locale, "follow");

const fieldCss = `<style>label{display:block;font-weight:500;margin-top:1rem}input[type=email]{display:block;width:100%;box-sizing:border-box;margin-top:.25rem;padding:.5rem .75rem;border:1px solid #cbd5e1;border-radius:.375rem;font:inherit;background:transparent;color:inherit}.check{display:flex;gap:.5rem;align-items:center;font-weight:400}.error{color:#b91c1c}.hp{display:none}@media (prefers-color-scheme:dark){.error{color:#f87171}}</style>`;

/** The form, with what was typed and the error of each field. */
export function followFormHtml(
  ctx: FollowPageContext,
  values: { email?: string; postmortem?: boolean } = {},
  errors: Record<string, string[] | undefined> = {},
): string {
  const t = words(ctx);
  const action = hrefIn(ctx.lang, `/incidents/${encodeURIComponent(ctx.incident.id)}/follow`);
  const emailError = errors.email?.[0];
  const postmortem = ctx.postmortemOnly
    ? `<input type="hidden" name="postmortem" value="1">`
    : `<label class="check"><input type="checkbox" name="postmortem" value="1"${values.postmortem ? " checked" : ""}> ${escapeHtml(t("alsoPostmortem"))}</label>`;
  return `${fieldCss}<form method="post" action="${escapeHtml(action)}" novalidate>
<input type="hidden" name="language" value="${escapeHtml(ctx.lang.locale)}">
<label for="follow-email">${escapeHtml(t("email"))}</label>
<input id="follow-email" name="email" type="email" autocomplete="email" required maxlength="254" value="${escapeHtml(values.email ?? "")}" aria-describedby="follow-email-error"${emailError ? ' aria-invalid="true" autofocus' : ""}>
<p id="follow-email-error" class="error" aria-live="polite">${emailError ? escapeHtml(emailError) : ""}</p>
<div class="hp" aria-hidden="true"><label for="follow-website">Website</label><input id="follow-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
${postmortem}
<button type="submit">${escapeHtml(t(ctx.postmortemOnly ? "submitPostmortem" : "submit"))}</button>
</form>`;
}

const frame = (ctx: FollowPageContext, title: string, body: string, status = 200) =>
  htmlResponse(plainPage({ pageName: ctx.pageName, accent: ctx.accent, title, body, locale: ctx.lang.locale }), status);

const backToIncident = (ctx: FollowPageContext) =>
  `<p><a href="${escapeHtml(hrefIn(ctx.lang, `/incidents/${encodeURIComponent(ctx.incident.id)}`))}">${escapeHtml(words(ctx)("back", { incident: ctx.incident.name }))}</a></p>`;

/** The answer when there is no incident to follow (or a refused post), in the URL's language. */
export function followRefusal(lang: PageLanguage, kind: "not-found" | "cross-site"): Response {
  const t = words({ lang });
  const [title, text, status] =
    kind === "not-found" ? [t("notFoundTitle"), t("notFound"), 404] : [t("refusedTitle"), t("refused"), 403];
  return htmlResponse(plainPage({ title, body: `<p>${escapeHtml(text)}</p>`, locale: lang.locale }), status);
}

/** The GET: the form on its own page (where a link or the incident page's form leads). */
export function followFormPage(ctx: FollowPageContext): Response {
  const t = words(ctx);
  // The translations are ours (no markup but <b>); the admin's incident name is escaped before it goes in.
  const intro = ctx.postmortemOnly
    ? `<p>${escapeHtml(t("introPostmortem"))}</p>`
    : `<p>${t.markup("intro", { incident: escapeHtml(ctx.incident.name), b: (chunks) => `<strong>${chunks}</strong>` })}</p>`;
  return frame(ctx, t("title"), intro + followFormHtml(ctx) + backToIncident(ctx));
}

/** What the POST answers, per outcome; the form again (400) with its errors for bad input. */
export function followAnswer(
  ctx: FollowPageContext,
  result: Exclude<FollowResult, { status: "not-found" }> | { status: "unavailable"; message: string },
  values: { email?: string; postmortem?: boolean },
): Response {
  const t = words(ctx);
  switch (result.status) {
    case "check-inbox":
      return frame(
        ctx,
        t("checkInboxTitle"),
        `<p role="status">${escapeHtml(t("checkInbox"))}</p>${backToIncident(ctx)}`,
      );
    case "invalid":
      return frame(
        ctx,
        t("title"),
        `<p role="alert" class="error">${escapeHtml(t("correct"))}</p>${followFormHtml(ctx, values, result.errors)}`,
        400,
      );
    case "too-many":
      return frame(
        ctx,
        t("tooManyTitle"),
        `<p role="alert">${escapeHtml(t("tooMany"))}</p>${backToIncident(ctx)}`,
        429,
      );
    case "over":
      return frame(ctx, t("overTitle"), `<p>${escapeHtml(t("over"))}</p>${backToIncident(ctx)}`, 409);
    case "unavailable":
      return frame(
        ctx,
        t("unavailableTitle"),
        `<p role="alert">${escapeHtml(result.message)}</p>${followFormHtml(ctx, values)}`,
        503,
      );
  }
}
