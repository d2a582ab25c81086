// The HTML of the unsubscribe pages, served by the route handler itself (the List-Unsubscribe URL must
// answer a POST, and a page cannot share a path with a route handler). Plain, self-contained, escaped.
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function shell(title: string, accent: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#0f172a}h1{font-size:1.5rem}button{background:${escape(accent)};color:#fff;border:0;border-radius:.375rem;padding:.6rem 1rem;font-size:1rem;cursor:pointer}a{color:${escape(accent)}}</style></head><body>${body}</body></html>`;
}

export function confirmUnsubscribePage(pageName: string, accent: string, email: string, action: string): string {
  return shell(
    `Unsubscribe from ${pageName}`,
    accent,
    `<h1>Unsubscribe from ${escape(pageName)}?</h1><p>${escape(email)} will no longer receive notifications.</p>
<form method="post" action="${escape(action)}"><input type="hidden" name="source" value="page"><button type="submit">Unsubscribe</button></form>`,
  );
}

export function unsubscribedPage(pageName: string, accent: string, home: string): string {
  return shell(
    "Unsubscribed",
    accent,
    `<h1>You are unsubscribed</h1><p>You will no longer receive ${escape(pageName)} notifications.</p><p><a href="${escape(home)}">Back to the status page</a></p>`,
  );
}

export function invalidLinkPage(): string {
  return shell("Link not valid", "#2563eb", `<h1>This link is not valid</h1><p>It may be incomplete or out of date. Use the link in your most recent email.</p>`);
}
