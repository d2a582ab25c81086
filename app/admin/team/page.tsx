import type { Metadata } from "next";
import { Address } from "@/components/admin/address";
import { DoneNotice } from "@/components/admin/done-notice";
import { getDb } from "@/db";
import { USER_ROLES, USER_ROLE_LABELS } from "@/db/constants";
import { listUsers } from "@/db/queries/users";
import { requireUser } from "@/services/auth/dal";
import { hasRole } from "@/services/auth/roles";
import { formatInZone } from "@/services/console/incident-display";
import { pendingInvitations } from "@/services/console/team";
import { getThePage } from "@/db/queries/settings";
import { getConfig } from "@/core/config";
import { getConsoleSsoSettings, listSsoAccessRequests } from "@/db/queries/console-sso";
import { AccessRequestControls, SsoSettingsForm } from "./sso-forms";
import { InviteForm, MemberControls, RequireTwoFactorForm, RevokeButton } from "./team-forms";

export const metadata: Metadata = { title: "Team" };

const date = (ms: number | null, timeZone: string) => (ms ? formatInZone(ms, timeZone) : "never");

export default async function TeamPage({ searchParams }: { searchParams: Promise<{ done?: string; n?: string }> }) {
  const me = await requireUser("admin");
  const { done, n } = await searchParams;
  const db = getDb();
  const members = listUsers(db);
  const { timeZone } = getThePage(db);
  const invitations = pendingInvitations(db);
  const isOwner = hasRole(me.role, "owner");
  const sso = getConfig().consoleOidc;
  const requests = listSsoAccessRequests(db);
  const grantable = USER_ROLES.filter((r) => hasRole(me.role, "owner") || r !== "owner");
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">Team</h1>
      <DoneNotice done={done} n={n} />
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Owners can do everything. Admins can do everything except manage owners. Editors post incidents, maintenance and
        updates.
      </p>
      <section aria-labelledby="members-heading" className="mt-8">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members
        </h2>
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-300 dark:divide-slate-800 dark:border-slate-700">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-3">
              {/* At least 15rem for who it is, so on a phone the controls go below instead of squeezing it. */}
              <div className="min-w-0 flex-1 basis-60">
                <p className="font-medium">
                  <Address>{m.email}</Address>
                  {m.id === me.id && " (you)"}
                </p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {USER_ROLE_LABELS[m.role]} · two-factor {m.totpEnabledAt ? "on" : "off"} · last sign-in{" "}
                  {date(m.lastSignInAt, timeZone)}
                </p>
              </div>
              {(hasRole(me.role, "owner") || m.role !== "owner") && (
                <MemberControls userId={m.id} email={m.email} role={m.role} roles={grantable} />
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="invite-heading" className="mt-10">
        <h2 id="invite-heading" className="text-lg font-semibold">
          Invite someone
        </h2>
        <InviteForm roles={grantable} />
      </section>
      {hasRole(me.role, "owner") && (
        <section aria-labelledby="security-heading" className="mt-10">
          <h2 id="security-heading" className="text-lg font-semibold">
            Sign-in security
          </h2>
          <RequireTwoFactorForm required={getThePage(db).requireTwoFactor} />
        </section>
      )}
      <section aria-labelledby="sso-requests-heading" className="mt-10">
        <h2 id="sso-requests-heading" className="text-lg font-semibold">
          Waiting for approval
        </h2>
        {requests.length === 0 ? (
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            Nobody. People who sign in with single sign-on but whose groups map to no role wait here.
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-300 dark:divide-slate-800 dark:border-slate-700">
            {requests.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-3">
                <div className="min-w-0 flex-1 basis-60">
                  <p className="font-medium">
                    <Address>{r.email}</Address>
                  </p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {r.claimValues.length ? `Groups: ${r.claimValues.join(", ")}` : "No groups"} · last tried{" "}
                    {date(r.lastSeenAt, timeZone)}
                  </p>
                </div>
                {isOwner ? (
                  <AccessRequestControls id={r.id} email={r.email} />
                ) : (
                  <span className="text-sm text-slate-600 dark:text-slate-400">An owner decides.</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {isOwner && (
        <section aria-labelledby="sso-heading" className="mt-10">
          <h2 id="sso-heading" className="text-lg font-semibold">
            Single sign-on
          </h2>
          <p className="mt-1 text-slate-700 dark:text-slate-300">
            {sso
              ? `Members can sign in with ${sso.name} (${sso.issuer}).`
              : "Not set up: set CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID (or the VIEWER_OIDC_ ones) in the environment."}
          </p>
          <SsoSettingsForm
            settings={getConsoleSsoSettings(db)}
            owners={members.filter((m) => m.role === "owner").map((m) => ({ id: m.id, email: m.email }))}
          />
        </section>
      )}
      <section aria-labelledby="pending-heading" className="mt-10">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Open invitations
        </h2>
        {invitations.length === 0 ? (
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            None. Invitations appear here until they are used, revoked or expire.
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-300 dark:divide-slate-800 dark:border-slate-700">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 p-3">
                <span className="flex-1">
                  {i.email} · {USER_ROLE_LABELS[i.role]} · expires {date(i.expiresAt, timeZone)}
                </span>
                <RevokeButton id={i.id} email={i.email} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
