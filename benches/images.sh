#!/usr/bin/env bash
# Photos: what the image stage costs and what it saves, on a site with PHOTOS phone photos.
#
# gen-corpus writes a bilingual corpus (ITEMS items per language) and PHOTOS phone photos
# (4000 × 3000 JPEGs of about 4 MB, noisy like a camera's, stored sideways with EXIF
# orientation, GPS and camera; the maker is tests/support/photos.rs), each the photo of one
# exemplar. Then it prints:
#
#   cold     a build with an empty cache: every photo decoded, scaled, encoded
#   warm     the same build again, the cache full (and a build of the same corpus without
#            photos, to show what photos add once they are made)
#   sizes    the original, and what a page loads of it at each width; the share image
#
# Times are medians of RUNS runs (default 3; the cold build once per run, with the cache
# emptied); peak RSS from GNU time. Needs cargo and GNU time (apt-get install time). Works
# in target/bench/ (the corpus is kept for the next run). Figures depend on the machine.
#
#   benches/images.sh
#   PHOTOS=20 RUNS=1 benches/images.sh
set -euo pipefail
cd "$(dirname "$0")/.."

photos=${PHOTOS:-100}
items=${ITEMS:-200}
runs=${RUNS:-3}
work=target/bench
corpus=$work/photos-$photos
plain=$work/photos-0-$items
mkdir -p "$work"

cargo build --release --quiet --bin minhbach --bin gen-corpus
bin=${CARGO_TARGET_DIR:-target}/release
minhbach=$bin/minhbach
if [ ! -f "$corpus/site.yaml" ]; then
  rm -rf "$corpus"
  echo "generating $items items per language and $photos photos…" >&2
  "$bin"/gen-corpus --items "$items" --seed 42 --photos "$photos" --out "$corpus" >/dev/null
fi
if [ ! -f "$plain/site.yaml" ]; then
  rm -rf "$plain"
  "$bin"/gen-corpus --items "$items" --seed 42 --out "$plain" >/dev/null
fi

# run DIR → appends "ms rss_kb images_ms" of one build to the arrays below.
times=(); rss=(); stage=()
run() {
  /usr/bin/time -o "$work/time.txt" -f "TIME %e %M" \
    "$minhbach" build --root "$1" --output "$work/photos-out" --now 2026-01-01 --timings \
    >"$work/stdout.txt" 2>"$work/stderr.txt" ||
    { echo "failed: build $1" >&2; tail -20 "$work/stderr.txt" >&2; exit 1; }
  times+=("$(awk '/^TIME/ {printf "%d", $2*1000}' "$work/time.txt")")
  rss+=("$(awk '/^TIME/ {print $3}' "$work/time.txt")")
  stage+=("$(grep -o 'images [0-9]* ms' "$work/stdout.txt" | awk '{print $2}')")
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
max() { printf '%s\n' "$@" | sort -n | tail -1; }
secs() { awk -v m="$1" 'BEGIN {printf "%.2f s", m/1000}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%d MB", k/1024}'; }

echo "cold builds…" >&2
times=(); rss=(); stage=()
for _ in $(seq "$runs"); do
  rm -rf "$corpus/.minhbach-cache" "$work/photos-out"
  run "$corpus"
done
cold_total=$(median "${times[@]}"); cold_stage=$(median "${stage[@]}"); cold_rss=$(max "${rss[@]}")
made=$(grep -o 'Images: [0-9]* made' "$work/stdout.txt" | awk '{print $2}')

echo "warm builds…" >&2
times=(); rss=(); stage=()
for _ in $(seq "$runs"); do run "$corpus"; done
warm_total=$(median "${times[@]}"); warm_stage=$(median "${stage[@]}"); warm_rss=$(max "${rss[@]}")
cached=$(grep -o '[0-9]* from the cache' "$work/stdout.txt" | awk '{print $1}')

times=(); rss=(); stage=()
for _ in $(seq "$runs"); do run "$plain"; done
plain_total=$(median "${times[@]}"); plain_rss=$(max "${rss[@]}")

# Sizes of the first photo's files, as published by the last photo build.
run "$corpus" >/dev/null
folder=$(dirname "$(find "$work/photos-out/img" -name 'pho-0000-*' | head -1)")
original=$(stat -c %s "$corpus/static/anh/pho-0000.jpg")
sizes=""
for f in $(ls "$folder" | sort -t- -k3 -n); do
  sizes+="$f $(awk -v b="$(stat -c %s "$folder/$f")" 'BEGIN {printf "%.1f KB", b/1000}'); "
done

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "Site: $items items per language, $photos phone photos of 4000×3000 (first one $(awk -v b="$original" 'BEGIN {printf "%.2f MB", b/1e6}')); medians of $runs runs."
echo
echo "| what | build | image stage | peak RSS |"
echo "|---|---|---|---|"
echo "| cold: cache empty, $made photos made | $(secs "$cold_total") | $(secs "$cold_stage") ($(awk -v s="$cold_stage" -v n="$made" -v c="$(nproc)" 'BEGIN {printf "%.2f s per photo on one core", s*c/n/1000}')) | $(mb "$cold_rss") |"
echo "| warm: cache full, $cached photos from it | $(secs "$warm_total") | $(secs "$warm_stage") | $(mb "$warm_rss") |"
echo "| the same corpus without photos | $(secs "$plain_total") | – | $(mb "$plain_rss") |"
echo "| what photos add to a build once made | $(awk -v a="$warm_total" -v b="$plain_total" 'BEGIN {printf "%.2f s", (a-b)/1000}') | | |"
echo
echo "Files made of one photo: $sizes"
