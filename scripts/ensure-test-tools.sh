#!/usr/bin/env bash
# Makes sure the system programs the tests drive are installed: Chromium (Playwright), ping (ping monitors),
# openssl (the TLS test certificates), Prometheus Alertmanager (the alert intake test) and nginx (serving the
# published static copy in e2e/publish.spec.ts). Debian packages all;
# as root they are installed with apt-get, otherwise this stops with one line saying what to install.
# `npm run bench:*` needs wrk too: pass `--bench` to check it as well.
set -u
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh || exit 1

# program:package pairs
wanted=("ping:iputils-ping" "openssl:openssl" "prometheus-alertmanager:prometheus-alertmanager" "nginx:nginx")
if [ "${1:-}" = "--bench" ]; then wanted+=("wrk:wrk"); fi

missing=()
for pair in "${wanted[@]}"; do
  program=${pair%%:*}
  package=${pair#*:}
  command -v "$program" >/dev/null 2>&1 || [ -x "/usr/sbin/$program" ] || [ -x "/usr/bin/$program" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} for the tests (apt-get install -y ${missing[*]})..."
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/tmp/test-tools-install.log 2>&1; then
    exit 0
  fi
  echo "apt-get could not install ${missing[*]} (log: /tmp/test-tools-install.log)." >&2
fi
echo "The tests need ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}'." >&2
exit 1
