#!/usr/bin/env bash
# Builds reconciler and reconciles the bundled samples: two overlapping statements against the receivables.
# Results go to out/sample-results.csv and out/sample-results.xlsx.
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
