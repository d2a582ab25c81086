import { Button, Heading, Text } from "@react-email/components";
import { Layout, type Branding } from "./components/layout";

export interface TeamInvitationProps {
  branding: Branding;
  inviteUrl: string;
  /** Who invited: their name and address, or just the address. */
  invitedBy: string;
  roleLabel: string;
  /** When the link stops working, in the page's time zone. */
  expiresAt: string;
}

export default function TeamInvitation({ branding, inviteUrl, invitedBy, roleLabel, expiresAt }: TeamInvitationProps) {
  return (
    <Layout
      branding={branding}
      preview={`${invitedBy} invited you to the ${branding.pageName} status page team`}
      reason={`You receive this because ${invitedBy} invited this address to the ${branding.pageName} status page team.`}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        Join the status page team
      </Heading>
      <Text>
        {invitedBy} invited you to help run the {branding.pageName} status page as{" "}
        {roleLabel === "Admin" || roleLabel === "Editor" ? "an" : "a"} <strong>{roleLabel}</strong>.
      </Text>
      <Text>Open this link to choose your name and password. It works once, until {expiresAt}.</Text>
      <Button
        href={inviteUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        Accept the invitation
      </Button>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{inviteUrl}</Text>
      <Text style={{ fontSize: 12, color: "#71717a" }}>
        If you did not expect this, ignore this email: the link expires by itself.
      </Text>
    </Layout>
  );
}

TeamInvitation.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  inviteUrl: "https://status.example.org/invite/token",
  invitedBy: "Ada Lovelace (ada@example.org)",
  roleLabel: "Editor",
  expiresAt: "2026-11-30 16:00 (Europe/Berlin)",
} satisfies TeamInvitationProps;
