#!/usr/bin/env bash
# Installs ConvScope's .deb (from `mvn -B -Pdist -DskipTests package`) as a student would, checks it, removes it
# (issue 14). Needs root, dpkg, Xvfb, xwininfo and ImageMagick; DebInstallTest runs it when asked (-Dconvscope.debTest=true).
#   1. dpkg -i the .deb (a ConvScope already installed is removed first);
#   2. the CLI form of the installed launcher predicts sample-images/coffee.png as espresso, with an empty home
#      (so an empty ~/.javacpp/cache: a first start), then again (a second start); both times are printed;
#   3. the installed launcher opens its window under Xvfb: xwininfo finds a window titled ConvScope, mapped at its
#      size, and a screenshot of it shows the network drawn; it is kept in $DEB_TEST_SHOT (/tmp/convscope-deb-test.png);
#   4. dpkg -r removes it, and nothing is left in /opt/convscope (the class-data-sharing archive the post-install
#      script made, checked with -Xshare:on after step 1, included).
# Usage: src/tools/deb-install-test.sh [path/to/convscope_*.deb]   (DEB_TEST_DISPLAY picks the Xvfb display, :93)
set -euo pipefail
cd "$(dirname "$0")/../.."

deb="${1:-$(ls target/dist/convscope_*.deb 2>/dev/null | head -n 1)}"
launcher=/opt/convscope/bin/ConvScope
display="${DEB_TEST_DISPLAY:-:93}"
shot="${DEB_TEST_SHOT:-/tmp/convscope-deb-test.png}"
fail() { echo "deb install test: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "dpkg -i needs root"
[ -n "$deb" ] && [ -f "$deb" ] || fail "no .deb: build it with mvn -B -Pdist -DskipTests package"
for tool in dpkg Xvfb xwininfo import convert; do command -v "$tool" >/dev/null || fail "$tool is not installed"; done

home="$(mktemp -d)"
xvfb=""
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT

# No menu folders are made here: where no desktop ever made a system menu folder (a server, this container),
# xdg-desktop-menu fails, and the package's scripts must still install and remove it (they say so and go on).
echo "== install $deb ($(du -h "$deb" | cut -f1))"
if dpkg -s convscope >/dev/null 2>&1; then dpkg -r convscope >/dev/null; fi
# The .deb depends on xdg-utils (its menu entry); dpkg -i leaves it unconfigured where that is missing, and
# apt-get -f then installs it, as apt does at once for `apt install ./convscope_*.deb`.
dpkg -i "$deb" || apt-get install -f -y -q
dpkg -s convscope | grep -q "Status: install ok installed" || fail "dpkg could not configure convscope"
[ -x "$launcher" ] || fail "$launcher missing after dpkg -i"
echo "installed size: $(du -sh /opt/convscope | cut -f1)"
# The post-install script makes the class-data-sharing archive where the app now is (Java 17 takes one only at the
# class path it was made with); -Xshare:on makes the JVM fail rather than start without it.
archive=/opt/convscope/lib/app/convscope.jsa
[ -f "$archive" ] || fail "the post-install script made no class-data-sharing archive ($archive)"
echo "class-data-sharing archive: $(du -h "$archive" | cut -f1)"
JAVA_TOOL_OPTIONS="-Xshare:on -Duser.home=$home" "$launcher" predict sample-images/coffee.png 2>/dev/null \
  | grep -q espresso || fail "the installed launcher cannot use its archive (-Xshare:on)"

echo "== CLI, first start (empty home, so an empty ~/.javacpp/cache) and second start"
for run in first second; do
  start=$(date +%s%N)
  # user.home (not $HOME) is where Java finds ~/.javacpp/cache and the app's settings
  out="$(JAVA_TOOL_OPTIONS="-Duser.home=$home" "$launcher" predict sample-images/coffee.png 2>/dev/null)"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "$out"
  echo "$out" | grep -q espresso || fail "the installed CLI did not predict espresso"
  echo "$run start: predict took $ms ms"
done
echo "per-user cache after it: $(du -sh "$home/.javacpp" 2>/dev/null | cut -f1)"

echo "== window under Xvfb $display"
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 50); do xwininfo -display "$display" -root >/dev/null 2>&1 && break; sleep 0.2; done
DISPLAY="$display" JAVA_TOOL_OPTIONS="-Duser.home=$home" "$launcher" >/dev/null 2>&1 &
app=$!
# Mapped at its real size (the app's minimum is 1024 x 640), not just created. Its title is "ConvScope" until the
# first prediction shows and then names the image ("Espresso — ConvScope"); GTK's 10 x 10 leader window is also
# called "ConvScope", so every window whose title ends so is looked at.
window=""
for _ in $(seq 180); do
  for id in $(xwininfo -display "$display" -root -tree 2>/dev/null | awk '/ConvScope": \(/ {print $1}'); do
    if xwininfo -display "$display" -id "$id" | grep -q "IsViewable" \
        && [ "$(xwininfo -display "$display" -id "$id" | awk '/Width:/ {print $2}')" -ge 1024 ]; then
      window="$id"; break
    fi
  done
  [ -n "$window" ] && break
  kill -0 "$app" 2>/dev/null || fail "the installed launcher exited before showing its window"
  sleep 0.5
done
[ -n "$window" ] || fail "no ConvScope window of at least 1024 px shown within 90 s"
xwininfo -display "$display" -id "$window" | grep -E "Window id|Width|Height|Map State"
# Drawn, not just mapped: the overview's heatmaps and photos give a screenshot thousands of colours, where an empty
# window has a handful (measured: 2 before the first frame, 6,300 with only the toolbar and gallery drawn, about
# 25,000 with the network drawn).
drawn=""
for _ in $(seq 90); do
  import -display "$display" -window root "$shot" 2>/dev/null \
    && [ "$(convert "$shot" -format '%k' info:)" -gt 15000 ] && { drawn=yes; break; }
  kill -0 "$app" 2>/dev/null || fail "the installed launcher exited while drawing its window"
  sleep 1
done
[ -n "$drawn" ] || fail "the ConvScope window did not draw the network within 90 s (last screenshot: $shot)"
echo "window drawn ($(convert "$shot" -format '%k' info:) colours): $shot"
kill "$app"
wait "$app" 2>/dev/null || true
app=""

echo "== remove"
dpkg -r convscope
[ ! -e /opt/convscope ] || fail "/opt/convscope is still there after dpkg -r: $(find /opt/convscope | head)"
dpkg -s convscope 2>/dev/null | grep -q "Status: install" && fail "dpkg still lists convscope as installed"
dpkg -P convscope >/dev/null 2>&1 || true # forget it entirely (dpkg -r keeps its record of configuration files)
echo "deb install test: passed"
