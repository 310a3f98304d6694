#!/usr/bin/env bash
# Search benchmark: how long the index takes to build, and how long searches take.
#
#   bench/search.sh [ARTICLES]        default 100000 generated articles (plus the demo site)
#
# Environment: ROUNDS (20: passes over the query mix in the engine measure), DURATION
# (10s: each wrk run), PORT (18190), KEEP=1 keeps the work folder.
#
# It builds the release binary and the `latency` example of rotative-search, generates the
# data set in a temporary folder, times `rotative search reindex`, then measures:
#   1. the engine: `latency` runs a mix of ~37 reader queries (common and rare words,
#      several words, phrases, typos that go through the suggestions, category and date
#      filters, a deep page) ROUNDS times against the index, each search as the site runs
#      it (ten results with highlighted snippets, the total, suggestions when empty);
#   2. HTTP: Rotative serves the site and wrk sends the same mix of `/recherche?q=…`
#      requests, one connection at a time (latency per request), then eight at once
#      (throughput); each answer is a full page (database read for the ten cards included).
# It installs `wrk` and `curl` from Debian's packages when they are missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
articles=${1:-${ARTICLES:-100000}}
rounds=${ROUNDS:-20}
duration=${DURATION:-10s}
port=${PORT:-18190}

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} from Debian's packages" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

echo "building the release binary and the latency example" >&2
(cd "$root" && cargo build --release --locked -p rotative -p rotative-search --bin rotative --example latency 2>&1 | tail -1) >&2
target=${CARGO_TARGET_DIR:-$root/target}/release
bin=$target/rotative

work=$(mktemp -d /tmp/rotative-search-bench.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

echo "generating $articles articles" >&2
"$bin" demo generate --articles "$articles" --data-dir "$work/data" >&2

now_ms() { date +%s%3N; }
started=$(now_ms)
"$bin" search reindex --data-dir "$work/data" >&2
build_ms=$(($(now_ms) - started))
index_mib=$(du -sm "$work/data/search" | cut -f1)

echo "engine latency" >&2
engine=$("$target/examples/latency" "$work/data/search" "$rounds")

echo "HTTP latency" >&2
ROTATIVE_LOG=warn "$bin" serve --data-dir "$work/data" --listen "127.0.0.1:$port" \
  >/dev/null 2>>"$work/server.log" &
server_pid=$!
for _ in $(seq 2000); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 0.01
done
# The same words as the engine measure, url-encoded, rotated by wrk.
cat >"$work/queries.lua" <<'EOF'
local queries = {
  "marrakech", "coop%C3%A9ration", "cooperation", "renforcent", "l%E2%80%99excellence",
  "conseil+communal", "plan+d%27investissement", "ligne+de+bus", "%22centre+de+sant%C3%A9%22",
  "s%C3%A9cheresse+Haouz", "universit%C3%A9+Cadi+Ayyad", "parc+solaire+Safi",
  "festival+m%C3%A9dina", "fonds+jeunes+entrepreneurs", "r%C3%A9novation+des+%C3%A9coles",
  "Tokaiev", "Kazakhstan", "stade+quartier", "chambre+de+commerce", "marakech",
  "secheresse", "zanzibar", "programme+formation+-bus", "modernisation+OR+num%C3%A9risation",
  "%22unbalanced", "AND+OR", "marrakech&category=politique", "conseil&from=2024-01-01&to=2024-06-30",
  "sant%C3%A9&page=20",
}
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/recherche?q=" .. queries[i])
end
EOF
for q in marrakech cooperation zanzibar; do curl -s -o /dev/null "http://127.0.0.1:$port/recherche?q=$q"; done
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000
    printf "%.2f", n }'
}
http_run() {
  local connections=$1 out="$work/wrk-$1.txt"
  wrk -t1 -c"$connections" -d"$duration" --latency -s "$work/queries.lua" "http://127.0.0.1:$port" >"$out"
  if grep -q "Non-2xx" "$out"; then
    echo "warning: some searches answered errors: $(grep Non-2xx "$out")" >&2
  fi
  printf '%s connection(s): %s req/s, p50 %s ms, p99 %s ms\n' "$connections" \
    "$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out")" \
    "$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")" \
    "$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
}
http_one=$(http_run 1)
http_eight=$(http_run 8)

printf '\n%s articles, %s cores\n' "$((articles + 31))" "$(nproc)"
printf 'index build (rotative search reindex): %.1f s, %s MiB on disk\n' \
  "$(awk -v ms="$build_ms" 'BEGIN { print ms / 1000 }')" "$index_mib"
printf 'engine: %s\n' "$engine"
printf 'HTTP /recherche, %s\n' "$http_one"
printf 'HTTP /recherche, %s\n' "$http_eight"
