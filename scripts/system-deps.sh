#!/usr/bin/env bash
# Debian packages medaid needs, installed only when missing.
#   runtime: what `make demo` needs to write the PDF report (fonts, Pango for WeasyPrint)
#   test:    runtime, plus what the test suite needs (default)
# Each is guarded by a check of the command or file that proves it is there.
set -euo pipefail
mode="${1:-test}"
need=()
# (package, command or file that proves it is there)
check() { if ! { command -v "$2" >/dev/null 2>&1 || [ -e "$2" ]; }; then need+=("$1"); fi; }
check_lib() { if ! ldconfig -p 2>/dev/null | grep -q "$2"; then need+=("$1"); fi; }

# PDF report: WeasyPrint lays out with Pango and subsets fonts with HarfBuzz (0.3 s for a
# report, against 3–17 s through fontTools); CJK fonts: 明体 for the body and title, 楷体 for
# （一） headings, 黑体 for 一、 headings.
check_lib libpango-1.0-0 libpango-1.0.so.0
check_lib libpangoft2-1.0-0 libpangoft2-1.0.so.0
check_lib libharfbuzz-subset0 libharfbuzz-subset.so.0
check fonts-arphic-uming /usr/share/fonts/truetype/arphic/uming.ttc
check fonts-arphic-ukai /usr/share/fonts/truetype/arphic/ukai.ttc
check fonts-wqy-microhei /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
if [ "$mode" = "test" ]; then
    check git git
    check openjdk-17-jre-headless java   # PySpark parity test (Spark 4 needs Java 17+)
    check postgresql /usr/lib/postgresql  # app state tested on a real server (scripts/pg-test-server.sh)
    check poppler-utils pdftoppm          # the PDF test renders pages and lists embedded fonts
    check chromium /usr/bin/chromium      # the browser walk of the web application (Playwright drives it; nothing downloaded)
fi

if [ ${#need[@]} -gt 0 ]; then
    if [ ! -f /var/lib/medaid-apt-updated ]; then
        apt-get update -qq && touch /var/lib/medaid-apt-updated || true
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
