// Shapes the monitors' layers share: what an admin sets on a monitor (validated by services/monitors/config.ts,
// stored by db/writes/monitors.ts) and one point of a response-time chart (computed by services/monitors/chart.ts,
// drawn by components/admin/response-chart.tsx). Types only, so every layer may import them.
import type { IncidentMode, MonitorFailureStatus, MonitorKind } from "@/db/constants";

export interface MonitorSettings {
  name: string;
  kind: MonitorKind;
  config: Record<string, unknown>;
  intervalSeconds: number;
  timeoutMs: number;
  componentId: string | null;
  failureStatus: MonitorFailureStatus;
  slowThresholdMs: number | null;
  failuresBeforeDown: number;
  successesBeforeUp: number;
  paused: boolean;
  incidentMode: IncidentMode;
  templateId: string | null;
}

export interface ChartPoint {
  at: number;
  /** Average response time of the bucket; null when every check failed. */
  ms: number | null;
  down: number;
  total: number;
}
