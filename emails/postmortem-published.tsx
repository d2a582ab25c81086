import { NotificationEmail, SAMPLE, type NotificationEmailProps } from "./components/notification-email";

export default function PostmortemPublished(props: NotificationEmailProps) {
  return <NotificationEmail {...props} />;
}

PostmortemPublished.PreviewProps = {
  ...SAMPLE,
  label: "Postmortem",
  intro: "The postmortem for this incident is published.",
} satisfies NotificationEmailProps;
