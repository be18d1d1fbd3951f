#!/usr/bin/env bash
# The worker's scale run: the two statement exports of a generated data set (default 1,080,000 receivables, about
# 1,000,000 lines) split into FILES files (default 100), then
#   1. `reconciler reconcile --data` over all of them at once (a fresh SQLite ledger), timed as a process;
#   2. `reconciler serve` on a fresh ledger and watch folder: the files are dropped into inbox/ at once and the run is
#      timed from the drop until every file is archived and the worker's queues are empty (polling /health).
# Both end with the same ledger contents (lines per status are printed for each). Usage: scripts/serve-scale-run.sh [N] [FILES]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
n="${1:-1080000}"
files="${2:-100}"
data="${SCALE_DIR:-/tmp/reconciler-scale-$n}"
dotnet build src/Reconciler.Worker -c Release --nologo -v quiet -clp:ErrorsOnly
bin="$PWD/src/Reconciler.Worker/bin/Release/net10.0/reconciler"
if [ ! -f "$data/truth.csv" ]; then
  "$bin" generate --receivables "$n" --out "$data" --seed 1
fi
split_dir="$data/split-$files"
if [ ! -f "$split_dir/.done" ]; then
  rm -rf "$split_dir"; mkdir -p "$split_dir"
  half=$((files / 2))
  for export in a b; do
    src="$data/statement-$export.csv"
    rows=$(($(wc -l <"$src") - 1))
    per=$(((rows + half - 1) / half))
    tail -n +2 "$src" | split -d -a 3 -l "$per" - "$split_dir/statement-$export-"
    for part in "$split_dir"/statement-$export-[0-9][0-9][0-9]; do
      { head -n 1 "$src"; cat "$part"; } >"$part.csv" && rm "$part"
    done
  done
  touch "$split_dir/.done"
fi
count=$(ls "$split_dir"/*.csv | wc -l)
lines=$(($(cat "$split_dir"/*.csv | wc -l) - count))
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $count files, $lines lines, $n receivables"

status_counts() {
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print("  lines per status: " + ", ".join(f"{s} {n}" for s, n in c.execute("SELECT status, COUNT(*) FROM statement_line GROUP BY status ORDER BY status")))
print("  files: %d, match runs: %d, outbox alerts: %d" % tuple(c.execute(q).fetchone()[0] for q in ("SELECT COUNT(*) FROM statement_file", "SELECT COUNT(*) FROM match_run", "SELECT COUNT(*) FROM alert_outbox")))
PY
}

work="$data/serve-scale"
rm -rf "$work"; mkdir -p "$work"
statements=()
for f in "$split_dir"/*.csv; do statements+=(--statement "$f"); done
echo "--- reconcile --data over the $count files"
/usr/bin/time -f "process: wall %e s, peak RSS %M KiB" \
  "$bin" reconcile --receivables "$data/receivables.csv" "${statements[@]}" --out "$work/results.csv" --data "$work/reconcile-ledger" --quiet >"$work/reconcile.log"
status_counts "$work/reconcile-ledger/reconciler.db"

echo "--- serve: the $count files dropped into inbox/ at once"
port=$((20000 + RANDOM % 20000))
cat >"$work/reconciler.json" <<JSON
{ "Worker": { "ScanInterval": "00:00:01", "SettleTime": "00:00:00.5", "NightlyCron": "", "DashboardPort": $port } }
JSON
(cd "$work" && exec /usr/bin/time -f "process: peak RSS %M KiB" "$bin" serve --config "$work/reconciler.json" --data "$work/serve-ledger" \
  --watch "$work/watch" --receivables "$data/receivables.csv" >"$work/serve.log" 2>&1) &
server=$!
# $server is /usr/bin/time; the worker is its child, and stopping time would orphan it: signal the child.
stop_server() { pkill -TERM -P "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop_server EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
# Wait for the start-up sync of the receivables to finish (the first match job), so the timing is the files'.
for _ in $(seq 1 600); do grep -q "receivables synced" "$work/serve.log" && break; sleep 0.5; done
stage="$work/stage"; mkdir -p "$stage"; cp "$split_dir"/*.csv "$stage/"
start=$(date +%s.%N)
mv "$stage"/*.csv "$work/watch/inbox/"
while true; do
  health=$(curl -sf "http://127.0.0.1:$port/health" || true)
  if python3 -c 'import json,sys; h=json.loads(sys.argv[1]); f=h["folder"]; j=h["jobs"]; sys.exit(0 if f["inbox"]==0 and f["processing"]==0 and j["enqueued"]==0 and j["processing"]==0 and j["scheduled"]==0 else 1)' "$health" 2>/dev/null; then
    archived=$(find "$work/watch/archive" -name '*.csv' | wc -l)
    [ "$archived" -ge "$count" ] && break
  fi
  sleep 0.5
done
end=$(date +%s.%N)
echo "serve: all $count files archived and the queues empty after $(python3 -c "print(f'{$end - $start:.1f}')") s (failed/: $(find "$work/watch/failed" -type f | wc -l) files)"
stop_server
trap - EXIT
grep -E "peak RSS" "$work/serve.log" || true
echo "  match runs logged: $(grep -c 'matching: match run' "$work/serve.log"), rules runs: $(grep -c 'rules: ' "$work/serve.log")"
status_counts "$work/serve-ledger/reconciler.db"
