import { Button, Heading, Text } from "@react-email/components";
import { Layout, type Branding } from "./components/layout";

export interface ReportSpikeProps {
  branding: Branding;
  serviceName: string;
  count: number;
  minutes: number;
  /** When the spike began to count, in the page's time zone. */
  since: string;
  consoleUrl: string;
}

/** A team alert: visitors report one service again and again. To members who opted in, never to subscribers. */
export default function ReportSpike({ branding, serviceName, count, minutes, since, consoleUrl }: ReportSpikeProps) {
  return (
    <Layout
      branding={branding}
      preview={`${count} visitors reported ${serviceName} in ${minutes} minutes`}
      reason={`You receive this because you asked to be told when visitors of the ${branding.pageName} status page report a problem many times. Turn it off on the Reports page of the console.`}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        Visitors report a problem with {serviceName}
      </Heading>
      <Text>
        {count} reports within {minutes} minutes, the last at {since}. Nothing was posted on the status page: look at
        the reports and declare an incident if they are right.
      </Text>
      <Button
        href={consoleUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        Open the reports
      </Button>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{consoleUrl}</Text>
    </Layout>
  );
}

ReportSpike.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  serviceName: "Webmail",
  count: 5,
  minutes: 10,
  since: "2026-11-30 16:00 (Europe/Berlin)",
  consoleUrl: "https://status.example.org/admin/reports",
} satisfies ReportSpikeProps;
