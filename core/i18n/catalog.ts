// Every namespace of messages, by name. A namespace is a folder under messages/ with one JSON file per language
// (messages/<namespace>/<locale>.json) and the same index.ts; add it here with one line. Owners: the public
// pages, emails, chat and SMS each keep their own namespaces, so a change to one never touches another's file.
import chart from "./messages/chart";
import chat_form from "./messages/chat-form";
import common from "./messages/common";
import embed from "./messages/embed";
import embed_banner from "./messages/embed-banner";
import errors from "./messages/errors";
import feed from "./messages/feed";
import follow from "./messages/follow";
import helpful from "./messages/helpful";
import history from "./messages/history";
import historyFilter from "./messages/historyFilter";
import incident from "./messages/incident";
import manage from "./messages/manage";
import notify from "./messages/notify";
import page from "./messages/page";
import publish from "./messages/publish";
import report from "./messages/report";
import report_csv from "./messages/report-csv";
import report_problem from "./messages/report-problem";
import signIn from "./messages/signIn";
import signup_errors from "./messages/signup-errors";
import sms_follow from "./messages/sms-follow";
import sms_manage from "./messages/sms-manage";
import sms_pages from "./messages/sms-pages";
import subscribe from "./messages/subscribe";
import viewer_sign_in from "./messages/viewer-sign-in";
import votes from "./messages/votes";
import webhook_form from "./messages/webhook-form";

export const CATALOG = {
  chart,
  "chat-form": chat_form,
  common,
  embed,
  "embed-banner": embed_banner,
  errors,
  feed,
  follow,
  helpful,
  history,
  historyFilter,
  incident,
  manage,
  notify,
  page,
  publish,
  report,
  "report-csv": report_csv,
  "report-problem": report_problem,
  signIn,
  "signup-errors": signup_errors,
  "sms-follow": sms_follow,
  "sms-manage": sms_manage,
  "sms-pages": sms_pages,
  subscribe,
  "viewer-sign-in": viewer_sign_in,
  votes,
  "webhook-form": webhook_form,
} as const;

export type Namespace = keyof typeof CATALOG;
