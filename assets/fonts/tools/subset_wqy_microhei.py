#!/usr/bin/env python3
"""Make assets/fonts/WenQuanYiMicroHei-GBK.ttf: the "WenQuanYi Micro Hei" face of Debian's
fonts-wqy-microhei (wqy-microhei.ttc, version 0.2.0-beta, Apache-2.0) cut down to the characters of
the GBK code page (all 20,902 CJK Unified Ideographs U+4E00-U+9FA5, kana, CJK punctuation, Greek,
Cyrillic) plus Latin-1, Latin Extended-A, General Punctuation and the Fullwidth Forms.

Changes made to the font (Apache-2.0 section 4b): glyphs outside that set are removed, TrueType hinting
instructions and the vertical-metrics, layout (GSUB/GPOS/GDEF), FFTM and gasp tables are dropped.
Outlines and advance widths of the kept glyphs are unchanged.

Dev-time only (needs fontTools, Debian package python3-fonttools):
    python3 assets/fonts/tools/subset_wqy_microhei.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection


def gbk_code_points() -> set[int]:
    """Every character that decodes from a two-byte GBK code (lead 0x81-0xFE, trail 0x40-0xFE)."""
    out = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                ch = bytes([lead, trail]).decode('gbk')
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                out.add(ord(ch))
    return out


def main() -> None:
    ttc = Path(sys.argv[1])
    target = Path(__file__).resolve().parent.parent / 'WenQuanYiMicroHei-GBK.ttf'
    latin = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    punctuation = set(range(0x2000, 0x2070)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    font = TTCollection(str(ttc)).fonts[0]  # face 0 = "WenQuanYi Micro Hei" (1 = Mono)
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ['*']
    options.notdef_outline = True
    options.drop_tables += ['vhea', 'vmtx', 'FFTM', 'GPOS', 'GSUB', 'GDEF', 'gasp']
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=gbk_code_points() | latin | punctuation)
    subsetter.subset(font)
    font.save(str(target))
    print(f'{target}: {target.stat().st_size} bytes')


if __name__ == '__main__':
    main()
