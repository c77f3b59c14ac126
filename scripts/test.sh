#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine, then runs every test:
# lint, type-check, unit and integration tests (vitest, against the lab on loopback), and the
# browser tests (Playwright in Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/lib/postgresql ] || need+=(postgresql)
command -v openssl >/dev/null || need+=(openssl)
# tests/lab/delv.test.ts: BIND's validator judges the lab's answers (the signers are not needed: zones are committed).
command -v delv >/dev/null || need+=(bind9-dnsutils)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm test
