import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import IncidentCreated from "./incident-created";
import IncidentResolved from "./incident-resolved";
import IncidentUpdated from "./incident-updated";
import MaintenanceCancelled from "./maintenance-cancelled";
import MaintenanceCompleted from "./maintenance-completed";
import MaintenanceReminder from "./maintenance-reminder";
import MaintenanceRescheduled from "./maintenance-rescheduled";
import MaintenanceScheduled from "./maintenance-scheduled";
import MaintenanceStarted from "./maintenance-started";
import ManageLink from "./manage-link";
import PostmortemPublished from "./postmortem-published";
import SubscriptionConfirmation from "./subscription-confirmation";
import TeamInvitation from "./team-invitation";
import WebhookDisabled from "./webhook-disabled";

const notifications = {
  IncidentCreated,
  IncidentUpdated,
  IncidentResolved,
  PostmortemPublished,
  MaintenanceScheduled,
  MaintenanceRescheduled,
  MaintenanceCancelled,
  MaintenanceReminder,
  MaintenanceStarted,
  MaintenanceCompleted,
};

describe("email templates", () => {
  it.each(Object.entries(notifications))(
    "%s renders HTML and text with the incident, manage and unsubscribe links",
    async (_name, Template) => {
      const props = Template.PreviewProps;
      const html = await render(<Template {...props} />);
      const text = await render(<Template {...props} />, { plainText: true });
      for (const part of [html, text]) {
        expect(part).toContain(props.incidentUrl);
        expect(part).toContain(props.manageUrl);
        expect(part).toContain(props.unsubscribeUrl);
        expect(part).toContain(props.intro);
      }
      expect(html).toContain(props.branding.accentColor);
      expect(text).toContain("Webmail: Degraded performance");
      // Maintenance that is still ahead offers its .ics file; the others do not.
      const calendar = "calendarUrl" in props ? props.calendarUrl : null;
      if (calendar) for (const part of [html, text]) expect(part).toContain(calendar);
      expect(text.includes("Add to your calendar")).toBe(Boolean(calendar));
    },
  );

  it("offers the calendar link on scheduled, rescheduled, reminder and cancelled maintenance only", () => {
    const withCalendar = Object.entries(notifications)
      .filter(([, t]) => "calendarUrl" in t.PreviewProps)
      .map(([n]) => n);
    expect(withCalendar.sort()).toEqual([
      "MaintenanceCancelled",
      "MaintenanceReminder",
      "MaintenanceRescheduled",
      "MaintenanceScheduled",
    ]);
  });

  it("renders the confirmation and manage-link emails", async () => {
    const confirm = await render(<SubscriptionConfirmation {...SubscriptionConfirmation.PreviewProps} />, {
      plainText: true,
    });
    expect(confirm).toContain(SubscriptionConfirmation.PreviewProps.confirmUrl);
    expect(confirm).toContain("48 hours");
    const manage = await render(<ManageLink {...ManageLink.PreviewProps} />, { plainText: true });
    expect(manage).toContain(ManageLink.PreviewProps.manageUrl);
  });

  it("the confirmation email does not say the address subscribed, and its text has the link once", async () => {
    const props = SubscriptionConfirmation.PreviewProps;
    const html = await render(<SubscriptionConfirmation {...props} />);
    const text = await render(<SubscriptionConfirmation {...props} />, { plainText: true });
    for (const part of [html, text]) {
      expect(part).not.toContain("because you subscribed");
      expect(part).toContain("asked to receive");
    }
    expect(text.split(props.confirmUrl).length - 1).toBe(1);
    expect(html).toContain(props.confirmUrl);
  });

  it("renders the team invitation with the link, who invited, the role and the expiry, and no subscriber footer", async () => {
    const props = TeamInvitation.PreviewProps;
    const html = await render(<TeamInvitation {...props} />);
    const text = await render(<TeamInvitation {...props} />, { plainText: true });
    for (const part of [html, text]) {
      expect(part).toContain(props.inviteUrl);
      expect(part).toContain(props.invitedBy);
      expect(part).toContain("Editor");
      expect(part).toContain(props.expiresAt);
      expect(part).not.toContain("because you subscribed");
    }
    expect(text).toContain("as an Editor");
    expect(html).toContain(props.branding.accentColor);
  });

  it("renders the webhook-disabled email in HTML and text with the URL, the reason and the docs link", async () => {
    const props = WebhookDisabled.PreviewProps;
    const html = await render(<WebhookDisabled {...props} />);
    const text = await render(<WebhookDisabled {...props} />, { plainText: true });
    for (const part of [html, text]) {
      expect(part).toContain(props.webhookUrl);
      expect(part).toContain(props.lastError);
      expect(part).toContain(props.failingSince);
      expect(part).toContain(props.docsUrl);
    }
  });
});
