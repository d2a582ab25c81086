import { Button, Heading, Text } from "@react-email/components";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { Layout, type Branding } from "./components/layout";

export interface ManageLinkProps {
  branding: Branding;
  manageUrl: string;
  unsubscribeUrl: string;
  /** Set when the address asked to follow an incident its subscription already covers. */
  incidentName?: string | null;
  locale?: Locale;
}

export default function ManageLink({
  branding,
  manageUrl,
  unsubscribeUrl,
  incidentName,
  locale = DEFAULT_LOCALE,
}: ManageLinkProps) {
  const t = translator(locale, "notify");
  const page = branding.pageName;
  return (
    <Layout
      locale={locale}
      branding={branding}
      preview={t("manageLink.subject", { page })}
      manageUrl={manageUrl}
      unsubscribeUrl={unsubscribeUrl}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        {t("manageLink.heading")}
      </Heading>
      {incidentName ? <Text>{t("manageLink.follow", { page, incident: incidentName })}</Text> : null}
      <Text>{t("manageLink.body", { page })}</Text>
      <Button
        href={manageUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        {t("manageLink.button")}
      </Button>
    </Layout>
  );
}

ManageLink.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  manageUrl: "https://status.example.org/manage/token",
  unsubscribeUrl: "https://status.example.org/unsubscribe/token",
} satisfies ManageLinkProps;
