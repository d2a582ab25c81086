// The plain pages of the SMS sign-up (app/subscribe/sms/route.ts and .../verify/route.ts): the phone form
// again with its error, the code form, and the answers. They keep what was chosen in hidden fields so a
// correction does not lose it.
import { escapeHtml, htmlResponse, plainPage } from "@/services/subscriptions/plain-page";

export interface SmsPageFrame {
  pageName: string;
  accent: string;
}

const css = `<style>label{display:block;font-weight:500;margin-top:1rem}input[type=tel],input[inputmode=numeric]{display:block;width:100%;box-sizing:border-box;margin-top:.25rem;padding:.5rem .75rem;border:1px solid #cbd5e1;border-radius:.375rem;font:inherit;background:transparent;color:inherit}.error{color:#b91c1c}@media (prefers-color-scheme:dark){.error{color:#f87171}}</style>`;

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

export function phoneFormPage(
  frame: SmsPageFrame,
  kept: { phone: string; scope: string; componentIds: string[]; allImpacts: boolean },
  error: string,
  status = 400,
): Response {
  const body = `${css}<p role="alert" class="error">Please correct the number below.</p>
<form method="post" action="/subscribe/sms" novalidate>
<label for="phone">Mobile number</label>
<input id="phone" name="phone" type="tel" autocomplete="tel" required maxlength="40" value="${escapeHtml(kept.phone)}" aria-invalid="true" aria-describedby="phone-error" autofocus>
<p id="phone-error" class="error" aria-live="polite">${escapeHtml(error)}</p>
${hidden("scope", kept.scope)}${kept.componentIds.map((id) => hidden("componentIds", id)).join("")}${kept.allImpacts ? hidden("allImpacts", "1") : ""}
<button type="submit">Send me a code</button></form>`;
  return htmlResponse(plainPage({ ...frame, title: "Get updates by SMS", body }), status);
}

export function codeFormPage(frame: SmsPageFrame, subscriberId: string, error: string | null, status = 200): Response {
  const intro = error
    ? `<p role="alert" class="error">${escapeHtml(error)}</p>`
    : `<p role="status">If this number can subscribe, we have sent it a six-digit code by SMS. It expires in 10 minutes.</p>`;
  const body = `${css}${intro}<form method="post" action="/subscribe/sms/verify" novalidate>
${hidden("subscriberId", subscriberId)}
<label for="code">Code</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="10" aria-describedby="code-error"${error ? ' aria-invalid="true" autofocus' : ""}>
<p id="code-error" class="error" aria-live="polite"></p>
<button type="submit">Confirm</button></form><p><a href="/subscribe?via=sms">Send a new code</a></p>`;
  return htmlResponse(plainPage({ ...frame, title: "Enter the code we sent you", body }), status);
}

export function smsAnswerPage(frame: SmsPageFrame, title: string, text: string, status: number): Response {
  return htmlResponse(
    plainPage({
      ...frame,
      title,
      body: `<p>${escapeHtml(text)}</p><p><a href="/subscribe?via=sms">Start again</a></p>`,
    }),
    status,
  );
}
