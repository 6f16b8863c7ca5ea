"""Helpers for the consistency-engine tests: run the checks on a text with hand-built claims."""
from __future__ import annotations

import hashlib

from decimal import Decimal

from extractor.checks import check_document
from extractor.model import Claim, ClaimValue, DocumentInfo, Mention, Span
from extractor.normalise import normalise
from extractor.pipeline import DocResult

FLAGS = {"inconsistent", "inconsistent_decision"}

SCALE = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}


def mention(text: str, written: str, *, occurrence: int = 0, kind: str | None = None,
            direction: str | None = None, approx: list[str] | None = None, doc: str = "t.txt",
            value: Decimal | None = None) -> Mention:
    """A mention of ``written`` (the n-th occurrence) in ``text`` with value, unit and decimals."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(written, start + 1)
    end = start + len(written)
    if value is not None:
        return Mention(doc, start, end, 1, start + 1, written, kind or "multiple", value, str(value), "times",
                       approx=list(approx or []), direction=direction, decimals=0)
    num = ""
    for ch in written:
        if ch.isdigit() or ch == ".":
            num += ch
        elif num:
            break
    rest = written[len(written.split(num, 1)[0]) + len(num):]
    value = Decimal(num)
    scale = next((w for w in ("万亿", "亿", "万") if rest.startswith(w)), None)
    if scale:
        value *= SCALE[scale]
        rest = rest[len(scale):]
    unit = "%" if rest.startswith("%") else ("pp" if "百分点" in rest else ("times" if "倍" in rest else
                                                                         ("CNY" if "元" in rest else "count")))
    k = kind or {"%": "percent", "pp": "percentage_points", "times": "multiple", "CNY": "amount"}.get(unit, "count")
    decimals = len(num.split(".")[1]) if "." in num else 0
    return Mention(doc, start, end, 1, start + 1, written, k, value, num, unit, scale_word=scale,
                   approx=list(approx or []), direction=direction, decimals=decimals)


def claim(text: str, claim_type: str, values: list[tuple[str, Mention]], *, cid: str = "c1", **kw) -> Claim:
    """A claim whose span is the whole text."""
    span = Span("t.txt", 0, len(text), 1, 1, text)
    return Claim(cid, "t.txt", claim_type, "test", [ClaimValue(r, m) for r, m in values], span, **kw)


def run(text: str, claims: list[Claim] | None = None, pack=None, doc: str = "t.txt"):
    """Findings of ``check_document`` on ``text``."""
    info = DocumentInfo(doc, doc, hashlib.sha256(text.encode()).hexdigest(), "utf-8", len(text), text.count("\n") + 1)
    result = DocResult(info=info, claims=list(claims or []))
    return check_document(normalise(text), result, pack)


def flags(findings) -> list:
    return [f for f in findings if f.verdict in FLAGS]


def by_check(findings, check: str) -> list:
    return [f for f in findings if f.check == check]
