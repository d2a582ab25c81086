import { Button, Heading, Text } from "@react-email/components";
import { Layout, type Branding } from "./components/layout";

export interface PasswordResetProps {
  branding: Branding;
  resetUrl: string;
  /** When the link stops working, in the page's time zone. */
  expiresAt: string;
}

export default function PasswordReset({ branding, resetUrl, expiresAt }: PasswordResetProps) {
  return (
    <Layout
      branding={branding}
      preview={`Reset your ${branding.pageName} console password`}
      reason={`You receive this because someone asked to reset the password of this address's account on the ${branding.pageName} status page console.`}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        Reset your password
      </Heading>
      <Text>
        Open this link to choose a new password. It works once, until {expiresAt}. Signing in afterwards ends every
        other session of your account.
      </Text>
      <Button
        href={resetUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        Choose a new password
      </Button>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{resetUrl}</Text>
      <Text style={{ fontSize: 12, color: "#71717a" }}>
        If you did not ask for this, ignore this email: your password stays as it is and the link expires by itself.
      </Text>
    </Layout>
  );
}

PasswordReset.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  resetUrl: "https://status.example.org/login/reset/token",
  expiresAt: "2026-11-30 16:00 (Europe/Berlin)",
} satisfies PasswordResetProps;
