#!/usr/bin/env bash
# Idle CPU benchmark: starts the app in a real window with JavaFX's software renderer, lets it settle, then reports
# the share of one core the process used over a quiet window, read from /proc/<pid>/stat (utime + stime).
#
#   DISPLAY=:25 src/tools/idle-cpu.sh [settle-seconds=40] [measure-seconds=10] [extra java options...]
#
# Needs Linux (/proc) and an X display (e.g. `Xvfb :25 -screen 0 1920x1080x24 &`); build first with
# `mvn -B -q -DskipTests package`. Uses its own settings node, so the user's window size and language stay untouched.
# IDLE_CPU_JAR picks another build (default target/convscope.jar). IDLE_CPU_LEARN=1 starts with the Learn panel open (written into that settings node's Linux preferences file).
# With IDLE_CPU_ACTION set to a shell command, that command runs (with $PID set) after the settle time and is given
# 5 more seconds before measuring: e.g. IDLE_CPU_ACTION='xdotool search --pid $PID windowminimize'.
set -euo pipefail
cd "$(dirname "$0")/../.."
settle=${1:-40}
measure=${2:-10}
shift $(( $# > 2 ? 2 : $# )) || true
: "${DISPLAY:?set DISPLAY to an X server (Xvfb is fine)}"
prefs="$HOME/.java/.userPrefs/io/convscope-idle-bench"
mkdir -p "$prefs"
cat >"$prefs/prefs.xml" <<XML
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE map SYSTEM "http://java.sun.com/dtd/preferences.dtd">
<map MAP_XML_VERSION="1.0">
  <entry key="language" value="en"/>
  <entry key="learn.open" value="${IDLE_CPU_LEARN:+true}"/>
</map>
XML
java -Dprism.order=sw -Dconvscope.settings=io/convscope-idle-bench "$@" -jar "${IDLE_CPU_JAR:-target/convscope.jar}" >/tmp/idle-cpu-$$.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null && wait $PID 2>/dev/null; true' EXIT  # gone with its window before the next run looks
ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
# A loaded machine may still be loading the model at $settle s: wait for the first prediction (the window's title
# then names the image, "Espresso — ConvScope"), then for at least 10 s more and $settle s since start in all.
start=$SECONDS
for _ in $(seq 240); do
    xwininfo -root -tree | grep -q ' — ConvScope"' && break
    sleep 0.5
done
shown=$((SECONDS - start))
sleep $(( settle - shown > 10 ? settle - shown : 10 ))
if [[ -n "${IDLE_CPU_ACTION:-}" ]]; then
    eval "$IDLE_CPU_ACTION"
    sleep 5
fi
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep "$measure"
after=$(ticks)
awk -v d=$((after - before)) -v hz="$hz" -v s="$measure" \
    -v shown="$shown" 'BEGIN { printf "idle CPU: %.1f %% of one core over %d s (first prediction after %d s)\n", 100 * d / hz / s, s, shown }'
