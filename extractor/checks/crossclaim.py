"""Repeated claims: the same indicator, subject and period stated more than once.

Within one document (or documents of the same date) the values must agree
within rounding and carry the same unit. Across documents of different dates
a different value is usually a revision (a new data vintage, e.g. after a
census): ``not_testable`` with that reason, never ``inconsistent``.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import regex

from ..model import Claim, Mention
from . import messages as msg
from .base import DocContext
from .quantities import from_mention

MAIN_ROLE = {"level": "value", "target": "value", "count": "value", "rank": "value", "growth": "rate",
             "cagr": "rate", "share": "share", "pp_change": "pp", "multiple": "multiple"}


def claim_key(c: Claim) -> tuple | None:
    """The identity of a claim for repetition checks (None when too vague to compare)."""
    role = MAIN_ROLE.get(c.claim_type)
    if role is None or c.value(role) is None:
        return None
    indicator = c.indicator_id  # free-text indicators are too loose to identify a claim
    if not indicator or not c.period or c.period_source == "document":
        return None
    if c.attrs.get("group") is not None:
        return None
    return (indicator, c.subject, c.period, c.claim_type, role, tuple(sorted(c.qualifiers)))


def _mention(c: Claim) -> Mention:
    return c.value(MAIN_ROLE[c.claim_type])  # type: ignore[return-value]


def _judge(claims: Sequence[Claim]) -> str:
    ms = [_mention(c) for c in claims]
    units = {m.unit for m in ms}
    if len(units) > 1:
        return "unit"
    bands = [from_mention(m) for m in ms]
    if any(b is None for b in bands):
        return "skip"
    if len({m.value for m in ms}) == 1:
        return "same"
    if all(a.overlaps(b) for i, a in enumerate(bands) for b in bands[i + 1:]):  # type: ignore[union-attr]
        return "rounding"
    return "differ"


def _describe(claims: Sequence[Claim]) -> str:
    return "、".join(f"{_mention(c).text}" for c in claims)


def _emit(ctx: DocContext, claims: Sequence[Claim], outcome: str, revision: bool) -> None:
    spans = [_mention(c).span for c in claims]
    what = claims[0].indicator or claims[0].indicator_id or "同一指标"
    args = dict(what=what, what_en=claims[0].indicator_id or what, values=_describe(claims))
    ids = [c.id for c in claims]
    if outcome == "same":
        ctx.add("cross_claim", "consistent", spans, msg.zh("cross_ok", **args), msg.en("cross_ok", **args), claims=ids)
    elif outcome == "rounding":
        ctx.add("cross_claim", "consistent_by_rounding_only", spans, msg.zh("cross_ok", **args),
                msg.en("cross_ok", **args), claims=ids)
    elif revision:
        ctx.add("cross_claim", "not_testable", spans, msg.zh("cross_revision", **args),
                msg.en("cross_revision", **args), claims=ids,
                reason="documents of different dates: a different value is probably a revision")
    elif outcome == "unit":
        ctx.add("cross_claim", "inconsistent", spans, msg.zh("cross_unit", **args), msg.en("cross_unit", **args),
                claims=ids, severity="warning", reason="different units")
    elif outcome == "differ":
        ctx.add("cross_claim", "inconsistent", spans, msg.zh("cross_bad", **args), msg.en("cross_bad", **args),
                claims=ids, severity="error")


def check_repeats(ctx: DocContext, claims: Iterable[Claim]) -> None:
    """Claims of one document stated more than once."""
    groups: dict[tuple, list[Claim]] = {}
    for c in claims:
        k = claim_key(c)
        if k is not None:
            groups.setdefault(k + (_basis(c),), []).append(c)
    original = getattr(ctx.nt, "original", "") or ""
    for members in groups.values():
        kept: list[Claim] = []
        for c in members:
            # in one sentence a period carried from the sentence often hides a finer one
            # (全年增长5.0%，其中一季度增长5.3%; 1—2月份同比…，2月份环比…): not the same claim
            if not any(_same_sentence(original, a, c) and "sentence" in (a.period_source, c.period_source)
                       for a in kept):
                kept.append(c)
        if len(kept) >= 2:
            _emit(ctx, kept, _judge(kept), revision=False)


_SENTENCE_END = regex.compile(r"[。！？!?\n]")


def _same_sentence(original: str, a: Claim, b: Claim) -> bool:
    lo, hi = sorted((_mention(a).end, _mention(b).start))
    return not original or not _SENTENCE_END.search(original, lo, hi)


_BASIS = regex.compile(r"环比|同比|比上月|比上季|比上年|比去年|较上年|年均|累计")


def _basis(c: Claim) -> str:
    """The comparison base written before the claim's main value (同比, 环比, 年均 …)."""
    m = _mention(c)
    head = c.span.text[: max(0, m.start - c.span.start)] if c.span is not None else ""
    found = _BASIS.findall(head[-20:])
    return found[-1] if found else ""


def check_across(ctxs: dict[str, DocContext], doc_claims: dict[str, list[Claim]],
                 dates: dict[str, str | None]) -> None:
    """Claims repeated across documents; different dates make a difference a revision."""
    groups: dict[tuple, list[Claim]] = {}
    for doc, claims in doc_claims.items():
        for c in claims:
            k = claim_key(c)
            if k is not None:
                groups.setdefault(k, []).append(c)
    for members in groups.values():
        docs = {c.doc for c in members}
        if len(docs) < 2:
            continue
        first = members[0].doc
        ctx = ctxs[first]
        doc_dates = {dates.get(d) for d in docs}
        revision = len(doc_dates) > 1 or None in doc_dates
        _emit(ctx, members, _judge(members), revision=revision)
