#!/usr/bin/env bash
# A throw-away PostgreSQL server in a folder, for tests and for trying a cluster on one machine.
#
#   bash tests/postgres.sh start FOLDER [PORT]   initdb in FOLDER (if new), start on 127.0.0.1:PORT (a free port
#                                                when not given), create the database "publishingcluster";
#                                                prints the port
#   bash tests/postgres.sh createdb FOLDER NAME  create one more database on the running server
#   bash tests/postgres.sh stop FOLDER           stop the server (the folder stays; remove it yourself)
#
# It uses the PostgreSQL of the Debian package (/usr/lib/postgresql/<version>/bin), installing it with apt-get
# where it is missing. PostgreSQL refuses to run as root, so under root the folder is given to the "postgres"
# user and the server runs as that user. The server listens on loopback only, its socket lives in FOLDER, and
# every local connection is trusted: this is for a test machine, not for production.
set -euo pipefail

usage() {
  echo "usage: $0 start FOLDER [PORT] | createdb FOLDER NAME | stop FOLDER" >&2
  exit 2
}

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$found" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
      echo "PostgreSQL is not installed; install the Debian package 'postgresql' (as root: apt-get install postgresql)." >&2
      exit 1
    fi
    echo "Installing PostgreSQL with apt-get ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 ||
      { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
    found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$found"
}

# Runs a PostgreSQL program as the user who owns the data folder.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "No free loopback port found." >&2
  exit 1
}

[[ $# -ge 2 ]] || usage
command=$1
folder=$(mkdir -p "$2" && cd "$2" && pwd)
bin=$(bindir)

case "$command" in
  start)
    port=${3:-$(free_port)}
    if [[ $(id -u) -eq 0 ]]; then
      chown postgres: "$folder"
      chmod 700 "$folder"
      # The server's user must reach the folder: every parent needs search permission (mktemp -d gives none).
      if ! runuser -u postgres -- test -x "$folder"; then
        echo "The user postgres cannot reach $folder; choose a folder whose parents others may enter (e.g. under /tmp)." >&2
        exit 1
      fi
    fi
    if [[ ! -f "$folder/data/PG_VERSION" ]]; then
      as_owner "$bin/initdb" -D "$folder/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$folder/initdb.log" 2>&1 ||
        { cat "$folder/initdb.log" >&2; exit 1; }
    fi
    # Three nodes each keep a pool of connections; 300 leaves room for them and for the tests' own.
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
      -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null ||
      { cat "$folder/server.log" >&2; exit 1; }
    echo "$port" >"$folder/port"
    as_owner "$bin/psql" -h "$folder" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE DATABASE publishingcluster" >/dev/null
    echo "$port"
    ;;
  createdb)
    [[ $# -eq 3 ]] || usage
    as_owner "$bin/psql" -h "$folder" -p "$(cat "$folder/port")" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE DATABASE \"$3\"" >/dev/null
    ;;
  stop)
    if [[ -f "$folder/data/postmaster.pid" ]]; then
      as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w -t 60 stop >/dev/null
    fi
    ;;
  *)
    usage
    ;;
esac
