#!/usr/bin/env bash
# Builds reconciler and reconciles the bundled samples: two overlapping statements against the receivables
# (results in out/sample-results.csv and out/sample-results.xlsx), then two exports in bank layouts, one
# detected and one read with the user profile in samples/profiles (results in out/bank-results.csv).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build src/Reconciler.Worker -c Release --nologo -v quiet -clp:ErrorsOnly
bin=src/Reconciler.Worker/bin/Release/net10.0/reconciler
mkdir -p out
"$bin" reconcile --receivables samples/receivables.csv \
  --statement samples/statement-a.csv --statement samples/statement-b.csv \
  --config samples/reconciler.json --out out/sample-results.csv "$@"
"$bin" reconcile --receivables samples/receivables.csv \
  --statement samples/statement-a.csv --statement samples/statement-b.csv \
  --config samples/reconciler.json --out out/sample-results.xlsx --quiet > /dev/null
echo "Also written: out/sample-results.xlsx"
echo
echo "== February exports in two banks' own layouts (profiles recognised or detected per file)"
RECONCILER_Statements__ProfilesFolder=samples/profiles "$bin" reconcile --receivables samples/receivables.csv \
  --statement samples/bank/icbc-corporate-2026-02.csv --statement samples/bank/contoso-bank-2026-02.csv \
  --config samples/reconciler.json --out out/bank-results.csv "$@"
echo
echo "== The same samples with a ledger (out/ledger): matching, then the rules, the alert outbox and credit holds"
rm -rf out/ledger
"$bin" reconcile --receivables samples/receivables.csv \
  --statement samples/statement-a.csv --statement samples/statement-b.csv \
  --config samples/reconciler.json --data out/ledger --out out/ledger-results.csv --quiet | grep -E '^  (rules|decided|outbox|alerts sent|note)'
"$bin" credit-holds list --data out/ledger --config samples/reconciler.json | head -7
echo "(alerts written as JSON lines to out/ledger/alerts/; reconciler alerts list --data out/ledger shows the outbox)"
"$bin" report --data out/ledger --out out/ledger-report.xlsx --config samples/reconciler.json
"$bin" export --data out/ledger --what suggested --out out/ledger-to-review.csv --config samples/reconciler.json
echo
echo "== profile check samples/bank/icbc-corporate-2026-02.csv"
"$bin" profile check samples/bank/icbc-corporate-2026-02.csv
