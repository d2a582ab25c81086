// The HTML part of one sent email, for the sandboxed frame on its console page. A GET that changes nothing;
// authenticated by the session cookie (admins and owners), and served with a CSP that forbids scripts,
// forms and outside requests, inside a sandbox without same-origin.
import { getDb } from "@/db";
import { authorize } from "@/services/auth/dal";
import { EMAIL_PREVIEW_CSP, orNull, sentMailDetail } from "@/services/console/sent-mail";

const PLAIN = {
  "content-type": "text/plain; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorize("admin");
  if ("error" in auth) return new Response(auth.error, { status: auth.status, headers: PLAIN });
  const { id } = await params;
  const found = orNull(() => sentMailDetail(getDb(), auth.user, id));
  if (!found) return new Response("Not found", { status: 404, headers: PLAIN });
  if (found.bodyRemoved)
    return new Response("The body of this email was removed after the retention period.", {
      status: 410,
      headers: PLAIN,
    });
  return new Response(found.message.html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": EMAIL_PREVIEW_CSP,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "x-frame-options": "SAMEORIGIN",
    },
  });
}
