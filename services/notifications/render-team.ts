// The team-only emails (services/notifications/render.ts hands them over): an invitation, a password reset,
// a monitor or alert going down, a spike of visitor reports, the static copy failing or recovering. English,
// whatever the recipients' language; their console links use the server's own address, not the page's.
import { createElement } from "react";
import { USER_ROLE_LABELS } from "@/db/constants";
import type { NotificationContext } from "@/db/queries/notifications";
import type { Branding } from "@/emails/components/layout";
import MonitorDown from "@/emails/monitor-down";
import PasswordReset from "@/emails/password-reset";
import PublishFailing from "@/emails/publish-failing";
import ReportSpike from "@/emails/report-spike";
import TeamInvitation from "@/emails/team-invitation";
import { formatInZone } from "./content";
import { both, LINK, type RenderedTemplate } from "./rendered";

/** The team email of this notification, or null when it is not one. */
export async function renderTeamEmail(
  ctx: NotificationContext,
  publicUrl: string,
  branding: Branding,
): Promise<RenderedTemplate | null> {
  const { notification } = ctx;
  if (notification.kind === "team_invitation") {
    const invitation = ctx.invitation;
    if (!invitation) throw new Error("Cannot render an invitation that was used, revoked or has expired");
    // The console lives at the server's own address, whatever public address the page shows.
    const inviteUrl = `${publicUrl.replace(/\/+$/, "")}/invite/${LINK}`;
    const invitedBy = invitation.inviterEmail
      ? invitation.inviterName
        ? `${invitation.inviterName} (${invitation.inviterEmail})`
        : invitation.inviterEmail
      : `The ${ctx.page.name} team`;
    const expiresAt = formatInZone(invitation.expiresAt, ctx.page.timeZone);
    const out = await both(
      createElement(TeamInvitation, {
        branding,
        inviteUrl,
        invitedBy,
        roleLabel: USER_ROLE_LABELS[invitation.role],
        expiresAt,
      }),
    );
    return {
      ...out,
      subject: `You are invited to the ${ctx.page.name} status page team`,
      incidentId: null,
      transactional: true,
    };
  }
  if (notification.kind === "password_reset") {
    const reset = ctx.passwordReset;
    if (!reset) throw new Error("Cannot render a password reset that was used, replaced or has expired");
    const resetUrl = `${publicUrl.replace(/\/+$/, "")}/login/reset/${LINK}`;
    const expiresAt = formatInZone(reset.expiresAt, ctx.page.timeZone);
    const out = await both(createElement(PasswordReset, { branding, resetUrl, expiresAt }));
    return { ...out, subject: `Reset your ${ctx.page.name} console password`, incidentId: null, transactional: true };
  }
  if (notification.kind === "monitor_down") {
    // A team alert: the console link is at the server's own address, like the invitation's.
    const p = notification.payload ?? {};
    // An alert integration's team alert names its own console page (consolePath); a monitor's is derived.
    const consolePath =
      typeof p.consolePath === "string" && p.consolePath.startsWith("/admin/")
        ? p.consolePath
        : `/admin/monitors/${String(p.monitorId ?? "")}`;
    const consoleUrl = `${publicUrl.replace(/\/+$/, "")}${consolePath}`;
    const since = formatInZone(Number(p.at ?? notification.createdAt), ctx.page.timeZone);
    const props = {
      branding,
      monitorName: String(p.monitorName ?? ""),
      serviceName: typeof p.serviceName === "string" ? p.serviceName : null,
      error: String(p.error ?? "failing"),
      since,
      consequence: String(p.consequence ?? ""),
      consoleUrl,
    };
    const out = await both(createElement(MonitorDown, props));
    return { ...out, subject: `Down: ${props.monitorName}`, incidentId: null, transactional: true };
  }
  if (notification.kind === "report_spike") {
    const p = notification.payload ?? {};
    const consoleUrl = `${publicUrl.replace(/\/+$/, "")}/admin/reports`;
    const props = {
      branding,
      serviceName: String(p.serviceName ?? "a service"),
      count: Number(p.count ?? 0),
      minutes: Number(p.minutes ?? 0),
      since: formatInZone(Number(p.at ?? notification.createdAt), ctx.page.timeZone),
      consoleUrl,
    };
    const out = await both(createElement(ReportSpike, props));
    return { ...out, subject: `Reports spike: ${props.serviceName}`, incidentId: null, transactional: true };
  }
  if (notification.kind === "publish_failing" || notification.kind === "publish_recovered") {
    const p = notification.payload ?? {};
    const state = notification.kind === "publish_failing" ? "failing" : "recovered";
    const props = {
      branding,
      state,
      targetLabel: String(p.targetLabel ?? "Static copy"),
      where: String(p.where ?? ""),
      since: formatInZone(Number(p.since ?? notification.createdAt), ctx.page.timeZone),
      lastError: String(p.lastError ?? "unknown"),
      consoleUrl: `${publicUrl.replace(/\/+$/, "")}/admin/settings`,
    } as const;
    const out = await both(createElement(PublishFailing, props));
    const subject = `Static copy ${state === "failing" ? "failing" : "publishing again"}: ${props.targetLabel}`;
    return { ...out, subject, incidentId: null, transactional: true };
  }
  return null;
}
