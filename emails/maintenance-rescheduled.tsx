import { NotificationEmail, SAMPLE, type NotificationEmailProps } from "./components/notification-email";

export default function MaintenanceRescheduled(props: NotificationEmailProps) {
  return <NotificationEmail {...props} />;
}

MaintenanceRescheduled.PreviewProps = {
  ...SAMPLE,
  calendarUrl: "https://status.example.org/maintenances/abc123def456.ics",
  label: "Maintenance rescheduled",
  intro: "This maintenance has moved to a new time.",
} satisfies NotificationEmailProps;
