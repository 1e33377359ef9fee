#!/usr/bin/env bash
# Runs every test: unit tests, and end-to-end tests against real Azurite, the sandbox and LocalHost.
# This is the README's test command and exactly what CI runs (.ci/run). Works on a bare machine:
# it installs what the project needs (Azurite from the lock file, NuGet packages) itself.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests of the app's page drive Debian's chromium (Playwright's own browser download cannot run here).
if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing chromium (Debian package) for the browser tests"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

echo "==> Installing Azurite (npm ci, pinned by package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error

echo "==> Building (warnings are errors), the Azure Functions app included"
dotnet build Connector.sln -c Release -nologo -clp:ErrorsOnly
# The app as Azure will run it: what the Worker SDK generated (tests/Connector.Functions.Tests checks it binding by binding).
app_output=functions/Connector.Functions/bin/Release/net10.0
functions=$(grep -c '"entryPoint"' "$app_output/functions.metadata")
echo "==> Built the Azure Functions app: $functions functions in $app_output/functions.metadata, extensions in $app_output/extensions.json"

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
