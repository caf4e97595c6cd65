#!/usr/bin/env bash
# Install the Debian packages the test-suite needs, only if they are missing.
#
#   chromium    headless browser for tests/integration/web (end-to-end page test)
#   prometheus  ships promtool, which checks deploy/prometheus/ in tests/unit/deploy
#   docker-compose  the compose client (no engine: --no-install-recommends), validates docker-compose.yml
#   java, mvn   a JDK and Maven: `contraflow stack up` fetches and runs Kafka and Elasticsearch with them
#   kcat        publishes hostile raw records byte for byte in tests/integration/pipeline/test_hostile_records.py
#
# `system-deps.sh stack` installs only what the local stack needs (make demo); no argument: everything (make test).
#
# Idempotent: does nothing when every tool is already on PATH. Needs root to install;
# as another user it only reports what is missing (the tests then skip, except under CI=true).
# Usage:  bash deploy/ci/system-deps.sh        (make test calls it)
set -euo pipefail

# tool on PATH -> Debian package that provides it
declare -A PACKAGES=(
  [java]=openjdk-17-jre-headless
  [mvn]=maven
)
if [ "${1:-all}" != "stack" ]; then
  PACKAGES+=(
    [chromium]=chromium
    [promtool]=prometheus
    [docker-compose]=docker-compose
    [kcat]=kcat
  )
fi

missing=()
for tool in "${!PACKAGES[@]}"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    missing+=("${PACKAGES[$tool]}")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "system-deps: all present (${!PACKAGES[*]})"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing ${missing[*]}; run as root: sudo bash deploy/ci/system-deps.sh" >&2
  exit 0
fi

echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Package post-install scripts must not start a Prometheus server on this machine:
# a policy-rc.d answering 101 forbids service starts during this install only.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  created_policy=1
fi
cleanup() { if [ "$created_policy" -eq 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system-deps: installed ${missing[*]}"
