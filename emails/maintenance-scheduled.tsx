import { NotificationEmail, SAMPLE, type NotificationEmailProps } from "./components/notification-email";

export default function MaintenanceScheduled(props: NotificationEmailProps) {
  return <NotificationEmail {...props} />;
}

MaintenanceScheduled.PreviewProps = {
  ...SAMPLE,
  calendarUrl: "https://status.example.org/maintenances/abc123def456.ics",
  label: "Scheduled maintenance",
  intro: "Maintenance is planned.",
} satisfies NotificationEmailProps;
