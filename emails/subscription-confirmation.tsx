import { Button, Heading, Text } from "@react-email/components";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { Layout, type Branding } from "./components/layout";

export interface SubscriptionConfirmationProps {
  branding: Branding;
  confirmUrl: string;
  /** How long the link works, in hours (the message says it with the language's plural). */
  expiresInHours: number;
  /** Set when the sign-up follows one incident: its updates only, until it is resolved. */
  incidentName?: string | null;
  locale?: Locale;
}

export default function SubscriptionConfirmation({
  branding,
  confirmUrl,
  expiresInHours,
  incidentName,
  locale = DEFAULT_LOCALE,
}: SubscriptionConfirmationProps) {
  const t = translator(locale, "notify");
  const page = branding.pageName;
  return (
    // Nobody has subscribed yet: the footer says why this one email came, not "because you subscribed".
    <Layout
      locale={locale}
      branding={branding}
      preview={t("confirm.subject", { page })}
      reason={t("confirm.reason", { page })}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        {t("confirm.heading")}
      </Heading>
      <Text>
        {incidentName ? t("confirm.askedFollow", { page, incident: incidentName }) : t("confirm.askedPage", { page })}
      </Text>
      <Text>{t("confirm.open", { hours: expiresInHours })}</Text>
      <Button
        href={confirmUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        {t("confirm.button")}
      </Button>
      {/* For mail clients that do not show the button; the text part already has the URL after the button's label. */}
      <Text data-skip-in-text="true" style={{ fontSize: 12, color: "#71717a" }}>
        {confirmUrl}
      </Text>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{t("confirm.ignore")}</Text>
    </Layout>
  );
}

SubscriptionConfirmation.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  confirmUrl: "https://status.example.org/subscribe/confirm/token",
  expiresInHours: 48,
} satisfies SubscriptionConfirmationProps;
