import { Heading, Text } from "@react-email/components";
import { Layout, type Branding } from "./components/layout";

export interface WebhookDisabledProps {
  branding: Branding;
  webhookUrl: string;
  failingSince: string;
  lastError: string;
  /** Where the owner can read how webhooks work. */
  docsUrl: string;
}

/** To the owner a webhook names, once, when it is disabled after failing for about a day. */
export default function WebhookDisabled({
  branding,
  webhookUrl,
  failingSince,
  lastError,
  docsUrl,
}: WebhookDisabledProps) {
  return (
    <Layout branding={branding} preview={`Your ${branding.pageName} webhook was disabled`}>
      <Heading as="h1" style={{ fontSize: 22 }}>
        Your webhook was disabled
      </Heading>
      <Text>
        {branding.pageName} could not deliver notifications to this webhook since {failingSince}, so it stopped sending
        to it:
      </Text>
      <Text style={{ fontFamily: "monospace", wordBreak: "break-all" }}>{webhookUrl}</Text>
      <Text>The last attempt failed with: {lastError}</Text>
      <Text>
        Once the receiver answers again with a 2xx status within 10 seconds, ask the page&apos;s administrators to
        re-enable it, or register it again on the subscribe page. How webhooks work: {docsUrl}
      </Text>
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
