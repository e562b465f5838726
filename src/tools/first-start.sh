#!/usr/bin/env bash
# Time to the first prediction (issue 14), the two ways ND4J's natives can reach the app, after
# `mvn -B -Pdist -DskipTests package`:
#   jars:      the natives stay in their jars and JavaCPP unpacks them into the cache on first use (the default);
#   app image: jpackage's launcher, natives extracted at build time and loaded in place (what the installers ship).
# Both run on the same jlink runtime. "cold" = an empty home (so an empty ~/.javacpp/cache and no settings), "warm" =
# the same home again. Each run prints wall and CPU seconds: the CPU time is steadier on a shared machine.
# With DISPLAY set it also starts the window with -Dconvscope.startupProbe=true, which prints when the first frame
# was drawn and the first prediction shown (from JVM start) and quits.
# Usage: [DISPLAY=:N] src/tools/first-start.sh [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"
dist=target/dist
java="$dist/runtime/bin/java"
launcher="$dist/ConvScope/bin/ConvScope"
[ -x "$launcher" ] && [ -x "$java" ] || { echo "build first: mvn -B -Pdist -DskipTests package" >&2; exit 2; }
cp="target/convscope.jar:target/lib/*"
image=sample-images/coffee.png

timed() { # label, then the command; the home is in $home
  /usr/bin/time -o /tmp/first-start.time -f "%e %U %S" "$@" >/tmp/first-start.out 2>/dev/null
  grep -q espresso /tmp/first-start.out || { echo "no espresso from: $*" >&2; exit 1; }
  awk -v l="$label" '{printf "%-28s wall %5.2f s   cpu %5.2f s\n", l, $1, $2 + $3}' /tmp/first-start.time
}

for round in $(seq "$rounds"); do
  echo "== round $round"
  for way in jars image; do
    home="$(mktemp -d)"
    for temp in cold warm; do
      label="CLI $way $temp"
      if [ "$way" = jars ]; then
        timed "$java" -XX:MaxRAMPercentage=50 -Duser.home="$home" -cp "$cp" io.convscope.Launcher predict "$image"
      else
        JAVA_TOOL_OPTIONS="-Duser.home=$home" timed "$launcher" predict "$image"
      fi
    done
    if [ -n "${DISPLAY:-}" ]; then
      for temp in cold warm; do
        [ "$temp" = cold ] && rm -rf "$home" && home="$(mktemp -d)"
        probe="-Duser.home=$home -Dconvscope.startupProbe=true -Dprism.order=sw"
        if [ "$way" = jars ]; then
          out="$("$java" -XX:MaxRAMPercentage=50 $probe -cp "$cp" io.convscope.Launcher 2>/dev/null)"
        else
          out="$(JAVA_TOOL_OPTIONS="$probe" "$launcher" 2>/dev/null)"
        fi
        echo "window $way $temp: $(grep -o 'first [a-z ]* [0-9]* ms' <<<"$out" | tr '\n' ' ')"
      done
    fi
    rm -rf "$home"
  done
done
