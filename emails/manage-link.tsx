import { Button, Heading, Text } from "@react-email/components";
import { Layout, type Branding } from "./components/layout";

export interface ManageLinkProps {
  branding: Branding;
  manageUrl: string;
  unsubscribeUrl: string;
  /** Set when the address asked to follow an incident its subscription already covers. */
  incidentName?: string | null;
}

export default function ManageLink({ branding, manageUrl, unsubscribeUrl, incidentName }: ManageLinkProps) {
  return (
    <Layout
      branding={branding}
      preview={`Manage your subscription to ${branding.pageName}`}
      manageUrl={manageUrl}
      unsubscribeUrl={unsubscribeUrl}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        You are already subscribed
      </Heading>
      {incidentName ? (
        <Text>
          You asked to follow &quot;{incidentName}&quot;. This address already gets its updates through your{" "}
          {branding.pageName} subscription, so nothing was added: you will not receive them twice.
        </Text>
      ) : null}
      <Text>
        This address already receives {branding.pageName} notifications. Use this link to choose what you hear about,
        pause or unsubscribe.
      </Text>
      <Button
        href={manageUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        Manage subscription
      </Button>
    </Layout>
  );
}

ManageLink.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  manageUrl: "https://status.example.org/manage/token",
  unsubscribeUrl: "https://status.example.org/unsubscribe/token",
} satisfies ManageLinkProps;
