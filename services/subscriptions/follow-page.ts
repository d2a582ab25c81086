// The plain pages of "Get updates on this incident" (app/incidents/[id]/follow/route.ts): the form again
// with its errors, and the answers. The form on the incident page itself is JSX (components/follow-form.tsx);
// both post the same fields.
import type { FollowResult } from "./follow";
import { escapeHtml, htmlResponse, plainPage } from "./plain-page";

export interface FollowPageContext {
  pageName: string;
  accent: string;
  incident: { id: string; name: string };
  /** Only the postmortem is left to follow (the incident is resolved). */
  postmortemOnly: boolean;
}

const fieldCss = `<style>label{display:block;font-weight:500;margin-top:1rem}input[type=email]{display:block;width:100%;box-sizing:border-box;margin-top:.25rem;padding:.5rem .75rem;border:1px solid #cbd5e1;border-radius:.375rem;font:inherit;background:transparent;color:inherit}.check{display:flex;gap:.5rem;align-items:center;font-weight:400}.error{color:#b91c1c}.hp{display:none}@media (prefers-color-scheme:dark){.error{color:#f87171}}</style>`;

/** The form, with what was typed and the error of each field. */
export function followFormHtml(
  ctx: FollowPageContext,
  values: { email?: string; postmortem?: boolean } = {},
  errors: Record<string, string[] | undefined> = {},
): string {
  const action = `/incidents/${encodeURIComponent(ctx.incident.id)}/follow`;
  const emailError = errors.email?.[0];
  const postmortem = ctx.postmortemOnly
    ? `<input type="hidden" name="postmortem" value="1">`
    : `<label class="check"><input type="checkbox" name="postmortem" value="1"${values.postmortem ? " checked" : ""}> Also the postmortem, if one is published</label>`;
  return `${fieldCss}<form method="post" action="${escapeHtml(action)}" novalidate>
<label for="follow-email">Email address</label>
<input id="follow-email" name="email" type="email" autocomplete="email" required maxlength="254" value="${escapeHtml(values.email ?? "")}" aria-describedby="follow-email-error"${emailError ? ' aria-invalid="true" autofocus' : ""}>
<p id="follow-email-error" class="error" aria-live="polite">${emailError ? escapeHtml(emailError) : ""}</p>
<div class="hp" aria-hidden="true"><label for="follow-website">Website</label><input id="follow-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
${postmortem}
<button type="submit">${ctx.postmortemOnly ? "Email me the postmortem" : "Get updates"}</button>
</form>`;
}

const frame = (ctx: FollowPageContext, title: string, body: string, status = 200) =>
  htmlResponse(plainPage({ pageName: ctx.pageName, accent: ctx.accent, title, body }), status);

const backToIncident = (ctx: FollowPageContext) =>
  `<p><a href="/incidents/${escapeHtml(encodeURIComponent(ctx.incident.id))}">Back to ${escapeHtml(ctx.incident.name)}</a></p>`;

/** The GET: the form on its own page (where a link or the incident page's form leads). */
export function followFormPage(ctx: FollowPageContext): Response {
  const intro = ctx.postmortemOnly
    ? `<p>This incident is resolved. Leave your address to get its postmortem by email when it is published; nothing else is sent.</p>`
    : `<p>We email you each update of <strong>${escapeHtml(ctx.incident.name)}</strong> until it is resolved, and nothing else. You confirm first, from the email we send.</p>`;
  return frame(ctx, "Get updates on this incident", intro + followFormHtml(ctx) + backToIncident(ctx));
}

/** What the POST answers, per outcome; the form again (400) with its errors for bad input. */
export function followAnswer(
  ctx: FollowPageContext,
  result: Exclude<FollowResult, { status: "not-found" }> | { status: "unavailable"; message: string },
  values: { email?: string; postmortem?: boolean },
): Response {
  switch (result.status) {
    case "check-inbox":
      return frame(
        ctx,
        "Check your inbox",
        `<p role="status">If this address can follow this incident, we have sent it an email. Open the link in it to confirm. If the address already gets these updates through a subscription, the email says so instead.</p>${backToIncident(ctx)}`,
      );
    case "invalid":
      return frame(
        ctx,
        "Get updates on this incident",
        `<p role="alert" class="error">Please correct the address below.</p>${followFormHtml(ctx, values, result.errors)}`,
        400,
      );
    case "too-many":
      return frame(
        ctx,
        "Too many sign-ups right now",
        `<p role="alert">Please try again in an hour.</p>${backToIncident(ctx)}`,
        429,
      );
    case "over":
      return frame(
        ctx,
        "This incident is over",
        `<p>It is resolved, so no more updates will be sent about it.</p>${backToIncident(ctx)}`,
        409,
      );
    case "unavailable":
      return frame(
        ctx,
        "Nothing was saved",
        `<p role="alert">${escapeHtml(result.message)}</p>${followFormHtml(ctx, values)}`,
        503,
      );
  }
}
