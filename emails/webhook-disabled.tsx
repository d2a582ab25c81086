import { Heading, Text } from "@react-email/components";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { Layout, type Branding } from "./components/layout";

export interface WebhookDisabledProps {
  branding: Branding;
  webhookUrl: string;
  failingSince: string;
  lastError: string;
  /** Where the owner can read how webhooks work. */
  docsUrl: string;
  /** A chat channel's incoming webhook, not a webhook subscriber: its own wording and advice. */
  channel?: "webhook" | "chat";
  /** The chat platform answered 404/410: the incoming webhook was deleted there. */
  gone?: boolean;
  locale?: Locale;
}

/** To the owner a webhook or chat channel names, once, when it is disabled. */
export default function WebhookDisabled({
  branding,
  webhookUrl,
  failingSince,
  lastError,
  docsUrl,
  channel = "webhook",
  gone = false,
  locale = DEFAULT_LOCALE,
}: WebhookDisabledProps) {
  const t = translator(locale, "notify");
  const page = branding.pageName;
  const w = channel === "chat" ? "chatDisabled" : "webhookDisabled";
  return (
    <Layout locale={locale} branding={branding} preview={t(`${w}.subject`, { page })}>
      <Heading as="h1" style={{ fontSize: 22 }}>
        {t(`${w}.heading`)}
      </Heading>
      <Text>{t(`${w}.body`, { page, since: failingSince })}</Text>
      <Text style={{ fontFamily: "monospace", wordBreak: "break-all" }}>{webhookUrl}</Text>
      {channel === "chat" && gone ? <Text>{t("chatDisabled.gone")}</Text> : null}
      <Text>{t(`${w}.lastError`, { error: lastError })}</Text>
      <Text>{channel === "chat" ? t("chatDisabled.advice") : t("webhookDisabled.advice", { docs: docsUrl })}</Text>
    </Layout>
  );
}

WebhookDisabled.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  webhookUrl: "https://hooks.example.com/status",
  failingSince: "11 Jun 2026, 09:00 UTC",
  lastError: "HTTP 500: Internal Server Error",
  docsUrl: "https://status.example.org/api#webhooks",
} satisfies WebhookDisabledProps;
