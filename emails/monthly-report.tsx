import { Button, Heading, Section, Text } from "@react-email/components";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { Layout, type Branding } from "./components/layout";

export interface MonthlyReportProps {
  branding: Branding;
  locale?: Locale;
  /** "November 2026", in the reader's language. */
  month: string;
  /** The headline figures, labelled and formatted in the reader's language. */
  figures: { label: string; value: string }[];
  /** For the preview line. */
  availability: string;
  incidents: number;
  reportUrl: string;
  manageUrl?: string;
  unsubscribeUrl?: string;
}

/** "This month in IT": the service report's headline figures and a link to the whole report, once a month. */
export default function MonthlyReport(props: MonthlyReportProps) {
  const { branding, month, figures, reportUrl } = props;
  const locale = props.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, "report");
  return (
    <Layout
      locale={locale}
      branding={branding}
      preview={t("email.preview", { availability: props.availability, incidents: props.incidents, month })}
      manageUrl={props.manageUrl}
      unsubscribeUrl={props.unsubscribeUrl}
      reason={t("email.why")}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        {t("email.heading", { month })}
      </Heading>
      <Text>{t("email.lead", { page: branding.pageName, month })}</Text>
      <Section>
        {figures.map((f) => (
          <Text key={f.label} style={{ margin: "4px 0" }}>
            {f.label}: <strong>{f.value}</strong>
          </Text>
        ))}
      </Section>
      <Button
        href={reportUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        {t("email.open")}
      </Button>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{reportUrl}</Text>
    </Layout>
  );
}

MonthlyReport.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  month: "November 2026",
  figures: [
    { label: "Availability (target 99.9%)", value: "99.953%" },
    { label: "Incidents", value: "3" },
    { label: "Mean time to first public update", value: "7 minutes" },
  ],
  availability: "99.953%",
  incidents: 3,
  reportUrl: "https://status.example.org/report?period=2026-11",
} satisfies MonthlyReportProps;
