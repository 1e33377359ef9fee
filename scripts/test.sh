#!/usr/bin/env bash
# Runs every test: unit tests, and end-to-end tests against real Azurite, the sandbox and LocalHost.
# This is the README's test command and exactly what CI runs (.ci/run). Works on a bare machine:
# it installs what the project needs (Azurite from the lock file, NuGet packages) itself.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> Installing Azurite (npm ci, pinned by package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error

echo "==> Building (warnings are errors)"
dotnet build Connector.sln -c Release -nologo -clp:ErrorsOnly
# The Azure Functions app is outside the solution: not every NuGet source serves its worker packages.
# Build it where they restore; where they don't, say so (its triggers are still checked against
# TriggerCatalog by FunctionsCatalogDriftTests, which reads its source).
functions_app=functions/Connector.Functions
if timeout 120 dotnet restore "$functions_app" -nologo -v:q >/dev/null 2>&1; then
  dotnet build "$functions_app" -c Release --no-restore -nologo -clp:ErrorsOnly -p:TreatWarningsAsErrors=true
else
  echo "==> Skipped $functions_app: the Azure Functions worker packages are not available from this machine's NuGet source (see README)"
fi

echo "==> Testing"
results=$(mktemp -d)
status=0
dotnet test Connector.sln -c Release --no-build -nologo --results-directory "$results" \
  --logger "console;verbosity=normal" --logger "trx" 2>&1 | tee "$results/console.log" || status=$?

# One plain closing line for every test assembly together.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
rm -rf "$results"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
