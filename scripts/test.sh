#!/usr/bin/env bash
# Builds the solution and runs every test project; ends with one line "N passed, N failed, N skipped"
# totalled over all test projects (read from the TRX result files). Exit code 0 only when nothing failed
# and at least one test ran.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# PostgreSQL for the store tests (tests/Reconciler.Storage.Tests). RECONCILER_TEST_POSTGRES, when set, names a
# server on which the tests create and drop their own databases. When it is not set and the PostgreSQL binaries
# are installed, a private throwaway cluster is started: initdb into a temp folder, listening only on a Unix
# socket in that folder (no TCP port is opened, so it cannot clash with another server), stopped and deleted on
# exit. Without binaries the PostgreSQL tests are skipped, or fail under CI=true.
pg_dir=""
stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$pg_dir"
  pg_dir=""
}
as_pg() {
  # initdb and postgres refuse to run as root: as root, run them as the postgres user.
  if [ "$(id -u)" -ne 0 ]; then "$@"
  elif command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
  else su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
  fi
}
find_postgres_bin() {
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) "$(pg_config --bindir 2>/dev/null)" "$(dirname "$(command -v initdb 2>/dev/null || echo .)")"; do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
start_postgres() {
  pg_bin=$(find_postgres_bin) || { echo "PostgreSQL binaries not found: PostgreSQL store tests will be skipped (fail under CI=true)"; return 0; }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "running as root without a postgres user: no private PostgreSQL cluster"; return 0
  fi
  # A short path: the socket path must stay under the 107-byte limit.
  pg_dir=$(mktemp -d /tmp/reconciler-pg.XXXXXX) || return 0
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pg_dir"
  local port=$((50000 + RANDOM % 10000))
  if ! as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >"$pg_dir/initdb.log" 2>&1; then
    echo "initdb failed:"; cat "$pg_dir/initdb.log"; stop_postgres; return 0
  fi
  cat >>"$pg_dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$pg_dir'
port = $port
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  if ! as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 start >/dev/null; then
    echo "PostgreSQL did not start:"; cat "$pg_dir/server.log"; stop_postgres; return 0
  fi
  export RECONCILER_TEST_POSTGRES="Host=$pg_dir;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$pg_bin/postgres" --version | grep -o '[0-9][0-9.]*' | head -n 1): private cluster on socket $pg_dir (port $port), removed on exit"
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM
if [ -z "${RECONCILER_TEST_POSTGRES:-}" ]; then
  start_postgres
else
  echo "PostgreSQL: the server of RECONCILER_TEST_POSTGRES"
fi

results="$(pwd)/TestResults"
rm -rf "$results"
mkdir -p "$results"

dotnet restore Reconciler.sln --nologo -v quiet || { echo "restore failed"; echo "0 passed, 1 failed"; exit 1; }
dotnet build Reconciler.sln -c Release --no-restore --nologo -v quiet -clp:ErrorsOnly || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --logger "console;verbosity=normal" --blame-hang-timeout 8m --blame-hang-dump-type none \
    -- RunConfiguration.TreatNoTestsAsError=true || status=1
done

# How many store tests ran on each database, so a run that skipped a server says so.
storage_trx="$results/Reconciler.Storage.Tests.trx"
if [ -f "$storage_trx" ]; then
  for engine in Sqlite Postgres SqlServer; do
    ran=$(grep -o "testName=\"Reconciler.Storage.Tests.${engine}LedgerStoreTests[^\"]*\"[^>]*outcome=\"[A-Za-z]*\"" "$storage_trx" | grep -vc 'outcome="NotExecuted"')
    total=$(grep -o "testName=\"Reconciler.Storage.Tests.${engine}LedgerStoreTests[^\"]*\"" "$storage_trx" | wc -l)
    echo "store tests on $engine: $ran of $total ran"
  done
fi

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(value total); executed=$(value executed); p=$(value passed); f=$(value failed)
  e=$(value error); t=$(value timeout); a=$(value aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

if [ "$files" -eq 0 ] || [ $((passed + failed)) -eq 0 ]; then
  echo "no test results were produced"
  status=1
fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
