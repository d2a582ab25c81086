import { NotificationEmail, SAMPLE, type NotificationEmailProps } from "./components/notification-email";

export default function MaintenanceStarted(props: NotificationEmailProps) {
  return <NotificationEmail {...props} />;
}

MaintenanceStarted.PreviewProps = {
  ...SAMPLE,
  label: "Maintenance in progress",
  intro: "This maintenance has started.",
} satisfies NotificationEmailProps;
