import { Button, Heading, Text } from "@react-email/components";
import { Layout, type Branding } from "./components/layout";

export interface MonitorDownProps {
  branding: Branding;
  monitorName: string;
  /** The service the monitor reports on, if any. */
  serviceName: string | null;
  /** What the failing check saw. */
  error: string;
  /** When it went down, in the page's time zone. */
  since: string;
  /** What automation did with the page: the status it set, a draft waiting, an incident published. */
  consequence: string;
  consoleUrl: string;
}

/** A team alert: to members who opted in, never to subscribers. */
export default function MonitorDown({
  branding,
  monitorName,
  serviceName,
  error,
  since,
  consequence,
  consoleUrl,
}: MonitorDownProps) {
  return (
    <Layout
      branding={branding}
      preview={`${monitorName} is down: ${error}`}
      reason={`You receive this because you asked to be told when a monitor of the ${branding.pageName} status page goes down. Turn it off on the Monitors page of the console.`}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        {monitorName} is down
      </Heading>
      <Text>
        Since {since}
        {serviceName ? `, for ${serviceName}` : ""}: <strong>{error}</strong>
      </Text>
      <Text>{consequence}</Text>
      <Button
        href={consoleUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        Open the monitor
      </Button>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{consoleUrl}</Text>
    </Layout>
  );
}

MonitorDown.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  monitorName: "Intranet (HTTPS)",
  serviceName: "Intranet",
  error: "Status 502, expected 2xx",
  since: "2026-11-30 16:00 (Europe/Berlin)",
  consequence: "The service shows a major outage. A draft incident waits for an admin to publish it.",
  consoleUrl: "https://status.example.org/admin/monitors/abc123def456",
} satisfies MonitorDownProps;
