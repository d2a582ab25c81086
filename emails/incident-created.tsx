import { NotificationEmail, SAMPLE, type NotificationEmailProps } from "./components/notification-email";

export default function IncidentCreated(props: NotificationEmailProps) {
  return <NotificationEmail {...props} />;
}

IncidentCreated.PreviewProps = {
  ...SAMPLE,
  label: "Investigating",
  intro: "A new incident affects our services.",
} satisfies NotificationEmailProps;
