#!/usr/bin/env bash
# The lab server's tests (tests/server) on a real PostgreSQL server, as CI runs them after npm test.
# Starts a throw-away cluster of its own (initdb + pg_ctl in a temporary folder, on a free port,
# listening on 127.0.0.1 only), so it neither needs nor touches a cluster the machine already runs,
# and removes it at the end. Installs Debian's postgresql first if no PostgreSQL is installed
# (that needs root, as on CI). Run as root, the server runs as the postgres user (PostgreSQL
# refuses to run as root); run as anyone else, as that user.
set -euo pipefail
cd "$(dirname "$0")/.."

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PGBIN="$(find_bin)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is not installed and this is not root: apt-get install postgresql first." >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  PGBIN="$(find_bin)"
fi

if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); else as_pg=(); fi
DIR="$(mktemp -d /tmp/kyphosim-pg.XXXXXX)"
chmod 755 "$DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

stop() {
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

# trust on 127.0.0.1 only: a throw-away cluster that nothing outside this machine can reach.
"${as_pg[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync >/dev/null
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
"${as_pg[@]}" "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -q -c 'CREATE DATABASE kyphosim_test' postgres

echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT: running tests/server"
KYPHOSIM_VITEST_JSON=test-results/vitest-postgres.json \
  DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/kyphosim_test" npx vitest run tests/server
