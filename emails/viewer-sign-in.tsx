import { Button, Heading, Text } from "@react-email/components";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { Layout, type Branding } from "./components/layout";

export interface ViewerSignInProps {
  branding: Branding;
  signInUrl: string;
  minutes: number;
  locale: Locale;
}

/** The single-use link that signs a viewer in to the internal page (services/viewers/email-link.ts). */
export default function ViewerSignIn({ branding, signInUrl, minutes, locale }: ViewerSignInProps) {
  const t = translator(locale, "viewer-sign-in");
  const page = branding.pageName;
  return (
    <Layout locale={locale} branding={branding} preview={t("preview", { page })} reason={t("reason", { page })}>
      <Heading as="h1" style={{ fontSize: 22 }}>
        {t("heading")}
      </Heading>
      <Text>{t("body", { page, minutes })}</Text>
      <Button
        href={signInUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        {t("button", { page })}
      </Button>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{signInUrl}</Text>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{t("ignore")}</Text>
    </Layout>
  );
}

ViewerSignIn.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  signInUrl: "https://status.example.org/sign-in?link=token",
  minutes: 15,
  locale: DEFAULT_LOCALE,
} satisfies ViewerSignInProps;
