import { Button, Heading, Text } from "@react-email/components";
import { Layout, type Branding } from "./components/layout";

export interface PublishFailingProps {
  branding: Branding;
  /** "failing": more than 5 minutes of failures; "recovered": it publishes again. */
  state: "failing" | "recovered";
  /** For people: "S3 bucket s3://copy/status" or "Folder /srv/status"; never a credential. */
  targetLabel: string;
  where: string;
  /** Failing: when the failures began; recovered: when it published again. In the page's time zone. */
  since: string;
  lastError: string;
  consoleUrl: string;
}

/** A team alert about the static copy. To members who opted in (Settings, Static copy), never to subscribers. */
export default function PublishFailing({
  branding,
  state,
  targetLabel,
  where,
  since,
  lastError,
  consoleUrl,
}: PublishFailingProps) {
  const failing = state === "failing";
  return (
    <Layout
      branding={branding}
      preview={
        failing ? `The static copy in ${where} is not being updated` : `The static copy in ${where} is up to date again`
      }
      reason={`You receive this because you asked to be told when the static copy of the ${branding.pageName} status page fails. Turn it off under Settings, Static copy, in the console.`}
    >
      <Heading as="h1" style={{ fontSize: 22 }}>
        {failing ? `${targetLabel}: publishing fails` : `${targetLabel}: publishing again`}
      </Heading>
      {failing ? (
        <>
          <Text>
            Publishing to {where} has failed since {since}. Visitors of the copy see the page as it was at the last
            successful publish; the server keeps retrying.
          </Text>
          <Text>Last error: {lastError}</Text>
        </>
      ) : (
        <Text>
          Publishing to {where} works again: it published at {since} and the copy is up to date.
        </Text>
      )}
      <Button
        href={consoleUrl}
        style={{ backgroundColor: branding.accentColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6 }}
      >
        Open the settings
      </Button>
      <Text style={{ fontSize: 12, color: "#71717a" }}>{consoleUrl}</Text>
    </Layout>
  );
}

PublishFailing.PreviewProps = {
  branding: { pageName: "Example IT Services", accentColor: "#2563eb", pageUrl: "https://status.example.org" },
  state: "failing",
  targetLabel: "S3 bucket",
  where: "s3://status-copy at https://s3.example.net",
  since: "2026-12-01 13:00 (Europe/Berlin)",
  lastError: "Uploading index.html to s3://status-copy: AccessDenied (HTTP 403): Access Denied",
  consoleUrl: "https://status.example.org/admin/settings",
} satisfies PublishFailingProps;
