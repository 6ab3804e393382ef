"""Make ``commands/fonts/NotoSansCJKsc-Podium.otf``: the Chinese font charts draw CJK text in.

Noto Sans CJK SC Regular (SIL Open Font License 1.1), cut down with fontTools' subsetter
(a matplotlib dependency) to the characters Podium can be expected to draw:

- the 3,755 level-1 hanzi of GB2312 (the common characters of everyday Simplified Chinese),
- every CJK character in the bundled snapshots, ``data/aliases.toml``, the source adapters and
  the message catalogues (so every name Podium ships draws),
- CJK symbols and punctuation, full-width forms, and the ideographic space.

Latin text is drawn in DejaVu Sans (matplotlib's own), so Latin is left out. Run it again
when new Chinese text is added (a test fails when shipped text is not covered)::

    python tools/subset_cjk_font.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

The source font is Debian's ``fonts-noto-cjk`` (or notofonts/noto-cjk's release files).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "commands" / "fonts" / "NotoSansCJKsc-Podium.otf"
#: Where shipped Chinese text lives: every text file under these is scanned.
SCANNED = ("data/bundled", "data/aliases.toml", "data/sources", "commands")
FAMILY = "Noto Sans CJK SC"


def is_cjk(char: str) -> bool:
    """A character the CJK font draws and DejaVu Sans does not: CJK ideographs, kana, CJK
    symbols and punctuation, full-width forms."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x30FF  # CJK symbols and punctuation, kana
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x4E00 <= code <= 0x9FFF  # unified ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # compatibility forms
        or 0xFF00 <= code <= 0xFFEF  # half-width and full-width forms
    )


def gb2312_level1() -> Iterator[str]:
    """GB2312's level-1 hanzi: rows 16-55 (lead bytes 0xB0-0xD7), 94 cells each, less the
    five unused cells at the end of row 55."""
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                yield bytes((lead, trail)).decode("gb2312")
            except UnicodeDecodeError:
                continue


def shipped_text(paths: Iterable[Path]) -> Iterator[str]:
    """The text of every readable text file under ``paths``."""
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if not file.is_file():
                continue
            try:
                yield file.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue  # binary files (parquet, xlsx): their names reach the text fixtures


def wanted_characters() -> set[str]:
    """Every character the subset keeps."""
    chars = set(gb2312_level1())
    for text in shipped_text(ROOT / part for part in SCANNED):
        chars.update(ch for ch in text if is_cjk(ch))
    chars.update(chr(code) for code in range(0x3000, 0x3040))  # CJK symbols and punctuation
    chars.update(chr(code) for code in range(0xFF01, 0xFF5F))  # full-width ASCII forms
    return chars


def source_font(path: Path) -> TTFont:
    """The SC face of a Noto Sans CJK collection, or the font file itself."""
    if path.suffix.lower() == ".ttc":
        for font in TTCollection(path).fonts:
            if font["name"].getDebugName(1) == FAMILY:
                return font
        raise SystemExit(f"{path} holds no {FAMILY}")
    return TTFont(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "source", type=Path, help="NotoSansCJK-Regular.ttc or NotoSansCJKsc-Regular.otf"
    )
    args = parser.parse_args(argv)
    font = source_font(args.source)
    chars = wanted_characters()
    options = subset.Options()
    options.hinting = False  # charts are drawn at 100 dpi with FreeType's auto-hinter
    options.desubroutinize = False
    options.name_IDs = ["*"]  # keep the copyright, licence and its URL
    options.drop_tables += ["vhea", "vmtx", "VORG"]  # charts write horizontally
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in chars])
    subsetter.subset(font)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    font.recalcTimestamp = False  # the same input makes the same file
    font.save(OUTPUT)
    size = OUTPUT.stat().st_size
    sys.stdout.write(f"{OUTPUT.relative_to(ROOT)}: {len(chars)} characters, {size:,} bytes\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
