#!/usr/bin/env bash
# Debian packages the test suite needs, installed only when missing.
# The evaluation engine needs none yet; later stages add fonts-noto-cjk, poppler-utils,
# chromium, postgresql and a Java runtime here, each guarded by a check.
set -euo pipefail
need=()
# (package, command or file that proves it is there)
check() { if ! { command -v "$2" >/dev/null 2>&1 || [ -e "$2" ]; }; then need+=("$1"); fi; }
check git git

if [ ${#need[@]} -gt 0 ]; then
    if [ ! -f /var/lib/medaid-apt-updated ]; then
        apt-get update -qq && touch /var/lib/medaid-apt-updated || true
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
