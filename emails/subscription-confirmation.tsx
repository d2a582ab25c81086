import { Button, Heading, Text } from "@react-email/components";
import { Layout, type Branding } from "./components/layout";

export interface SubscriptionConfirmationProps {
  branding: Branding;
  confirmUrl: string;
  expiresIn: string;
  /** Set when the sign-up follows one incident: its updates only, until it is resolved. */
  incidentName?: string | null;
}

export default function SubscriptionConfirmation({
  branding,
  confirmUrl,
  expiresIn,
  incidentName,
}: SubscriptionConfirmationProps) {
  const what = incidentName
    ? `updates on "${incidentName}" from ${branding.pageName}, until it is resolved,`
    : `${branding.pageName} notifications`;
  return (
    // Nobody has subscribed yet: the footer says why this one email came, not "because you subscribed".
    <Layout
      branding={branding}
      preview={`Confirm your subscription to ${branding.pageName}`}
      reason={`You receive this one email because someone asked to receive ${branding.pageName} notifications at this address. Nothing more is sent unless it is confirmed.`}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        Confirm your subscription
      </Heading>
      <Text>Someone, hopefully you, asked to receive {what} at this address.</Text>
      <Text>Open this link and press Confirm to start receiving them. The link expires in {expiresIn}.</Text>
      <Button
        href={confirmUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        Confirm subscription
      </Button>
      {/* For mail clients that do not show the button; the text part already has the URL after the button's label. */}
      <Text data-skip-in-text="true" style={{ fontSize: 12, color: "#71717a" }}>
        {confirmUrl}
      </Text>
      <Text style={{ fontSize: 12, color: "#71717a" }}>
        If you did not ask for this, ignore this email: nothing will be sent.
      </Text>
    </Layout>
  );
}

SubscriptionConfirmation.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  confirmUrl: "https://status.example.org/subscribe/confirm/token",
  expiresIn: "48 hours",
} satisfies SubscriptionConfirmationProps;
