import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { USER_ROLE_LABELS } from "@/db/constants";
import { invitationLinkState } from "@/services/console/invitation-link";
import { openInvitationForToken } from "@/services/console/team";
import { AcceptForm } from "./accept-form";

export const metadata: Metadata = { title: "Join the team", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = getDb();
  const invitation = openInvitationForToken(db, token);
  // proxy.ts answers 404 or 410 for these; the words say which.
  const unknown = !invitation && invitationLinkState(db, token) === "unknown";
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
      {invitation ? (
        <>
          <h1 className="text-2xl font-bold">Join the status page team</h1>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            You are invited as {USER_ROLE_LABELS[invitation.role].toLowerCase()} with the email {invitation.email}.
          </p>
          <AcceptForm token={token} email={invitation.email} />
        </>
      ) : (
        <>
          <h1 className="text-2xl font-bold">
            {unknown ? "This invitation link is not valid" : "This invitation link is no longer valid"}
          </h1>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            {unknown
              ? "Check that the whole link was copied from the email, or ask the person who invited you for a new one."
              : "It was used already, revoked, or it expired. Ask the person who invited you for a new one."}
          </p>
          <Link href="/login" className="mt-6 font-medium underline">
            Sign in
          </Link>
        </>
      )}
    </main>
  );
}
