#!/usr/bin/python3
"""Builds the Chinese UI font bundled with ConvScope.

The Chinese UI must render on machines without a CJK font, but the full Noto Sans CJK collection is 19 MB. This keeps
Noto Sans CJK SC's glyphs for ASCII, Latin-1, punctuation, the symbols our views draw, all 6,763 GB 2312 hanzi
(the characters of everyday Simplified Chinese text, so file names and the article are covered) and every character
of our own *_zh resources, and writes an OpenType (CFF) font of about 3 MB. Bold text (the article's emphasis, headings, titles) gets a second,
small subset of the Bold weight: only the characters our own *_zh resources use, plus ASCII and punctuation (text the
student brings, such as a file name, is never bold).

Needs Debian's python3-fonttools and fonts-noto-cjk:
    apt-get install -y python3-fonttools fonts-noto-cjk
    /usr/bin/python3 src/tools/subset-cjk-font.py
"""
import glob
import os

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
BOLD_SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET = os.path.join(ROOT, "src/main/resources/io/convscope/ui/fonts/NotoSansCJKsc-Subset.otf")
BOLD_TARGET = os.path.join(ROOT, "src/main/resources/io/convscope/ui/fonts/NotoSansCJKsc-Bold-Subset.otf")


def gb2312_hanzi():
    chars = set()
    for row in range(0xB0, 0xF8):  # levels 1 and 2 of GB 2312
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def resource_chars():
    chars = set()
    pattern = os.path.join(ROOT, "src/main/resources/io/convscope/**/*_zh*")
    for path in glob.glob(pattern, recursive=True):
        with open(path, encoding="utf-8") as f:
            chars.update(f.read())
    return chars


def base_chars():
    chars = set(chr(c) for c in range(0x20, 0x7F)) | set(chr(c) for c in range(0xA0, 0x180))
    chars |= set(chr(c) for c in range(0x2000, 0x2070))  # general punctuation
    chars |= set(chr(c) for c in range(0x2190, 0x2200))  # arrows
    chars |= set(chr(c) for c in range(0x2200, 0x2300))  # mathematical operators
    chars |= set(chr(c) for c in range(0x25A0, 0x2600))  # geometric shapes
    chars |= set(chr(c) for c in range(0x3000, 0x3040))  # CJK symbols and punctuation
    chars |= set(chr(c) for c in range(0xFF00, 0xFFF0))  # full-width forms
    chars |= set("×÷·ΣσΔμπ∑√⌊⌋⌈⌉…")
    return chars


def write_subset(source, chars, target):
    collection = TTCollection(source)
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # the CFF hints add size; JavaFX renders without them
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars if c.strip() or c == " "])
    subsetter.subset(font)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    tmp = target + ".tmp"
    font.save(tmp)
    os.replace(tmp, target)
    print(target, os.path.getsize(target), "bytes,", len(font.getGlyphOrder()), "glyphs")


def main():
    write_subset(SOURCE, base_chars() | gb2312_hanzi() | resource_chars(), TARGET)
    write_subset(BOLD_SOURCE, base_chars() | resource_chars(), BOLD_TARGET)


if __name__ == "__main__":
    main()
