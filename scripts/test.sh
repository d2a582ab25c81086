#!/usr/bin/env bash
# `npm test`: lint, type-check, unit tests, then the end-to-end tests in a real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-test-tools.sh

echo "== lint"
npx eslint --max-warnings=0 .
echo "== type-check"
npx tsc --noEmit
echo "== unit tests"
# The delivery reliability tests run for seconds against the fake mail API's rate limit, so they run alone.
npx vitest run --exclude services/notifications/reliability.test.ts
echo "== delivery reliability tests"
npx vitest run services/notifications/reliability.test.ts
echo "== end-to-end tests"
npx playwright test
