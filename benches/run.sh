#!/usr/bin/env bash
# Build speed and memory against Hugo and against the floor, at N items per language.
#
# For each N it generates an invented bilingual corpus (src/bin/gen-corpus/, seed 42: ~600
# words of markdown per item with headings, lists, tables and links, Vietnamese with
# diacritics) in minhbach's content model and, the same content, laid out for Hugo. Then
# it prints one table with, for each size:
#
#   minhbach cold   full build, page cache dropped first if this machine allows it
#                   (root and /proc/sys/vm/drop_caches), else a build into an absent folder
#   minhbach warm   full build again, sources in the page cache, previous output present
#   rebuild KIND    one file edited, rebuilt through the code path of `minhbach serve`
#                   (benches/rebuild.rs): an exemplar's body, title, date or campaign,
#                   a data file, a translation removed, a new file, a file deleted; the
#                   median of RUNS edits of each kind, and the peak memory of the process
#   hugo            Debian's hugo, full build of the same content (single pages, section
#                   lists paginated by 20, a taxonomy), cold and warm like minhbach
#   floor           reading every markdown file and rendering it with pulldown-cmark on
#                   all cores, nothing else (benches/floor.rs)
#   write floor     copying minhbach's finished output folder with `cp -r`: what this
#                   file system takes to create that many files and folders, which any
#                   generator writing the same site pays
#
# Each figure is the median of RUNS runs (default 3) with min and max, and peak RSS
# (GNU time's maximum resident set size) of the largest run.
#
#   benches/run.sh                 # N = 1000 and 10000
#   SIZES="1000 10000 30000" RUNS=5 benches/run.sh
#   HUGO=0 SIZES=30000 RUNS=1 benches/run.sh    # without the Hugo rows
#
# Needs: cargo, GNU time (apt-get install time), hugo (apt-get install hugo; the Hugo rows
# are left out without it). Works in target/bench/ (corpora are kept for the next run).
# Figures depend on the machine: run it on an idle one.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=(${SIZES:-1000 10000})
runs=${RUNS:-3}
work=target/bench
mkdir -p "$work"

cargo build --release --quiet --bin minhbach --bin gen-corpus
bench_bin() {
  cargo bench --no-run --quiet --bench "$1" --message-format=json 2>/dev/null |
    grep "\"kind\":\[\"bench\"\]" | grep "\"name\":\"$1\"" |
    grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4
}
floor_bin=$(bench_bin floor)
rebuild_bin=$(bench_bin rebuild)
minhbach=target/release/minhbach
have_hugo=false
[ "${HUGO:-1}" != 0 ] && command -v hugo >/dev/null && have_hugo=true

can_drop=false
if [ -w /proc/sys/vm/drop_caches ] && sync && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
  can_drop=true
fi
drop_caches() { if $can_drop; then sync; echo 3 >/proc/sys/vm/drop_caches; fi; }

# stats "v1 v2 …" → "median (min–max)", values in ms printed as seconds.
stats() {
  printf '%s\n' $1 | sort -n | awk '{v[NR]=$1} END {
    m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2;
    printf "%.2f s (%.2f–%.2f)", m/1000, v[1]/1000, v[NR]/1000 }'
}
stats_ms() {
  printf '%s\n' $1 | sort -n | awk '{v[NR]=$1} END {
    m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2;
    printf "%.0f ms (%.0f–%.0f)", m, v[1], v[NR] }'
}
# timed CMD… → appends "ms rss_kb" of one run to $times / $rss_max.
timed() {
  local out
  /usr/bin/time -o "$work/time.txt" -f "TIME %e %M" "$@" >/dev/null 2>"$work/stderr.txt" ||
    { echo "failed: $*" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  out=$(grep '^TIME' "$work/time.txt")
  local secs rss
  secs=$(echo "$out" | awk '{print $2}')
  rss=$(echo "$out" | awk '{print $3}')
  times+=" $(awk -v s="$secs" 'BEGIN {printf "%d", s*1000}')"
  [ "$rss" -gt "${rss_max:-0}" ] && rss_max=$rss
  return 0
}
# median "v1 v2 …" → the middle value (the lower middle of an even count).
median() { printf '%s\n' $1 | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%d MB", k/1024}'; }

rows=()
for n in "${sizes[@]}"; do
  corpus=$work/corpus-$n
  hugo_src=$work/hugo-$n
  if [ ! -f "$corpus/site.yaml" ] || [ ! -d "$hugo_src" ]; then
    rm -rf "$corpus" "$hugo_src"
    echo "generating $n items per language…" >&2
    target/release/gen-corpus --items "$n" --seed 42 --out "$corpus" --hugo "$hugo_src" >/dev/null
  fi
  pages=$(find "$corpus/content" -name '*.md' | wc -l)
  out=$work/out-$n

  echo "N=$n: minhbach cold…" >&2
  times=""; rss_max=0
  for _ in $(seq "$runs"); do
    rm -rf "$out"; drop_caches
    timed "$minhbach" build --root "$corpus" --output "$out" --now 2026-01-01
  done
  rows+=("| $n | minhbach full build, cold | $(stats "$times") | $(mb $rss_max) |")

  echo "N=$n: minhbach warm…" >&2
  times=""; rss_max=0
  for _ in $(seq "$runs"); do
    timed "$minhbach" build --root "$corpus" --output "$out" --now 2026-01-01
  done
  rows+=("| $n | minhbach full build, warm | $(stats "$times") | $(mb $rss_max) |")
  warm_median=$(median "$times")

  echo "N=$n: minhbach one-file rebuilds…" >&2
  log=$work/rebuild-$n.log
  /usr/bin/time -o "$work/time.txt" -f "TIME %e %M" "$rebuild_bin" "$corpus" "$runs" >"$log"
  rebuild_rss=$(grep '^TIME' "$work/time.txt" | awk '{print $3}')
  for kind in body title date campaign data translation new delete; do
    line=$(grep "^$kind " "$log")
    rows+=("| $n | minhbach rebuild, $kind edit (serve path) | $(echo "$line" | cut -d' ' -f2-3) $(echo "$line" | grep -o '[0-9]* files changed, [a-z]*') | $(mb "$rebuild_rss") |")
  done

  hugo_median=""
  if $have_hugo; then
    echo "N=$n: hugo cold…" >&2
    hout=$work/hugo-out-$n
    times=""; rss_max=0
    for _ in $(seq "$runs"); do
      rm -rf "$hout" "$hugo_src/resources" "$work/hugo-cache"; drop_caches
      timed hugo --quiet --source "$hugo_src" --destination "$(realpath -m "$hout")" --cacheDir "$(realpath -m "$work/hugo-cache")"
    done
    rows+=("| $n | hugo $(hugo version | awk '{print $2}') full build, cold | $(stats "$times") | $(mb $rss_max) |")
    echo "N=$n: hugo warm…" >&2
    times=""; rss_max=0
    for _ in $(seq "$runs"); do
      timed hugo --quiet --source "$hugo_src" --destination "$(realpath -m "$hout")" --cacheDir "$(realpath -m "$work/hugo-cache")"
    done
    rows+=("| $n | hugo full build, warm | $(stats "$times") | $(mb $rss_max) |")
    hugo_median=$(median "$times")
  fi

  echo "N=$n: floor…" >&2
  times=""; rss_max=0
  for _ in $(seq "$runs"); do
    timed "$floor_bin" "$corpus/content"
  done
  rows+=("| $n | floor (read + pulldown-cmark, all cores) | $(stats "$times") | $(mb $rss_max) |")
  floor_median=$(median "$times")

  echo "N=$n: write floor…" >&2
  times=""; rss_max=0
  for _ in $(seq "$runs"); do
    rm -rf "$work/copy-$n"; sync
    timed cp -r "$out" "$work/copy-$n"
  done
  rm -rf "$work/copy-$n"
  rows+=("| $n | write floor (cp -r of minhbach's output: $(find "$out" -type f | wc -l) files, $(du -sm "$out" | cut -f1) MB) | $(stats "$times") | |")
  write_median=$(median "$times")

  ratio="minhbach warm / (floor + write floor): $(awk -v a="$warm_median" -v b="$floor_median" -v c="$write_median" 'BEGIN {printf "%.1f×", a/(b+c)}'); minhbach warm / floor: $(awk -v a="$warm_median" -v b="$floor_median" 'BEGIN {printf "%.1f×", a/(b>0?b:1)}')"
  if [ -n "$hugo_median" ]; then
    ratio+="; hugo warm / minhbach warm: $(awk -v a="$hugo_median" -v b="$warm_median" 'BEGIN {printf "%.1f×", a/b}')"
  fi
  rows+=("| $n | ratios ($pages markdown files) | $ratio | |")
done

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); page cache dropped for cold runs: $can_drop"
echo "Medians of $runs runs (min–max), also of each kind of one-file rebuild."
echo
echo "| items/lang | what | time | peak RSS |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
