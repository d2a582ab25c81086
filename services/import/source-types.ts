// The one shape an import reads, whatever it came from (the v1 management API or a public /api/v2): what
// services/import/source.ts parses Statuspage's objects into, and what the plan and the writes work from.
import type { AnyIncidentStatus, ComponentStatus, Impact, INCIDENT_STATUSES, IncidentKind } from "@/db/constants";

export interface SourcePage {
  name: string;
  timeZone: string | null;
  url: string | null;
  supportUrl: string | null;
}
export interface SourceGroup {
  externalId: string;
  name: string;
  description: string | null;
  position: number;
}
export interface SourceComponent {
  externalId: string;
  name: string;
  description: string | null;
  groupExternalId: string | null;
  position: number;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  startDate: string | null;
  status: ComponentStatus;
  createdAt: number;
  updatedAt: number;
}
export interface SourceAffected {
  componentExternalId: string;
  name: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
}
export interface SourceUpdate {
  externalId: string;
  status: AnyIncidentStatus;
  body: string;
  displayAt: number;
  createdAt: number;
  deliverNotifications: boolean;
  affected: SourceAffected[];
}
export interface SourceIncident {
  externalId: string;
  kind: IncidentKind;
  name: string;
  impact: Impact | "maintenance";
  impactOverride: Impact | null;
  startedAt: number;
  createdAt: number;
  updatedAt: number;
  scheduledFor: number | null;
  scheduledUntil: number | null;
  autoStart: boolean;
  autoComplete: boolean;
  remindPrior: boolean;
  postmortemBody: string | null;
  postmortemPublishedAt: number | null;
  backfilled: boolean;
  componentExternalIds: string[];
  updates: SourceUpdate[];
}
export interface SourceTemplate {
  externalId: string;
  name: string;
  title: string;
  body: string;
  status: (typeof INCIDENT_STATUSES)[number];
  componentExternalIds: string[];
}
export interface SourceSubscriber {
  externalId: string;
  mode: string;
  email: string | null;
  endpoint: string | null;
  phone: string | null;
  componentExternalIds: string[];
  createdAt: number;
}

export interface Skip {
  kind: string;
  name: string;
  reason: string;
}

export interface SourceData {
  /** "statuspage:<page id>": the namespace the external ids are remembered under. */
  source: string;
  page: SourcePage | null;
  groups: SourceGroup[];
  components: SourceComponent[];
  incidents: SourceIncident[];
  templates: SourceTemplate[];
  subscribers: SourceSubscriber[];
  /** Objects the source answered with that cannot be imported, with the reason. */
  skipped: Skip[];
  /** Whole kinds the source could not give (e.g. subscribers through the public API). */
  notAvailable: string[];
  /** Whether every incident and maintenance is listed (not only the recent ones): then a missing one is gone. */
  listsEveryIncident: boolean;
}
