import { NotificationEmail, SAMPLE, type NotificationEmailProps } from "./components/notification-email";

export default function MaintenanceCancelled(props: NotificationEmailProps) {
  return <NotificationEmail {...props} />;
}

MaintenanceCancelled.PreviewProps = { ...SAMPLE, label: "Maintenance cancelled", intro: "This maintenance has been cancelled." } satisfies NotificationEmailProps;
