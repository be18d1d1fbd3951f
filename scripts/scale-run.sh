#!/usr/bin/env bash
# The end-to-end scale run: generates synthetic data (default 1,080,000 receivables, which gives about
# 1,000,000 statement lines over two overlapping exports), then times `reconciler reconcile` as a whole
# process (CSV in, CSV out) with /usr/bin/time for wall time and peak memory. Usage: scripts/scale-run.sh [N]
# With LEDGER=sqlite each run keeps a ledger in a fresh folder (`--data`); with LEDGER=postgres in a fresh
# database on the server of RECONCILER_TEST_POSTGRES (a connection string to an existing database there); ledger
# runs pass --no-rules, so that they do the in-memory run's work (the rules step is measured apart).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
n="${1:-1080000}"
data="${SCALE_DIR:-/tmp/reconciler-scale-$n}"
dotnet build src/Reconciler.Worker -c Release --nologo -v quiet -clp:ErrorsOnly
bin=src/Reconciler.Worker/bin/Release/net10.0/reconciler
if [ ! -f "$data/truth.csv" ]; then
  "$bin" generate --receivables "$n" --out "$data" --seed 1
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(lscpu | sed -n 's/^Model name: *//p')"
for run in 1 2 3; do
  echo "--- run $run${LEDGER:+ (ledger: $LEDGER)}"
  ledger=()
  case "${LEDGER:-}" in
    sqlite) rm -rf "$data/ledger"; ledger=(--data "$data/ledger" --no-rules) ;;
    postgres)
      db="reconciler_scale_${run}_$$"
      psql "$(echo "$RECONCILER_TEST_POSTGRES" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/')" \
        -qc "DROP DATABASE IF EXISTS $db" -qc "CREATE DATABASE $db" >/dev/null
      export RECONCILER_Storage__Provider=postgres
      export RECONCILER_Storage__ConnectionString="$(echo "$RECONCILER_TEST_POSTGRES" | sed "s/Database=[^;]*/Database=$db/")"
      ledger=(--no-rules)
      ;;
  esac
  /usr/bin/time -f "process: wall %e s, peak RSS %M KiB, user %U s, system %S s" \
    "$bin" reconcile --receivables "$data/receivables.csv" \
    --statement "$data/statement-a.csv" --statement "$data/statement-b.csv" \
    --out "$data/results.csv" --quiet "${ledger[@]}"
done
