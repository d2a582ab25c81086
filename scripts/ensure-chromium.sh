#!/usr/bin/env bash
# Makes sure a Chromium is there for Playwright: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own.
# Installs one when it can (as root with apt-get; otherwise Playwright's download) or says in one line how.
set -u
cd "$(dirname "$0")/.."

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "CHROMIUM_PATH is set to '$CHROMIUM_PATH', which is not an executable file." >&2
  exit 1
fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
  [ -x "$candidate" ] && exit 0
done
own=$(node -e "try{const p=require('playwright-core').chromium.executablePath();require('fs').accessSync(p);console.log(p)}catch{}" 2>/dev/null)
[ -n "$own" ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found; installing Debian's chromium (apt-get install -y chromium)..."
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/chromium-install.log 2>&1 \
    && [ -x /usr/bin/chromium ]; then
    exit 0
  fi
  echo "apt-get could not install chromium (log: /tmp/chromium-install.log); trying Playwright's own download..."
fi
if npx --no-install playwright install chromium >/tmp/playwright-install.log 2>&1; then
  exit 0
fi
echo "No Chromium found and none could be installed: run 'sudo apt-get install -y chromium' (or 'npx playwright install chromium'), or set CHROMIUM_PATH to a Chromium binary." >&2
exit 1
