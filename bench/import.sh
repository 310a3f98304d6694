#!/usr/bin/env bash
# WordPress import benchmark: posts imported per second on SQLite (images aside).
#
#   bench/import.sh [POSTS]        default 10000 generated posts
#
# It builds the release binary, writes a WXR file of POSTS generated French posts with
# bench/wxr.py (classic and block-editor texts, nested categories, tags, authors, threaded
# comments), imports it into a new SQLite database, then imports it again (nothing
# changed: every post is skipped, which measures the idempotence check). KEEP=1 keeps the
# work folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
posts=${1:-${POSTS:-10000}}

echo "building the release binary" >&2
(cd "$root" && cargo build --release --locked -p rotative --bin rotative 2>&1 | tail -1) >&2
bin=${CARGO_TARGET_DIR:-$root/target}/release/rotative

work=$(mktemp -d /tmp/rotative-import-bench.XXXXXX)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
python3 "$root/bench/wxr.py" "$posts" > "$work/site.xml"
echo "WXR file: $posts posts, $(du -h "$work/site.xml" | cut -f1)" >&2

measure() {
  local label=$1 start end
  start=$(date +%s.%N)
  "$bin" import wordpress "$work/site.xml" --data-dir "$work/data" > "$work/$label.txt" 2> "$work/$label.err"
  end=$(date +%s.%N)
  awk -v p="$posts" -v s="$start" -v e="$end" -v l="$label" \
    'BEGIN { t = e - s; printf "%-10s %8.2f s  %8.0f posts/s\n", l, t, p / t }'
}
echo "import     duration   rate"
measure first
measure again
grep -E "posts|comments" "$work/first.txt" | head -2
