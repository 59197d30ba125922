#!/usr/bin/env bash
# Every benchmark once at a small size, so that CI shows each still runs (issue #22: "CI runs each benchmark
# once at a small size"). The figures mean nothing at these sizes; the goals are measured with the full commands
# (README, "Speed goals"). bench:pages needs the production build, so `npm test` runs this after the browser
# tests; bench:import and bench:scoring also run on a throwaway PostgreSQL server (`npm run test-postgres`), as the PostgreSQL
# test tier does.
set -euo pipefail
scratch=$(mktemp -d)
postgres_pid=""
cleanup() {
  if [ -n "$postgres_pid" ]; then kill -INT "$postgres_pid" 2>/dev/null || true; wait "$postgres_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
step() { printf '\n== bench smoke: %s\n' "$*"; }

step bench:import, SQLite and PostgreSQL
node --import tsx scripts/test-postgres.ts > "$scratch/postgres.log" 2>&1 &
postgres_pid=$!
for _ in $(seq 1 60); do grep -q '^DATABASE_URL=' "$scratch/postgres.log" && break; sleep 1; done
database_url=$(sed -n 's/^DATABASE_URL=//p' "$scratch/postgres.log")
if [ -z "$database_url" ]; then cat "$scratch/postgres.log" >&2; echo "bench smoke: the PostgreSQL test server did not start" >&2; exit 1; fi
npm run --silent bench:import -- --rows 2000 --runs 1 --database "$database_url"
step bench:scoring, SQLite and PostgreSQL; npm run --silent bench:scoring -- --sizes 2000 --runs 1 --dir "$scratch" --database "$database_url"
kill -INT "$postgres_pid"; wait "$postgres_pid" || true; postgres_pid=""
step bench:import-changes; npm run --silent bench:import-changes -- --kind transactions --changed 2000
step bench:import-changes customers; npm run --silent bench:import-changes -- --kind customers --changed 2000
step bench:engine; npm run --silent bench:engine -- --sizes 2000 --runs 1
step bench:pages; npm run --silent bench:pages -- --sizes 1000 --seconds 1 --in-flight 2 --dir "$scratch" --port "${BENCH_SMOKE_PORT:-3261}"
step bench:vs-lifetimes; npm run --silent bench:vs-lifetimes -- --smoke
step bench:test-postgres; npm run --silent bench:test-postgres -- --runs 1
