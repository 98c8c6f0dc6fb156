#!/usr/bin/env bash
# Make a Python (>=3.11) virtual environment at $1, installing Debian's python3 and
# python3-venv first when the machine has none (a fresh Debian machine, as root).
set -euo pipefail
venv=${1:-.venv}

have_python() {
    command -v python3 >/dev/null 2>&1 &&
        python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null
}

apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "缺少 Python 3.11 及以上版本，且本机没有 apt-get：请先手工安装 Python 3.11+。" >&2
        exit 1
    fi
    if [ ! -f /var/lib/medaid-apt-updated ]; then
        apt-get update -qq && touch /var/lib/medaid-apt-updated || true
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

have_python || apt_install python3 python3-venv python3-pip

if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" 2>/dev/null; then
        rm -rf "$venv"
        apt_install python3-venv
        python3 -m venv "$venv"
    fi
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip setuptools wheel
