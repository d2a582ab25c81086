import { Button, Heading, Text } from "@react-email/components";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { Layout, type Branding } from "./components/layout";

export interface ReportThanksProps {
  branding: Branding;
  incidentName: string;
  incidentUrl: string;
  /** The language of the page the visitor reported from. */
  locale?: Locale;
}

/** One short reply to a visitor who reported a problem and left an address: it is fixed. Sent once. */
export default function ReportThanks({
  branding,
  incidentName,
  incidentUrl,
  locale = DEFAULT_LOCALE,
}: ReportThanksProps) {
  const t = translator(locale, "notify");
  const page = branding.pageName;
  return (
    <Layout
      locale={locale}
      branding={branding}
      preview={t("reportThanks.preview", { incident: incidentName })}
      reason={t("reportThanks.reason", { page })}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        {t("reportThanks.heading")}
      </Heading>
      <Text>{t("reportThanks.body", { incident: incidentName })}</Text>
      <Button
        href={incidentUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        {t("reportThanks.button")}
      </Button>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{incidentUrl}</Text>
    </Layout>
  );
}

ReportThanks.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  incidentName: "Webmail: problems reported",
  incidentUrl: "https://status.example.org/incidents/abc123def456",
} satisfies ReportThanksProps;
