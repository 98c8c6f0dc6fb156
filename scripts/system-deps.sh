#!/usr/bin/env bash
# Debian packages the test suite needs, installed only when missing.
# Each is guarded by a check of the command or file that proves it is there.
set -euo pipefail
need=()
# (package, command or file that proves it is there)
check() { if ! { command -v "$2" >/dev/null 2>&1 || [ -e "$2" ]; }; then need+=("$1"); fi; }
check git git
check openjdk-17-jre-headless java   # PySpark parity test (Spark 4 needs Java 17+)
check postgresql /usr/lib/postgresql  # app state tested on a real server (scripts/pg-test-server.sh)

if [ ${#need[@]} -gt 0 ]; then
    if [ ! -f /var/lib/medaid-apt-updated ]; then
        apt-get update -qq && touch /var/lib/medaid-apt-updated || true
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
