import { NotificationEmail, SAMPLE, type NotificationEmailProps } from "./components/notification-email";

export default function MaintenanceReminder(props: NotificationEmailProps) {
  return <NotificationEmail {...props} />;
}

MaintenanceReminder.PreviewProps = {
  ...SAMPLE,
  calendarUrl: "https://status.example.org/maintenances/abc123def456.ics",
  label: "Maintenance reminder",
  intro: "This maintenance starts soon.",
} satisfies NotificationEmailProps;
