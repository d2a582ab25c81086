import { NotificationEmail, SAMPLE, type NotificationEmailProps } from "./components/notification-email";

export default function MaintenanceCompleted(props: NotificationEmailProps) {
  return <NotificationEmail {...props} />;
}

MaintenanceCompleted.PreviewProps = {
  ...SAMPLE,
  label: "Maintenance completed",
  intro: "This maintenance is complete.",
} satisfies NotificationEmailProps;
