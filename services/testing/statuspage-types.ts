// The Statuspage v1 shapes (https://developer.statuspage.io) the fake serves: groups, components, incidents
// and maintenances with every update, templates, subscribers, the page.
import type { ComponentStatus } from "@/db/constants";

type Status = ComponentStatus;

export interface SpComponent {
  id: string;
  page_id: string;
  group_id: string | null;
  created_at: string;
  updated_at: string;
  group: boolean;
  name: string;
  description: string | null;
  position: number;
  status: Status;
  showcase: boolean;
  only_show_if_degraded: boolean;
  automation_email: string;
  start_date: string | null;
  components?: string[];
}

export interface SpGroup {
  id: string;
  page_id: string;
  name: string;
  description: string | null;
  components: string[];
  position: number;
  created_at: string;
  updated_at: string;
}

export interface SpAffected {
  code: string;
  name: string;
  old_status: Status;
  new_status: Status;
}

export interface SpUpdate {
  id: string;
  incident_id: string;
  status: string;
  body: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: SpAffected[] | null;
  deliver_notifications: boolean;
  custom_tweet: null;
  tweet_id: null;
}

export interface SpIncident {
  id: string;
  page_id: string;
  name: string;
  status: string;
  impact: "none" | "minor" | "major" | "critical" | "maintenance";
  impact_override: "none" | "minor" | "major" | "critical" | null;
  created_at: string;
  updated_at: string;
  started_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  shortlink: string;
  scheduled_for: string | null;
  scheduled_until: string | null;
  scheduled_remind_prior: boolean;
  scheduled_auto_in_progress: boolean;
  scheduled_auto_completed: boolean;
  postmortem_body: string | null;
  postmortem_published_at: string | null;
  backfilled: boolean;
  incident_updates: SpUpdate[];
  components: SpComponent[];
}

export interface SpTemplate {
  id: string;
  name: string;
  title: string;
  body: string;
  group_id: string | null;
  update_status: string;
  should_tweet: boolean;
  should_send_notifications: boolean;
  components: SpComponent[];
}

export interface SpSubscriber {
  id: string;
  mode: "email" | "sms" | "webhook" | "slack";
  email: string | null;
  endpoint: string | null;
  phone_number: string | null;
  phone_country: string | null;
  skip_confirmation_notification: boolean;
  quarantined_at: string | null;
  purge_at: string | null;
  components: string[];
  created_at: string;
}

export interface SpPage {
  id: string;
  name: string;
  subdomain: string;
  domain: string | null;
  url: string | null;
  support_url: string | null;
  time_zone: string;
  page_description: string | null;
  headline: string | null;
  created_at: string;
  updated_at: string;
}

export interface StatuspageData {
  page: SpPage;
  groups: SpGroup[];
  /** Components only (not the group rows): the v1 components list adds the groups itself. */
  components: SpComponent[];
  incidents: SpIncident[];
  maintenances: SpIncident[];
  templates: SpTemplate[];
  subscribers: SpSubscriber[];
}
