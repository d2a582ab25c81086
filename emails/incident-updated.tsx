import { NotificationEmail, SAMPLE, type NotificationEmailProps } from "./components/notification-email";

export default function IncidentUpdated(props: NotificationEmailProps) {
  return <NotificationEmail {...props} />;
}

IncidentUpdated.PreviewProps = {
  ...SAMPLE,
  label: "Identified",
  intro: "There is an update on this incident.",
} satisfies NotificationEmailProps;
