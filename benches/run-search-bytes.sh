#!/usr/bin/env bash
# Scale benchmark: generates invented corpora (src/bin/gen-corpus/, seed 42) of N items per
# language, builds each with the release binary, and prints one table row per N: pages,
# files, output size, full-build wall time and peak RSS (GNU time -v), and the bytes a
# browser downloads for a first search query in each language (scripts/search-bytes.mjs;
# the queries are words the generator uses, one Vietnamese query with đ and one without).
#
#   benches/run-search-bytes.sh            # N = 1000 and 10000
#   benches/run-search-bytes.sh 300 3000   # other sizes
#
# Needs cargo, node and GNU time (`apt-get install time`). Works in a temporary folder that
# is removed at the end. Timings depend on the machine; run it on an idle one.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
queries=("vi:đổi mới" "vi:ngân sách" "en:budget" "en:digital transformation")

cargo build --release --quiet --bin minhbach --bin gen-corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

header="| items/lang | pages | files | content MB | output MB | build s | peak RSS MB |"
rule="|---|---|---|---|---|---|---|"
for q in "${queries[@]}"; do
  header+=" ${q%%:*} \"${q#*:}\" |"
  rule+="---|"
done
rows=()

for n in "${sizes[@]}"; do
  site="$tmp/site-$n"
  target/release/gen-corpus --out "$site" --items "$n" --seed 42 >/dev/null
  content_mb=$(du -sb "$site/content" | awk '{printf "%.1f", $1 / 1e6}')
  /usr/bin/time -v -o "$tmp/time.txt" \
    target/release/minhbach build --root "$site" --now 2026-01-01 >"$tmp/build.txt"
  # "Built 2144 pages (en 1072, vi 1072), 4839 files, 0 warning(s) in 9102 ms → …"
  pages=$(sed -n 's/^Built \([0-9]*\) pages.*/\1/p' "$tmp/build.txt")
  files=$(sed -n 's/.*), \([0-9]*\) files.*/\1/p' "$tmp/build.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", s }' \
    "$tmp/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tmp/time.txt")
  out_mb=$(du -sb "$site/public" | awk '{printf "%.1f", $1 / 1e6}')
  row="| $n | $pages | $files | $content_mb | $out_mb | $wall | $rss |"
  for q in "${queries[@]}"; do
    lang=${q%%:*} words=${q#*:}
    # search-bytes.mjs takes a Vietnamese and an English query and reports both.
    if [ "$lang" = vi ]; then args=("$words" "budget"); else args=("đổi mới" "$words"); fi
    line=$(node scripts/search-bytes.mjs "$site/public" / "${args[@]}" | grep "^$lang \"")
    # vi "đổi mới": 911 results, first query downloads 239659 bytes (90500 of them index data, …)
    row+=$(echo "$line" | sed -E 's/.*: ([0-9]+) results, first query downloads ([0-9]+) bytes \(([0-9]+) of them.*/\2 \3 \1/' |
      awk '{printf " %.1f kB (index %.1f kB), %d hits |", $1 / 1000, $2 / 1000, $3}')
  done
  rows+=("$row")
  rm -rf "$site"
done

echo "$header"
echo "$rule"
printf '%s\n' "${rows[@]}"
