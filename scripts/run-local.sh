#!/usr/bin/env bash
# Runs the connector locally against the sandbox until stopped (Ctrl-C): Azurite for storage, the
# sandbox standing in for BigCommerce and the back office, and LocalHost running the connector.
# Demo orders are created in the sandbox store every few seconds and flow to the sandbox back office.
set -euo pipefail
cd "$(dirname "$0")/.."

SANDBOX_URL=${SANDBOX_URL:-http://127.0.0.1:7101}
CONNECTOR_URL=${CONNECTOR_URL:-http://127.0.0.1:7071}
DEMO_ORDER_INTERVAL=${DEMO_ORDER_INTERVAL:-20}
# The connector polls every 15 minutes in Azure; locally every 30 seconds so the demo moves.
export OrderPollSchedule=${OrderPollSchedule:-"*/30 * * * * *"}
# The sandbox's stand-in control panel frames the app's page, by either name (localhost makes it another site).
SANDBOX_PORT=${SANDBOX_URL##*:}
export Connector__MerchantPage__ExtraFrameAncestors=${Connector__MerchantPage__ExtraFrameAncestors:-"$SANDBOX_URL http://localhost:$SANDBOX_PORT"}

npm ci --no-audit --no-fund --loglevel=error
dotnet build Connector.sln -c Debug -nologo -clp:ErrorsOnly
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json

pids=()
cleanup() { trap - EXIT INT TERM; for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

mkdir -p .azurite
node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --disableTelemetry --location .azurite &
pids+=($!)

dotnet run --no-build --project tests/Sandbox -- --urls "$SANDBOX_URL" &
pids+=($!)

wait_for() { for _ in $(seq 1 120); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "$2 did not start" >&2; exit 1; }
wait_for "$SANDBOX_URL/_admin/health" "The sandbox"

# The sandbox's Key Vault serves HTTPS with a certificate made at start: the connector trusts exactly that one.
export KeyVault__DevelopmentCertificateThumbprint=$(curl -fs "$SANDBOX_URL/_admin/keyvault/certificate" | sed -n 's/.*"thumbprintSha256":"\([0-9A-Fa-f]*\)".*/\1/p')
dotnet run --no-build --project functions/Connector.LocalHost -- --urls "$CONNECTOR_URL" &
pids+=($!)
wait_for "$CONNECTOR_URL/api/health" "LocalHost"

# A merchant installs the app on the demo store, as the control panel would; then some orders come in.
curl -fs -X POST "$SANDBOX_URL/_admin/installs" -H 'Content-Type: application/json' \
  -d "{\"storeHash\":\"demo1\",\"callbackUrl\":\"$CONNECTOR_URL/api/bigcommerce/auth\"}" >/dev/null \
  || { echo "The demo install failed" >&2; exit 1; }
curl -fs -X POST "$SANDBOX_URL/_admin/stores/demo1/orders" -H 'Content-Type: application/json' -d '{"count":10}' >/dev/null

echo
echo "Running. Connector health: $CONNECTOR_URL/api/health"
echo "Back office deliveries:   $SANDBOX_URL/backoffice/_admin/deliveries"
echo "The app's page in the demo store's control panel (open in a browser; each visit signs a fresh load):"
echo "  http://localhost:$SANDBOX_PORT/_admin/control-panel?store=demo1&user=1001&load=$CONNECTOR_URL/api/bigcommerce/load"
echo "Operator console (stores connected by API account; admin key from local.settings.json): $CONNECTOR_URL/api/app/console"
echo "A new demo order every ${DEMO_ORDER_INTERVAL}s. Ctrl-C stops everything."
while true; do
  sleep "$DEMO_ORDER_INTERVAL"
  curl -fs -X POST "$SANDBOX_URL/_admin/stores/demo1/orders" -H 'Content-Type: application/json' -d '{"count":1}' >/dev/null \
    || echo "could not create a demo order" >&2
done
