#!/usr/bin/env bash
# Time to the first prediction through ConvScope's launcher (issue 14), after `mvn -B -Pdist -DskipTests package`
# (the app image in target/dist) or with the .deb installed (LAUNCHER=/opt/convscope/bin/ConvScope).
#   cold: an empty home (so an empty ~/.javacpp/cache and no settings) and, as root, the page cache dropped first
#         (sync; echo 3 > /proc/sys/vm/drop_caches), so jars, natives and the archive are read from disk again;
#   warm: the same home again, files in the page cache.
# Each run prints its wall and CPU (user + system) seconds and the 1-minute load average before it; the end prints
# the medians. The CLI is `predict sample-images/coffee.png` to its exit. With DISPLAY set the window is measured too:
# with -Dconvscope.startupProbe=true it prints the wall-clock moment it showed its first prediction and quits, and the
# time counted is from this script starting the launcher to that moment (its CPU time is to its exit).
# EXTRA_JAVA_OPTIONS (e.g. -Xshare:off) are added to every run, for comparisons.
# Usage: [DISPLAY=:N] [LAUNCHER=...] src/tools/first-start.sh [rounds, default 5]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
launcher="${LAUNCHER:-target/dist/ConvScope/bin/ConvScope}"
[ -x "$launcher" ] || { echo "build first: mvn -B -Pdist -DskipTests package (or set LAUNCHER)" >&2; exit 2; }
image=sample-images/coffee.png
results="$(mktemp)"
out="$(mktemp)"
times="$(mktemp)"
trap 'rm -f "$results" "$out" "$times"' EXIT
can_drop=no
[ -w /proc/sys/vm/drop_caches ] && can_drop=yes
echo "launcher $launcher; page cache dropped for cold runs: $can_drop; $(nproc) cores"

load() { cut -d' ' -f1 /proc/loadavg; }
record() { # what temp wall cpu load
  printf '%-7s %-5s wall %6.2f s   cpu %6.2f s   load %5.2f\n' "$@"
  echo "$*" >>"$results"
}

for round in $(seq "$rounds"); do
  for what in cli window; do
    [ "$what" = window ] && [ -z "${DISPLAY:-}" ] && continue
    home="$(mktemp -d)"
    for temp in cold warm; do
      if [ "$temp" = cold ] && [ "$can_drop" = yes ]; then sync; echo 3 >/proc/sys/vm/drop_caches; fi
      before="$(load)"
      options="-Duser.home=$home ${EXTRA_JAVA_OPTIONS:-}"
      if [ "$what" = cli ]; then
        JAVA_TOOL_OPTIONS="$options" /usr/bin/time -o "$times" -f "%e %U %S" \
          "$launcher" predict "$image" >"$out" 2>/dev/null
        grep -q espresso "$out" || { echo "no espresso from the CLI" >&2; exit 1; }
        read -r wall user sys <"$times"
      else
        start=$(date +%s%3N)
        JAVA_TOOL_OPTIONS="$options -Dconvscope.startupProbe=true" timeout 120 /usr/bin/time -o "$times" \
          -f "%e %U %S" "$launcher" >"$out" 2>/dev/null || true
        shown="$(sed -n 's/.*first prediction shown .* (at \([0-9]*\) ms).*/\1/p' "$out")"
        [ -n "$shown" ] || { echo "the window showed no prediction within 120 s" >&2; exit 1; }
        read -r _ user sys <"$times"
        wall=$(awk -v a="$start" -v b="$shown" 'BEGIN {print (b - a) / 1000}')
      fi
      record "$what" "$temp" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" "$before"
    done
    rm -rf "$home"
  done
done

echo "== medians over $rounds rounds"
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
for what in cli window; do
  for temp in cold warm; do
    grep -q "^$what $temp " "$results" || continue
    printf '%-7s %-5s wall %6.2f s   cpu %6.2f s   load %5.2f\n' "$what" "$temp" \
      "$(awk -v w="$what" -v t="$temp" '$1 == w && $2 == t {print $3}' "$results" | median)" \
      "$(awk -v w="$what" -v t="$temp" '$1 == w && $2 == t {print $4}' "$results" | median)" \
      "$(awk -v w="$what" -v t="$temp" '$1 == w && $2 == t {print $5}' "$results" | median)"
  done
done
