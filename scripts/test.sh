#!/usr/bin/env bash
# Builds the solution and runs every test project; ends with one line "N passed, N failed, N skipped"
# totalled over all test projects (read from the TRX result files). Exit code 0 only when nothing failed
# and at least one test ran.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

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
    --logger "console;verbosity=normal" -- RunConfiguration.TreatNoTestsAsError=true || status=1
done

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
