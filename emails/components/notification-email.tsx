// The body of every incident and maintenance email: what happened, the update, the affected services with
// their new status, when (in the page's time zone), and a link to the incident page.
import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { Layout, type Branding } from "./layout";

export interface AffectedService {
  name: string;
  status: string;
}

export interface NotificationEmailProps {
  branding: Branding;
  /** The recipient's language; label, intro and when come already in it (services/notifications/words.ts). */
  locale?: Locale;
  /** What this email is about, e.g. "Investigating" or "Scheduled maintenance". */
  label: string;
  title: string;
  intro: string;
  /** The update, as sanitised HTML from Markdown. */
  bodyHtml: string;
  services: AffectedService[];
  /** "Posted 23 Nov 2026, 16:06 UTC (Etc/UTC)" or a maintenance window. */
  when: string;
  incidentUrl: string;
  /** The maintenance as an .ics file, for "add to calendar". */
  calendarUrl?: string | null;
  manageUrl: string;
  unsubscribeUrl: string;
  /** "Was this helpful?": the vote page of this update, with the reader's voter token. */
  helpfulUrl?: string | null;
}

export function NotificationEmail(props: NotificationEmailProps) {
  const { branding, label, title, intro, bodyHtml, services, when, incidentUrl } = props;
  const locale = props.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, "notify");
  return (
    <Layout
      locale={locale}
      branding={branding}
      preview={`[${label}] ${title}`}
      manageUrl={props.manageUrl}
      unsubscribeUrl={props.unsubscribeUrl}
    >
      <Text style={{ fontSize: 12, textTransform: "uppercase", letterSpacing: 1, color: "#52525b", margin: 0 }}>
        {label}
      </Text>
      <Heading as="h1" style={{ fontSize: 22, margin: "4px 0 12px" }}>
        {title}
      </Heading>
      <Text style={{ margin: "0 0 12px" }}>{intro}</Text>
      <Section style={{ fontSize: 15, lineHeight: "22px" }}>
        <div dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      </Section>
      {services.length > 0 ? (
        <Section>
          <Text style={{ fontWeight: 600, margin: "12px 0 4px" }}>{t("email.affectedServices")}</Text>
          {services.map((s) => (
            <Text key={s.name} style={{ margin: 0 }}>
              {s.name}: {s.status}
            </Text>
          ))}
        </Section>
      ) : null}
      <Text style={{ color: "#52525b", fontSize: 13 }}>{when}</Text>
      <Button
        href={incidentUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        {t("email.view")}
      </Button>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{incidentUrl}</Text>
      {props.helpfulUrl ? (
        <Text style={{ fontSize: 14 }}>
          {t("email.helpful")}{" "}
          <Link href={`${props.helpfulUrl}&v=yes`} style={{ color: branding.accentColor }}>
            {t("email.yes")}
          </Link>{" "}
          ·{" "}
          <Link href={`${props.helpfulUrl}&v=no`} style={{ color: branding.accentColor }}>
            {t("email.no")}
          </Link>{" "}
          ({props.helpfulUrl})
        </Text>
      ) : null}
      {props.calendarUrl ? (
        <Text style={{ fontSize: 14 }}>
          <Link href={props.calendarUrl} style={{ color: branding.accentColor }}>
            {t("email.calendar")}
          </Link>{" "}
          {t("email.calendarNote")}: {props.calendarUrl}
        </Text>
      ) : null}
    </Layout>
  );
}

export const SAMPLE: NotificationEmailProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  label: "Investigating",
  title: "Webmail slow to load",
  intro: "We are investigating a problem.",
  locale: "en",
  bodyHtml: "<p>Webmail pages take up to a minute to load. We are looking into it.</p>",
  services: [{ name: "Webmail", status: "Degraded performance" }],
  when: "Posted 23 Nov 2026, 16:06 UTC (Etc/UTC)",
  incidentUrl: "https://status.example.org/incidents/abc123def456",
  manageUrl: "https://status.example.org/manage/token",
  unsubscribeUrl: "https://status.example.org/unsubscribe/token",
};
