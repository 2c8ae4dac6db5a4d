#!/usr/bin/env bash
# `npm start` as a new developer runs it: embedded PostgreSQL, migrations, demo data, a served
# gateway; then a real token, one admin query, and a clean SIGTERM that leaves no postgres behind.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${SMOKE_PORT:-4517}
log=$(mktemp)
unset DATABASE_URL
started=$(date +%s%N)
PORT=$port setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM -- "-$pid" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "npm start exited early" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$log"; echo "gateway never became ready" >&2; exit 1; }
echo "ready after $(( ($(date +%s%N) - started) / 1000000 )) ms (first start includes initdb)"

token=$(npm run -s token -- --client privacy-admin)
answer=$(curl -fsS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
  -H "authorization: Bearer $token" \
  --data '{"query":"{ partners { code status currentAgreement { version retentionRule } } }"}')
echo "$answer" | grep -q '"code":"hanbok-house"' || { echo "$answer"; echo "demo partners missing" >&2; exit 1; }
echo "admin query answered with the demo partners"

curl -fsS "http://127.0.0.1:$port/console/" | grep -q '<div id="root">' || { echo "the console is not served at /console/" >&2; exit 1; }
login=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "http://localhost:$port/console/auth/login")
case "$login" in
  "303 http://localhost:$((port + 1))/auth?"*) echo "console served; sign-in goes to the development OpenID provider" ;;
  *) echo "console sign-in did not redirect to the development provider: $login" >&2; exit 1 ;;
esac

kill -TERM -- "-$pid"
trap - EXIT
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$pid" 2>/dev/null; then echo "npm start did not stop on SIGTERM" >&2; exit 1; fi
# The postmaster has exited when npm start does; its background processes may take a moment more.
for _ in $(seq 1 20); do pgrep -f "$(pwd)/.data/pg" >/dev/null || break; sleep 0.25; done
if pgrep -af "$(pwd)/.data/pg"; then echo "embedded postgres outlived npm start" >&2; exit 1; fi
echo "stopped cleanly on SIGTERM"
