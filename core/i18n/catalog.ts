// Every namespace of messages, by name. A namespace is a folder under messages/ with one JSON file per language
// (messages/<namespace>/<locale>.json) and the same index.ts; add it here with one line. Owners: the public
// pages, emails, chat and SMS each keep their own namespaces, so a change to one never touches another's file.
import common from "./messages/common";
import report from "./messages/report";
import votes from "./messages/votes";

export const CATALOG = {
  common,
  report,
  votes,
} as const;

export type Namespace = keyof typeof CATALOG;
