"""Stage 2: normalise text for recognition while keeping an exact offset map.

Two kinds of edits are made:

* one-to-one replacements (full-width digits/letters/signs → ASCII, thin and
  ideographic spaces → ASCII space, other dash forms …), done with
  ``str.translate`` so offsets do not move;
* deletions of PDF-style line breaks inside sentences (``2023\\n\\n年``), which
  shift offsets.  Deletions are recorded as a sorted list of break points, so
  mapping an offset back is a binary search, not a per-character table.

``NormalisedText.to_original(i)`` maps a position in the normalised text to
the original text; ``span_to_original`` maps a half-open span.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import regex

# Full-width ASCII block (U+FF01..U+FF5E) → ASCII, plus spaces and a few signs.
_TABLE: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# keep full-width brackets and CJK punctuation that carry clause structure as they are;
# they are not part of numbers, and the recogniser knows them.
for _keep in "（）［］｛｝，：；！？":
    _TABLE.pop(ord(_keep), None)
_TABLE.update({
    0x2009: 0x20, 0x200A: 0x20, 0x202F: 0x20, 0x00A0: 0x20, 0x3000: 0x20, 0x2002: 0x20,
    0x2003: 0x20, 0x2007: 0x20,
    0xFF0E: ord("."),  # full-width full stop used as decimal point
    0x2236: ord(":"),  # RATIO ∶
    0x2212: ord("-"),  # MINUS SIGN
    0xFE6A: ord("%"),  # small percent
    0x2030: 0x2030,    # ‰ stays
})
# a full-width comma between digits is a thousands separator; handled in the grammar.

# Runs of characters the table changes: ``str.translate`` with a dict looks every
# character up (~100 ns each on CJK text), so only these runs are translated.  The
# standard ``re`` scans a plain character class several times faster than ``regex``.
_TRANSLATABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp, to in sorted(_TABLE.items())
                                         if cp != to) + "]+")


def _translate_run(m: re.Match) -> str:
    return m.group().translate(_TABLE)


def _translate(text: str) -> str:
    """Exactly ``text.translate(_TABLE)``, but only the runs of characters the table changes are touched."""
    if text.isascii():
        return text
    return _TRANSLATABLE.sub(_translate_run, text)


_TERMINAL = "。！？；!?;…"
# A line break (possibly several, with blanks) between two text characters.
_BREAK = regex.compile(r"[ \t]*(?:\r?\n[ \t\u3000]*)+")


@dataclass(slots=True)
class NormalisedText:
    """Normalised text plus what is needed to map offsets back to the original."""

    original: str
    text: str
    # positions in ``text`` at which deleted material was removed, and the
    # cumulative number of original characters deleted up to that point
    _cuts: list[int] = field(default_factory=list)
    _shift: list[int] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)
    wrapped: bool = False

    def to_original(self, i: int) -> int:
        """Original offset of normalised position ``i`` (0 ≤ i ≤ len(text))."""
        k = bisect.bisect_right(self._cuts, i)
        return i + (self._shift[k - 1] if k else 0)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normalised span to a half-open original span.

        Deleted material *inside* the span is included (so ``2023\\n\\n年``
        comes back whole); deleted material at its edges is not.
        """
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    def line_col(self, orig_offset: int) -> tuple[int, int]:
        """1-based line and column of an original offset."""
        if not self._line_starts:
            starts = [0]
            find = self.original.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        k = bisect.bisect_right(self._line_starts, orig_offset) - 1
        return k + 1, orig_offset - self._line_starts[k] + 1


def _is_table_line(line: str) -> bool:
    """A line of a flattened table: cells separated by tabs or runs of spaces."""
    return "\t" in line or "  " in line.strip()


def _wrap_width(text: str) -> int:
    """The line width when the text looks hard-wrapped (PDF extraction), else 0.

    Table lines (cells separated by tabs or runs of spaces) are left out of the
    statistics, so a short text that is mostly a table is not taken as wrapped.
    """
    lines = [s for s in (ln.strip() for ln in text.split("\n")) if s and not _is_table_line(s)]
    if len(lines) < 8:
        return 0
    lengths = sorted(len(s) for s in lines)
    median = lengths[len(lengths) // 2]
    if not 8 <= median <= 45:
        return 0
    near = sum(1 for n in lengths if abs(n - median) <= 3)
    open_ended = sum(1 for s in lines if s[-1] not in _TERMINAL)
    return median if near >= 0.6 * len(lines) and open_ended >= 0.5 * len(lines) else 0


def _joinable(text: str, s: int, e: int, width: int) -> bool:
    """Whether the line break ``text[s:e]`` sits inside a sentence and may be removed.

    Not when the line before ends a sentence or is short (a paragraph's last
    line, a title, a table cell), when either line is a table row, or between
    two digits (two numbers on consecutive lines are not one number).
    """
    prev, nxt = text[s - 1], text[e]
    if prev in _TERMINAL or prev in "：:" or nxt in "■□●◆◇▲△★☆（(":
        return False
    if prev.isdigit() and nxt.isdigit():
        return False
    line_start = text.rfind("\n", 0, s) + 1
    prev_line = text[line_start:s].strip()
    if len(prev_line) < width // 2:
        return False
    line_end = text.find("\n", e)
    next_line = text[e:] if line_end == -1 else text[e:line_end]
    return not (_is_table_line(prev_line) or _is_table_line(next_line))


def normalise(original: str) -> NormalisedText:
    """Normalise ``original`` for recognition; see the module docstring."""
    text = _translate(original)
    width = _wrap_width(text)
    wrapped = width > 0
    cuts: list[int] = []
    shift: list[int] = []
    if wrapped:
        pieces: list[str] = []
        last = 0
        removed = 0
        out_len = 0
        for m in _BREAK.finditer(text):
            s, e = m.span()
            if s == 0 or e >= len(text) or not _joinable(text, s, e, width):
                continue
            pieces.append(text[last:s])
            out_len += s - last
            removed += e - s
            cuts.append(out_len)
            shift.append(removed)
            last = e
        if cuts:
            pieces.append(text[last:])
            text = "".join(pieces)
    return NormalisedText(original=original, text=text, _cuts=cuts, _shift=shift, wrapped=wrapped)
