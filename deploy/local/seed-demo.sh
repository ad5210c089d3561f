#!/usr/bin/env bash
# Seeds demo data through the gateway's public API (run by ./oktioneer up; safe to run again):
# one API key per role (written to .run/demo-keys.env), three users and a few preferences.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUN=${OKTIONEER_RUN_DIR:-$ROOT/.run}
GATEWAY=http://127.0.0.1:${OKTIONEER_GATEWAY_PORT:-8080}
ADMIN_KEY=${OKTIONEER_ADMIN_KEY:?OKTIONEER_ADMIN_KEY is not set}
KEYS=$RUN/demo-keys.env

call() { # method path key [body] -> prints body, fails on a status >= 400
  local method=$1 path=$2 key=$3 body=${4:-}
  local args=(-sS -o /dev/stdout -w '\n%{http_code}' -X "$method" -H "Authorization: Bearer $key")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data "$body")
  local out status; out=$(curl "${args[@]}" "$GATEWAY$path"); status=${out##*$'\n'}; out=${out%$'\n'*}
  if [ "$status" -ge 400 ]; then echo "seed: $method $path -> $status $out" >&2; return 1; fi
  printf '%s' "$out"
}

json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

new_key() { # role extra-json
  call POST /api/v1/admin/api-keys "$ADMIN_KEY" "{\"role\":\"$1\"$2}" | json_field key
}

key_works() { [ -n "${1:-}" ] && curl -fsS -o /dev/null -H "Authorization: Bearer $1" "$GATEWAY$2"; }

if [ -f "$KEYS" ]; then . "$KEYS"; fi
if ! key_works "${DEMO_USER_KEY:-}" /api/v1/users/u42; then
  umask 077
  cat >"$KEYS" <<KEYS
DEMO_BIDDER_KEY=$(new_key BIDDER '')
DEMO_EXCHANGE_KEY=$(new_key EXCHANGE ',"exchange":"ex-paris"')
DEMO_USER_KEY=$(new_key USER ',"userId":"u42"')
KEYS
fi

for user in "u42:Alice Martin" "u7:Bruno Keller" "u99:Chiara Rossi"; do
  call PUT "/api/v1/users/${user%%:*}" "$ADMIN_KEY" "{\"displayName\":\"${user#*:}\",\"status\":\"ACTIVE\"}" >/dev/null
done

seed_preference() { # user body
  call POST "/api/v1/users/$1/preferences" "$ADMIN_KEY" "$2" >/dev/null
}
if call GET "/api/v1/users/u42/preferences" "$ADMIN_KEY" | grep -q '"totalElements":0'; then
  seed_preference u42 '{"name":"Vintage watches","categories":["watches"],"brands":["omega","seiko"],"maxBid":250.00,"totalBudget":1000.00,"currency":"EUR"}'
  seed_preference u42 '{"name":"Any camera","categories":["cameras"],"maxBid":90.00,"currency":"EUR"}'
  seed_preference u7 '{"name":"Omega only","categories":["watches"],"brands":["omega"],"maxBid":180.00,"totalBudget":500.00,"currency":"EUR"}'
  seed_preference u99 '{"name":"Anything under 60","maxBid":60.00,"currency":"EUR"}'
  seed_preference u99 '{"name":"Sneakers (USD)","categories":["sneakers"],"brands":["nike","adidas"],"maxBid":300.00,"totalBudget":2000.00,"currency":"USD"}'
fi
echo "seeded demo users u42, u7, u99 and their preferences; keys in $KEYS" >&2
