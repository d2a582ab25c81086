import { NotificationEmail, SAMPLE, type NotificationEmailProps } from "./components/notification-email";

export default function IncidentResolved(props: NotificationEmailProps) {
  return <NotificationEmail {...props} />;
}

IncidentResolved.PreviewProps = {
  ...SAMPLE,
  label: "Resolved",
  intro: "This incident has been resolved.",
} satisfies NotificationEmailProps;
