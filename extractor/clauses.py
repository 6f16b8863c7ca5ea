"""Sentences, clauses and the mention-marked copy of a document that patterns match against.

Everything here works on the *normalised* text (PDF line breaks inside
sentences removed), whose offsets map back to the original through
``NormalisedText``; :func:`to_normalised` is the inverse map for mention
offsets.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .model import Mention
from .normalise import NormalisedText
from .rules import FILLER, KIND_CHAR

# a sentence ends at 。！？ (with closing quotes) or a line break
# (plain character classes: the standard ``re`` engine runs these whole-document scans ~3x faster)
_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]+[”’」』）)]*)?")
# clause punctuation inside a sentence (、 separates list items, not clauses)
_CLAUSE_BREAK = re.compile(r"[，；：,;:]")


@dataclass(slots=True)
class Located:
    """A mention with its span in the normalised text."""

    index: int
    mention: Mention
    start: int
    end: int
    # (start, end) of its clause, as ``Sentence.clause_of(start)``: set when its sentence is built
    # (the binder asks for the clause of a value many times over)
    clause: tuple[int, int] = (0, 0)


@dataclass(slots=True)
class Sentence:
    """One sentence: its normalised span, clause boundaries and the mentions inside."""

    start: int
    end: int
    clause_starts: list[int] = field(default_factory=list)
    mentions: list[Located] = field(default_factory=list)

    def clause_of(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the clause containing normalised position ``pos``."""
        starts = self.clause_starts
        k = bisect.bisect_right(starts, pos) - 1
        cs = starts[k] if k >= 0 else starts[0]
        ce = starts[k + 1] - 1 if k + 1 < len(starts) else self.end
        return cs, ce


def to_normalised(nt: NormalisedText, orig: int) -> int:
    """Normalised position of original offset ``orig`` (inverse of ``nt.to_original``)."""
    cuts, shift = nt._cuts, nt._shift
    if not cuts:
        return orig
    # original position of cut k is cuts[k] + shift[k]; before it the shift is shift[k-1]
    lo, hi = 0, len(cuts)
    while lo < hi:
        mid = (lo + hi) // 2
        if cuts[mid] + shift[mid] <= orig:
            lo = mid + 1
        else:
            hi = mid
    k = lo - 1
    pos = orig - (shift[k] if k >= 0 else 0)
    # an offset inside deleted material maps to the point where it was removed
    if k + 1 < len(cuts) and pos > cuts[k + 1]:
        pos = cuts[k + 1]
    return pos


def _normaliser(nt: NormalisedText):
    """:func:`to_normalised` for many offsets: the cuts' original positions are listed once and
    bisected (the same search as the loop there)."""
    cuts, shift = nt._cuts, nt._shift
    if not cuts:
        return lambda orig: orig
    at = [c + s for c, s in zip(cuts, shift)]
    n = len(cuts)

    def convert(orig: int) -> int:
        k = bisect.bisect_right(at, orig) - 1
        pos = orig - (shift[k] if k >= 0 else 0)
        if k + 1 < n and pos > cuts[k + 1]:
            pos = cuts[k + 1]
        return pos

    return convert


def locate_mentions(nt: NormalisedText, mentions: list[Mention]) -> list[Located]:
    """Mentions with normalised spans, in text order, overlapping ones dropped."""
    out: list[Located] = []
    last_end = -1
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, -mentions[i].end))
    convert = _normaliser(nt)
    for i in order:
        m = mentions[i]
        s = convert(m.start)
        e = convert(m.end - 1) + 1 if m.end > m.start else s
        if s < last_end or e <= s:
            continue
        out.append(Located(i, m, s, e))
        last_end = e
    return out


def marked_text(text: str, located: list[Located]) -> str:
    """``text`` with every mention replaced by its kind mark plus filler (same length)."""
    pieces: list[str] = []
    last = 0
    for loc in located:
        mark = KIND_CHAR.get(loc.mention.kind)
        if mark is None:
            continue
        pieces.append(text[last:loc.start])
        pieces.append(mark + FILLER * (loc.end - loc.start - 1))
        last = loc.end
    pieces.append(text[last:])
    return "".join(pieces)


def split_sentences(text: str, located: list[Located], *, with_mentions_only: bool = False) -> list[Sentence]:
    """Sentences of ``text`` with their clause starts and the mentions inside them.

    ``with_mentions_only`` leaves out the sentences without a mention (the binder's case: most
    sentences of a report carry no number, and building them is most of the cost).
    """
    if with_mentions_only:
        return _sentences_with_mentions(text, located)
    sentences: list[Sentence] = []
    # clause punctuation is never a sentence end, so every clause break lies inside a sentence:
    # find them in one pass and give each sentence its slice
    breaks = [c.end() for c in _CLAUSE_BREAK.finditer(text)]
    for m in _SENTENCE.finditer(text):
        s, e = m.span()
        if not m.group().strip():
            continue
        starts = [s]
        starts += breaks[bisect.bisect_right(breaks, s):bisect.bisect_right(breaks, e)]
        sentences.append(Sentence(s, e, starts))
    if not sentences:
        return sentences
    begins = [x.start for x in sentences]
    for loc in located:
        k = bisect.bisect_right(begins, loc.start) - 1
        if k >= 0 and loc.start < sentences[k].end:
            sentences[k].mentions.append(loc)
            loc.clause = sentences[k].clause_of(loc.start)
    return sentences


def _sentences_with_mentions(text: str, located: list[Located]) -> list[Sentence]:
    """The sentences of :func:`split_sentences` that hold a mention, built the same way.

    No sentence holds a line break, so the sentence scan can start afresh at the line of the
    next mention and skip the lines without one.  ``located`` is in text order, so one cursor
    walks it alongside; a mention in no sentence (on a break, or in a sentence of blanks only)
    is dropped as there.
    """
    sentences: list[Sentence] = []
    n = len(located)
    i = 0
    while i < n:
        first = located[i].start
        line_start = text.rfind("\n", 0, first) + 1
        line_end = text.find("\n", first)
        if line_end < 0:
            line_end = len(text)
        for m in _SENTENCE.finditer(text, line_start, line_end):
            s, e = m.span()
            while i < n and located[i].start < s:
                i += 1  # between sentences
            if i >= n or located[i].start >= line_end:
                break
            if located[i].start >= e:
                continue
            if text[s].isspace() and not m.group().strip():  # (a sentence of blanks opens with one)
                while i < n and located[i].start < e:
                    i += 1
                continue
            starts = [s]
            starts += [c.end() for c in _CLAUSE_BREAK.finditer(text, s, e)]
            sent = Sentence(s, e, starts)
            # the clauses as clause_of gives them, walked alongside the mentions (both in text order)
            clauses = [(cs, ce - 1) for cs, ce in zip(starts, starts[1:])] + [(starts[-1], e)]
            k = 0
            while i < n and located[i].start < e:
                loc = located[i]
                while k + 1 < len(starts) and starts[k + 1] <= loc.start:
                    k += 1
                loc.clause = clauses[k]
                sent.mentions.append(loc)
                i += 1
            sentences.append(sent)
        while i < n and located[i].start <= line_end:
            i += 1  # after the line's last sentence, or on its break
    return sentences
