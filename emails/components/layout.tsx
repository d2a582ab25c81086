// The frame every email shares: the page's name and accent colour, and the footer with manage and
// unsubscribe links (when the email goes to a subscriber).
import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { DEFAULT_LOCALE, localeDir, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";

export interface Branding {
  pageName: string;
  accentColor: string;
  pageUrl: string;
}

export interface LayoutProps {
  branding: Branding;
  preview: string;
  manageUrl?: string;
  unsubscribeUrl?: string;
  /** Why this person receives the email; by default, because they subscribed. */
  reason?: string;
  /** The recipient's language: the footer's words, `lang` and `dir`. Team-only emails leave it English. */
  locale?: Locale;
  children: ReactNode;
}

const font = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

export function Layout({
  branding,
  preview,
  manageUrl,
  unsubscribeUrl,
  reason,
  locale = DEFAULT_LOCALE,
  children,
}: LayoutProps) {
  const t = translator(locale, "notify");
  return (
    <Html lang={locale} dir={localeDir(locale)}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: font, margin: 0, padding: "24px 0" }}>
        <Container
          style={{
            backgroundColor: "#ffffff",
            borderTop: `4px solid ${branding.accentColor}`,
            maxWidth: 600,
            padding: 24,
          }}
        >
          <Text style={{ fontSize: 14, fontWeight: 600, color: branding.accentColor, margin: "0 0 16px" }}>
            <Link href={branding.pageUrl} style={{ color: branding.accentColor }}>
              {branding.pageName}
            </Link>
          </Text>
          {children}
          <Hr style={{ borderColor: "#e4e4e7", margin: "24px 0 12px" }} />
          <Section>
            <Text style={{ fontSize: 12, color: "#71717a", margin: 0 }}>
              {reason ?? t("email.reason", { page: branding.pageName })}
              {manageUrl && unsubscribeUrl ? (
                <>
                  {" "}
                  {t.rich("email.footerLinks", {
                    manage: (chunks) => <Link href={manageUrl}>{chunks}</Link>,
                    unsubscribe: (chunks) => <Link href={unsubscribeUrl}>{chunks}</Link>,
                  })}
                </>
              ) : null}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
