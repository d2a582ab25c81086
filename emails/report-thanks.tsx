import { Button, Heading, Text } from "@react-email/components";
import { Layout, type Branding } from "./components/layout";

export interface ReportThanksProps {
  branding: Branding;
  incidentName: string;
  incidentUrl: string;
}

/** One short reply to a visitor who reported a problem and left an address: it is fixed. Sent once. */
export default function ReportThanks({ branding, incidentName, incidentUrl }: ReportThanksProps) {
  return (
    <Layout
      branding={branding}
      preview={`Fixed: ${incidentName}. Thank you for telling us.`}
      reason={`You receive this once because you reported a problem on the ${branding.pageName} status page and left this address. We have now removed it from your report.`}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        Fixed: thank you for telling us
      </Heading>
      <Text>
        You told us something was not working. It was part of “{incidentName}”, which is now resolved. Thank you:
        reports like yours help us find problems sooner.
      </Text>
      <Button
        href={incidentUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        What happened
      </Button>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{incidentUrl}</Text>
    </Layout>
  );
}

ReportThanks.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  incidentName: "Webmail: problems reported",
  incidentUrl: "https://status.example.org/incidents/abc123def456",
} satisfies ReportThanksProps;
