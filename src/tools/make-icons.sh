#!/usr/bin/env bash
# Draws ConvScope's icon (a small CNN: an input map with a kernel window, the feature map it feeds and three output
# bars) with ImageMagick and writes what each installer needs into src/dist/icons:
#   convscope.png  512 x 512 (Linux .deb and app image),
#   convscope.ico  16-256 px (Windows .msi and launchers),
#   convscope.icns 16-1024 px PNG entries (macOS .dmg), assembled by the few lines of Python below because
#                  ImageMagick 6 cannot write ICNS and png2icns is rarely installed.
# The outputs are committed; rerun only to change the drawing: src/tools/make-icons.sh
set -euo pipefail
out="$(cd "$(dirname "$0")/../dist/icons" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# 1024 x 1024 master. Rounded tile; input map of 4 x 4 heat cells with a 2 x 2 kernel window (yellow) whose corners
# join one cell of the smaller feature map; then three output bars, the first one longest (the prediction).
cells=""
colors=("#b2182b" "#ef8a62" "#fddbc7" "#f7f7f7" "#d1e5f0" "#67a9cf" "#2166ac" "#ef8a62"
        "#f7f7f7" "#2166ac" "#b2182b" "#d1e5f0" "#67a9cf" "#fddbc7" "#f7f7f7" "#b2182b")
for r in 0 1 2 3; do
  for c in 0 1 2 3; do
    x=$((120 + c * 100)); y=$((292 + r * 100))
    cells+=" fill ${colors[$((r * 4 + c))]} rectangle $x,$y $((x + 92)),$((y + 92))"
  done
done
fmap=""
fcolors=("#67a9cf" "#b2182b" "#f7f7f7" "#ef8a62")
for r in 0 1; do
  for c in 0 1; do
    x=$((600 + c * 86)); y=$((412 + r * 86))
    fmap+=" fill ${fcolors[$((r * 2 + c))]} rectangle $x,$y $((x + 78)),$((y + 78))"
  done
done
convert -size 1024x1024 xc:none \
  -fill '#16325c' -draw 'roundrectangle 32,32 992,992 180,180' \
  -draw "$cells" -draw "$fmap" \
  -stroke '#ffd23f' -strokewidth 14 -fill none -draw 'rectangle 212,384 412,584' \
  -strokewidth 8 -draw 'line 412,384 600,412' -draw 'line 412,584 600,490' \
  -stroke none -fill '#ffd23f' -draw 'roundrectangle 820,380 900,420 12,12' \
  -fill '#9ecae1' -draw 'roundrectangle 820,450 870,490 12,12' -draw 'roundrectangle 820,520 850,560 12,12' \
  "$tmp/master.png"

for s in 16 32 48 64 128 256 512 1024; do
  convert "$tmp/master.png" -resize ${s}x${s} -strip "$tmp/icon_$s.png"
done
cp "$tmp/icon_512.png" "$out/convscope.png"
convert "$tmp/icon_16.png" "$tmp/icon_32.png" "$tmp/icon_48.png" "$tmp/icon_64.png" "$tmp/icon_128.png" \
  "$tmp/icon_256.png" "$out/convscope.ico"
python3 - "$tmp" "$out/convscope.icns" <<'PY'
import struct, sys
tmp, dest = sys.argv[1], sys.argv[2]
# ICNS: 'icns' + total length, then (type, length, PNG bytes) per size; these types all accept PNG data.
types = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024)]
body = b""
for kind, size in types:
    data = open(f"{tmp}/icon_{size}.png", "rb").read()
    body += kind.encode() + struct.pack(">I", 8 + len(data)) + data
open(dest, "wb").write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
ls -l "$out"
