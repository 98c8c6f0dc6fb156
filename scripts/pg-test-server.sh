#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite (app state is tested on a real server).
#   bash scripts/pg-test-server.sh start   → prints the SQLAlchemy URL
#   bash scripts/pg-test-server.sh stop
# Uses Debian's postgresql binaries; runs the server as the postgres user when started as root.
set -euo pipefail
action=${1:-start}
dir=${MEDAID_PG_DIR:-/tmp/medaid-pg-test}
port=${MEDAID_PG_PORT:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
    echo "没有找到 PostgreSQL（请安装 Debian 的 postgresql 包）" >&2
    exit 1
fi
as_owner() {
    if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
url="postgresql+psycopg://medaid@127.0.0.1:${port}/medaid_test"
case "$action" in
start)
    if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl -D $dir/data status" >/dev/null 2>&1; then
        echo "$url"
        exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    as_owner "$bin/initdb -D $dir/data -A trust -U medaid --no-sync -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1
    as_owner "$bin/pg_ctl -D $dir/data -l $dir/server.log -w -o '-p $port -k $dir -h 127.0.0.1 -c fsync=off' start" >/dev/null
    as_owner "$bin/createdb -h 127.0.0.1 -p $port -U medaid medaid_test"
    echo "$url"
    ;;
stop)
    if [ -d "$dir/data" ]; then
        as_owner "$bin/pg_ctl -D $dir/data -m fast -w stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "用法：$0 start|stop" >&2
    exit 2
    ;;
esac
