"""Shared helpers of the checks: spans in original offsets and stable findings."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Iterable, Iterator, Sequence

import regex

from ..model import Finding, FormulaInput, Interval, Mention, Span
from ..normalise import NormalisedText
from .intervals import Band, fmt

SEVERITY = {
    "consistent": "info",
    "consistent_by_rounding_only": "info",
    "not_testable": "info",
    "inconsistent": "error",
    "inconsistent_decision": "error",
}


_FLAGGED = frozenset({"inconsistent", "inconsistent_decision"})


def finding_id(check: str, doc: str, spans: Iterable[Span]) -> str:
    """A stable id from the check name, the document and the span offsets."""
    # (the offsets sorted as tuples: the order of sorting the spans by them, without a key function)
    offsets = sorted([(s.doc, s.start, s.end) for s in spans])
    key = "|".join([check, doc] + [f"{d}:{a}-{b}" for d, a, b in offsets])
    return f"{check}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


@dataclass(slots=True)
class DocContext:
    """One document as the checks see it: its text, name and mapping helpers."""

    nt: NormalisedText
    doc: str
    date: str | None = None
    findings: list[Finding] = field(default_factory=list)
    # finding id → its index in ``findings`` (``add`` deduplicates by id without a scan)
    _index: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    # (start, end) of the spans of ``findings[:_offsets_seen]`` (see ``span_offsets``)
    _offsets: set[tuple[int, int]] = field(default_factory=set, init=False, repr=False, compare=False)
    _offsets_seen: int = field(default=0, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.nt.text

    def span(self, start: int, end: int) -> Span:
        """A Span in original offsets for a normalised ``[start, end)``."""
        s, e = self.nt.span_to_original(start, end)
        line, col = self.nt.line_col(s)
        return Span(self.doc, s, e, line, col, self.nt.original[s:e])

    def span_offsets(self) -> set[tuple[int, int]]:
        """``(start, end)`` of every span of the findings recorded so far.

        Brought up to date only by this call (the caller may hold it as a snapshot while it adds
        findings). Findings are only appended, or replaced by one with the same id, hence over the
        same spans: the set only needs the spans of the findings appended since the last call.
        """
        for f in self.findings[self._offsets_seen:]:
            self._offsets.update((sp.start, sp.end) for sp in f.spans)
        self._offsets_seen = len(self.findings)
        return self._offsets

    def add(self, check: str, verdict: str, spans: Sequence[Span], message: str, message_en: str,
            *, severity: str | None = None, formula: str | None = None,
            inputs: Sequence[FormulaInput] = (), stated: str | None = None,
            computed: Band | None = None, places: int | None = None, tolerance: str | None = None,
            claims: Sequence[str] = (), reason: str | None = None) -> Finding | None:
        """Record one finding (deduplicated by id); return it, or None when an earlier finding
        with the same id stands (callers that adjust the finding they just made must not
        touch another one)."""
        spans = sorted({(s.doc, s.start, s.end): s for s in spans}.values(),
                       key=lambda s: (s.doc != self.doc, s.doc, s.start))  # own document first
        fid = finding_id(check, self.doc, spans)
        if len(self._index) != len(self.findings):  # findings added by other means: index them again
            self._index = {f.id: k for k, f in reversed(list(enumerate(self.findings)))}
        replace = self._index.get(fid)
        if replace is not None:
            f = self.findings[replace]
            # the same figures tested twice (a claim's check and the clause's): a problem found
            # by either is never hidden behind the other's pass or not_testable
            if not (verdict in _FLAGGED and f.verdict not in _FLAGGED):
                return None
        f = Finding(
            id=fid, check=check, verdict=verdict,
            severity=severity or SEVERITY.get(verdict, "info"), message=message, doc=self.doc,
            spans=list(spans), formula=formula, inputs=list(inputs), stated=stated,
            computed=None if computed is None else Interval(_round(computed.low, places, ROUND_FLOOR),
                                                            _round(computed.high, places, ROUND_CEILING)),
            computed_point=None if computed is None else fmt(computed.point, 4 if places is None
                                                             else places + 3),
            tolerance=tolerance, claims=list(claims), reason=reason, message_en=message_en,
        )
        if replace is None:
            self._index[fid] = len(self.findings)
            self.findings.append(f)
        else:
            self.findings[replace] = f
        return f


def matches_from(pattern: regex.Pattern, text: str, candidates: re.Pattern) -> Iterator[regex.Match]:
    """``pattern.finditer(text)``, tried only where ``candidates`` matches.

    For a whole-text scan with a pattern the engine tries at every position (a leading lookbehind or
    optional group): ``candidates`` is a cheap pattern that matches wherever a match of ``pattern``
    can start (a necessary condition; ``re`` scans for its first character fast). ``pattern`` must
    not match the empty string.
    """
    pos, search, match = 0, candidates.search, pattern.match
    while True:
        c = search(text, pos)
        if c is None:
            return
        m = match(text, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()


def mention_input(name: str, m: Mention, claim_id: str | None = None, role: str | None = None) -> FormulaInput:
    """A formula input tied to a mention."""
    return FormulaInput(name, m.value_text or m.text, claim_id or m.claim_id, role or m.role, m.span)


def as_decimal(v) -> Decimal | None:
    """A Decimal from a mention value (None for ranges, ratios and times)."""
    if isinstance(v, Decimal):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return Decimal(str(v))
    return None


def _round(x: Decimal | None, places: int | None, rounding: str) -> Decimal | None:
    """``x`` to ``places``+4 decimals, rounded outwards (the interval never shrinks)."""
    if x is None:
        return None
    q = Decimal(1).scaleb(-((places or 0) + 4))
    return x.quantize(q, rounding=rounding).normalize() if x != x.to_integral_value() else x
