// The HTML of the unsubscribe pages, served by the route handler itself (the List-Unsubscribe URL must
// answer a POST, and a page cannot share a path with a route handler). In the status page's look
// (services/subscriptions/plain-page.ts).
import { escapeHtml as escape, plainPage } from "./plain-page";

export function confirmUnsubscribePage(pageName: string, accent: string, email: string, action: string): string {
  return plainPage({
    pageName,
    accent,
    title: `Unsubscribe from ${pageName}?`,
    body: `<p>${escape(email)} will no longer receive notifications.</p>
<form method="post" action="${escape(action)}"><input type="hidden" name="source" value="page"><button type="submit">Unsubscribe</button></form>`,
  });
}

export function unsubscribedPage(pageName: string, accent: string, _home = "/"): string {
  return plainPage({
    pageName,
    accent,
    title: "You are unsubscribed",
    body: `<p>You will no longer receive ${escape(pageName)} notifications.</p>`,
  });
}

export function invalidLinkPage(): string {
  return plainPage({
    title: "This link is not valid",
    body: `<p>It may be incomplete or out of date. Use the link in your most recent email.</p>`,
  });
}
