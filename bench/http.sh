#!/usr/bin/env bash
# HTTP benchmark of Rotative against nginx serving the same page as a static file.
#
#   bench/http.sh [ARTICLES]        default 1000 generated articles (plus the demo site)
#
# Environment: DURATION (10s), CONNECTIONS (64), THREADS (2), PORT (18180),
# NGINX_PORT (18181), CATEGORY_PAGE (50: the deep category page measured, or the last one
# when the category has fewer), KEEP=1 keeps the work folder.
#
# It builds the release binary, generates the data set in a temporary folder (and its
# search index, with `rotative search reindex`), starts Rotative on loopback with the page
# cache on (hits) then off (misses: database and template every time), waits until its
# start-up work is done (no CPU used for a second), measures the seed article, the home page and category pages with
# wrk, serves the article's HTML as a static file with nginx under the same wrk settings
# (measured first and last, since a shared machine's speed drifts), and prints one table
# with each figure as a ratio to nginx's mean. Also: the time from start to
# the first successful /healthz on the existing database, and Rotative's resident memory.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
articles=${1:-${ARTICLES:-1000}}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
port=${PORT:-18180}
nginx_port=${NGINX_PORT:-18181}
category_page=${CATEGORY_PAGE:-50}
seed=/politique/le-maroc-et-le-kazakhstan-renforcent-leur-cooperation-bilaterale/

install_missing() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} from Debian's packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
    # The package starts a system nginx on port 80; this script runs its own.
    (service nginx stop || true) >/dev/null 2>&1
  fi
}
install_missing
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

echo "building the release binary" >&2
(cd "$root" && cargo build --release --locked -p rotative 2>&1 | tail -1) >&2
bin=${CARGO_TARGET_DIR:-$root/target}/release/rotative

work=$(mktemp -d /tmp/rotative-bench.XXXXXX)
server_pid=""
nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

echo "generating $articles articles" >&2
"$bin" demo generate --articles "$articles" --data-dir "$work/data" >&2
# The search index is built beforehand, as an operator does after a bulk load, a minute
# after it: a server's first catch-up pass reads again whatever changed in the minute
# before the index's sync time (other nodes' late writes), which right after a bulk load
# is everything, once. The measures are of a server in its steady state.
echo "waiting a minute after the bulk load" >&2
sleep 61
"$bin" search reindex --data-dir "$work/data" >&2

now_ms() { date +%s%3N; }

# Starts Rotative (cache on or off), waits for /healthz; sets started_in (milliseconds).
start() {
  local started
  started=$(now_ms)
  ROTATIVE_CACHE_ENABLED=$1 ROTATIVE_LOG=warn "$bin" serve --data-dir "$work/data" \
    --listen "127.0.0.1:$port" >/dev/null 2>>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 2000); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; then
      started_in=$(($(now_ms) - started))
      return
    fi
    sleep 0.002
  done
  echo "rotative did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
}

# Waits until the server has used no CPU for a second (its start-up work, such as the
# search index's first catch-up pass after a bulk load, is done), at most two minutes: the
# measures are of a server in its steady state.
settle() {
  local before after
  for _ in $(seq 120); do
    before=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
    sleep 1
    after=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
    [ "$before" = "$after" ] && return
  done
}

stop() {
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=""
}

# Converts wrk's latency (850.00us, 1.20ms, 1.01s) to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000
    printf "%.2f", n }'
}

results=()
# Measures one URL; appends "label|req/s|p50|p99" to results.
measure() {
  local label=$1 url=$2 out
  out="$work/wrk-$(echo "$label" | tr -c 'a-z0-9' '-').txt"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$url" >"$out"
  if grep -q "Non-2xx" "$out"; then
    echo "warning: $label answered errors: $(grep Non-2xx "$out")" >&2
  fi
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  results+=("$label|$rps|$p50|$p99")
  echo "  $label: $rps req/s, p50 $p50 ms, p99 $p99 ms" >&2
}

# Serves the article's HTML as a static file with nginx on another loopback port.
start_nginx() {
  mkdir -p "$work/static" "$work/nginx"
  # nginx's workers drop root for an unprivileged user: let them read the page.
  chmod 755 "$work" "$work/static"
  cp "$work/article.html" "$work/static/article.html"
  chmod 644 "$work/static/article.html"
  cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/static;
  }
}
EOF
  "$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" >/dev/null 2>&1 &
  nginx_pid=$!
  for _ in $(seq 400); do curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/article.html" && break; sleep 0.01; done
}

base="http://127.0.0.1:$port"
start true
first_start=$started_in
settle
# The deep category page: $category_page, or the last page of a smaller category.
pages=$(curl -s "$base/politique/" | grep -o 'Page 1 sur [0-9]*' | awk '{print $4}')
pages=${pages:-1}
deep=$category_page
[ "$pages" -lt "$deep" ] && deep=$pages
deep_path=/politique/page/$deep/
[ "$deep" -le 1 ] && deep_path=/politique/
curl -s "$base$seed" >"$work/article.html"
# nginx is measured first and last: this machine's speed may drift during the run, and the
# ratios are taken to the mean of the two.
start_nginx
measure "nginx static file, first" "http://127.0.0.1:$nginx_port/article.html"

echo "cache on (hits)" >&2
for path in "$seed" / /politique/ "$deep_path"; do curl -s -o /dev/null "$base$path"; done
measure "article, cache hit" "$base$seed"
measure "home, cache hit" "$base/"
measure "category, cache hit" "$base/politique/"
measure "category p$deep, cache hit" "$base$deep_path"
rss_kib=$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status")
stop

echo "cache off (misses)" >&2
start false
restart=$started_in
settle
measure "article, cache miss" "$base$seed"
measure "home, cache miss" "$base/"
measure "category, cache miss" "$base/politique/"
measure "category p$deep, cache miss" "$base$deep_path"
rss_off_kib=$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status")
stop

echo "nginx again" >&2
measure "nginx static file, last" "http://127.0.0.1:$nginx_port/article.html"
kill -QUIT "$nginx_pid"; wait "$nginx_pid" || true; nginx_pid=""

nginx_first=$(echo "${results[0]}" | cut -d'|' -f2)
nginx_last=$(echo "${results[-1]}" | cut -d'|' -f2)
nginx_rps=$(((nginx_first + nginx_last) / 2))
printf '\n%s articles, wrk -t%s -c%s -d%s, %s cores, page %s bytes\n' \
  "$((articles + 31))" "$threads" "$connections" "$duration" "$(nproc)" "$(wc -c <"$work/article.html")"
printf '%-30s %10s %9s %9s %10s\n' "page" "req/s" "p50 ms" "p99 ms" "× nginx"
for row in "${results[@]}"; do
  IFS='|' read -r label rps p50 p99 <<<"$row"
  ratio=$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  printf '%-30s %10s %9s %9s %10s\n' "$label" "$rps" "$p50" "$p99" "$ratio"
done
drift=$(awk -v a="$nginx_first" -v b="$nginx_last" \
  'BEGIN { m = (a + b) / 2; printf "%.0f", (m > 0 ? (a > b ? a - b : b - a) * 100 / m : 0) }')
printf '\nnginx: %s req/s first, %s last; the ratios are to their mean, %s req/s\n' \
  "$nginx_first" "$nginx_last" "$nginx_rps"
if [ "$drift" -gt 15 ]; then
  echo "warning: nginx's two figures differ by $drift%: the machine's speed drifted during the run"
fi
printf 'start to first successful /healthz on the existing database: %s ms, %s ms\n' \
  "$first_start" "$restart"
printf 'resident memory after the runs: %s MiB with the cache, %s MiB without\n' \
  "$((rss_kib / 1024))" "$((rss_off_kib / 1024))"
