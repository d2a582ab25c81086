// Every namespace of messages, by name. A namespace is a folder under messages/ with one JSON file per language
// (messages/<namespace>/<locale>.json) and the same index.ts; add it here with one line. Owners: the public
// pages, emails, chat and SMS each keep their own namespaces, so a change to one never touches another's file.
import chart from "./messages/chart";
import common from "./messages/common";
import embed from "./messages/embed";
import errors from "./messages/errors";
import feed from "./messages/feed";
import history from "./messages/history";
import incident from "./messages/incident";
import page from "./messages/page";
import signIn from "./messages/signIn";
import subscribe from "./messages/subscribe";

export const CATALOG = {
  common,
  page,
  incident,
  history,
  subscribe,
  feed,
  embed,
  errors,
  signIn,
  chart,
} as const;

export type Namespace = keyof typeof CATALOG;
