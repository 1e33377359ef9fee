#!/usr/bin/env bash
# The soak run (issue #8): the whole local system (Azurite, the sandbox, LocalHost as its own process)
# under thousands of orders, stock changes and faults, hard kills of LocalHost and an Azurite restart;
# prints the report and exits non-zero if anything was lost, doubled or left stale. Options: see
# tests/Connector.Soak/Program.cs (e.g. --orders 600 --minutes 3 for a quick one; --report docs/soak.md to record).
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --loglevel=error
dotnet build Connector.sln -c Release -nologo -clp:ErrorsOnly
exec dotnet run -c Release --no-build --project tests/Connector.Soak -- "$@"
