import { NotificationEmail, SAMPLE, type NotificationEmailProps } from "./components/notification-email";

export default function MaintenanceCancelled(props: NotificationEmailProps) {
  return <NotificationEmail {...props} />;
}

MaintenanceCancelled.PreviewProps = {
  ...SAMPLE,
  calendarUrl: "https://status.example.org/maintenances/abc123def456.ics",
  label: "Maintenance cancelled",
  intro: "This maintenance has been cancelled.",
} satisfies NotificationEmailProps;
