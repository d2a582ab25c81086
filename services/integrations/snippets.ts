// Copy-paste configuration for the tools that send to an intake URL. The URL carries the secret, so these are
// shown once, right after creating the integration or rotating its secret.

/** The `receivers` entry for alertmanager.yml (send_resolved on: resolving is how services recover). */
export function alertmanagerSnippet(url: string, name = "status-page"): string {
  return [
    "# alertmanager.yml: add the receiver, then route the alerts that matter for the status page to it",
    "receivers:",
    `  - name: ${name}`,
    "    webhook_configs:",
    `      - url: '${url}'`,
    "        send_resolved: true",
    "        max_alerts: 0",
    "route:",
    "  routes:",
    `    - receiver: ${name}`,
    "      continue: true",
    "      matchers: ['service=~\".+\"']",
    "",
  ].join("\n");
}

/** A Grafana contact point (file provisioning); in the UI: Alerting > Contact points > Webhook, URL below. */
export function grafanaSnippet(url: string, name = "status-page"): string {
  return [
    "# provisioning/alerting/status-page.yaml (or Alerting > Contact points > New > Webhook, with this URL)",
    "apiVersion: 1",
    "contactPoints:",
    "  - orgId: 1",
    `    name: ${name}`,
    "    receivers:",
    `      - uid: ${name}`,
    "        type: webhook",
    "        settings:",
    `          url: '${url}'`,
    "          httpMethod: POST",
    "",
  ].join("\n");
}

/** The generic shape, as a curl call. */
export function genericSnippet(url: string): string {
  return `curl -X POST -H 'Content-Type: application/json' \\\n  -d '{"service":"Mail","state":"firing","severity":"critical","summary":"Mail is down","fingerprint":"mail-down"}' \\\n  '${url}'\n`;
}
