"""Repeated claims: the same indicator, subject and period stated more than once.

Within one document (or documents of the same date) the values must agree
within rounding and carry the same unit. Across documents of different dates
a different value is usually a revision (a new data vintage, e.g. after a
census): ``not_testable`` with that reason, never ``inconsistent``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence, Iterator

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
    indicator = c.indicator_id  # free-text indicators are too loose to identify a claim
    if role is None or not indicator or not c.period or c.period_source == "document":
        return None
    if c.attrs.get("group") is not None or c.value(role) is None:  # (the scan of the values last)
        return None
    return (indicator, c.subject, c.period, c.claim_type, role, tuple(sorted(c.qualifiers)))


def _mention(c: Claim) -> Mention:
    return c.value(MAIN_ROLE[c.claim_type])  # type: ignore[return-value]


def _judge(claims: Sequence[Claim]) -> str:
    """How the main values of ``claims`` compare (see ``_judge_mentions``)."""
    return _judge_mentions([_mention(c) for c in claims])


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
            # two values of one sentence are two statements (全年增长5.0%，其中一季度增长5.3%;
            # 分别恢复到2019年的105%和98%), never one claim stated twice
            if not any(_same_sentence(original, a, c) for a in kept):
                kept.append(c)
        if len(kept) >= 2:
            _emit(ctx, kept, _judge(kept), revision=False)


_SENTENCE_END = regex.compile(r"[。！？!?\n]")
# flows: what a year adds (新增, 新建, 累计 …); a year's flow is part of the flow over the years around it
_AVERAGE = regex.compile(r"年均|平均|每年|人均")
_FLOW = regex.compile(r"新增|新建|新开工|净增|累计|新改建|新改扩建|完成投资|减税降费|脱贫|搬迁")


def check_flows(ctx: DocContext, claims: Iterable[Claim]) -> None:
    """A year's flow (城镇新增就业1351万人, 2017) is at most the flow of the span of years
    that contains it (五年城镇新增就业6600万人以上, 2013/2017): same indicator and subject."""
    from .arithmetic import operand_from_mention
    from .intervals import judge_at_most, sub

    spans: list[tuple[int, int, Claim]] = []
    years: list[tuple[int, Claim]] = []
    for c in claims:
        if c.claim_type not in ("level", "count") or not c.indicator_id or not c.period \
                or not _FLOW.search(c.indicator or "") or c.attrs.get("group") is not None:
            continue
        m = c.value("value")
        if m is None or not isinstance(m.value, Decimal) or m.value <= 0:
            continue
        a, _, b = c.period.partition("/")
        if a.isdigit() and b.isdigit() and int(a) < int(b):
            head = c.span.text[: max(0, m.start - c.span.start)] if c.span is not None else ""
            if not _AVERAGE.search(head[-8:]) and not _AVERAGE.search(c.indicator or ""):
                spans.append((int(a), int(b), c))  # 年均1270多万人 is a yearly average, not the total
        elif a.isdigit() and not b:
            years.append((int(a), c))
    for y, part_c in years:
        for a, b, whole_c in spans:
            if not (a <= y <= b) or part_c.indicator_id != whole_c.indicator_id or part_c.subject != whole_c.subject:
                continue
            part_m, whole_m = part_c.value("value"), whole_c.value("value")
            if part_m.unit != whole_m.unit:  # type: ignore[union-attr]
                continue
            part = operand_from_mention("part", part_m, part_c.id, "value")  # type: ignore[arg-type]
            whole = operand_from_mention("whole", whole_m, whole_c.id, "value")  # type: ignore[arg-type]
            if part is None or whole is None:
                continue
            verdict = judge_at_most(part.band, whole.band, approx=bool(part.approx or whole.approx))
            share = (part.band.point / whole.band.point * 100).quantize(Decimal("0.1"))
            args = dict(part=f"{part.text}（{y}）", whole=f"{whole.text}（{a}—{b}）", share=share)
            key = "pow_bad" if verdict == "inconsistent" else "pow_ok"
            ctx.add("part_of_whole", verdict, [whole.span, part.span], msg.zh(key, **args), msg.en(key, **args),
                    formula="whole-part", inputs=[part.formula_input(), whole.formula_input()], stated=None,
                    tolerance="whole-part >= 0", computed=sub(whole.band, part.band),
                    places=max(part.places, whole.places), claims=[part_c.id, whole_c.id])
            break


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
    """Claims repeated across documents; different dates make a difference a revision.

    Besides whole claims, the two ends of 从A增加到B changes (and of CAGR claims with
    levels) are facts of their own years, so the end level of one report (2017) meets
    the start level of the next report's five-year review (2017).
    """
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
        outcome = _judge(members)
        if not revision and outcome in ("differ", "unit") and any(c.subject is None for c in members):
            _no_owner(ctx, [_mention(c).span for c in members], members[0].indicator or "同一指标",
                      members[0].indicator_id, _describe(members), [c.id for c in members])
            continue
        _emit(ctx, members, outcome, revision=revision)
    _across_facts(ctxs, doc_claims, dates)
    _across_deltas(ctxs, doc_claims)
    check_rate_chains(ctxs.__getitem__, [c for cs in doc_claims.values() for c in cs], across=True)


@dataclass(slots=True)
class Fact:
    """One figure of one indicator at one period, taken from a claim (a level or an end of a change)."""

    claim: Claim
    role: str
    period: str
    mention: Mention
    name: str = ""  # the indicator phrase without its verb, computed once

    def __post_init__(self) -> None:
        if not self.name:
            self.name = indicator_name(self.claim.indicator or "")


_CHANGE_WORDS = regex.compile(r"(?:年均)?(?:增加|增长|提高|上升|下降|减少|降低|扩大|达到|达|为)+$")


def indicator_name(text: str) -> str:
    """An indicator phrase without the verb written after it (高速铁路运营里程增加 → 高速铁路运营里程)."""
    return _CHANGE_WORDS.sub("", text.strip())


def facts_of(c: Claim) -> list[Fact]:
    """The dated figures a claim states: its main value, or both ends of a change."""
    if c.attrs.get("group") is not None:
        return []
    out: list[Fact] = []
    start_year, end_year = c.attrs.get("start_year"), c.attrs.get("end_year")
    if c.claim_type in ("change", "cagr") and isinstance(start_year, int) and isinstance(end_year, int):
        for role, year in (("start", start_year), ("end", end_year)):
            m = c.value(role)
            if m is not None and isinstance(m.value, Decimal):
                out.append(Fact(c, role, str(year), m))
    elif c.claim_type in ("level", "count") and c.period and "/" not in c.period:
        m = c.value("value")
        if m is not None and isinstance(m.value, Decimal) and not c.qualifiers:
            out.append(Fact(c, "value", c.period, m))
    return out


def _same_indicator(a: Fact, b: Fact) -> str | None:
    """"strict" for one indicator id or one name, "loose" for names sharing a long ending, else None."""
    if a.claim.indicator_id and a.claim.indicator_id == b.claim.indicator_id and a.name and b.name and (
            a.name.endswith(b.name) or b.name.endswith(a.name)):
        return "strict"  # 城镇化率 and 常住人口城镇化率 under one indicator id
    if a.name and a.name == b.name and len(a.name) >= 4:
        return "strict"
    n = 0
    for x, y in zip(reversed(a.name), reversed(b.name)):
        if x != y:
            break
        n += 1
    return "loose" if n >= 6 else None


def _across_facts(ctxs: dict[str, DocContext], doc_claims: dict[str, list[Claim]],
                  dates: dict[str, str | None]) -> None:
    """Dated figures of one indicator stated in two documents (ends of changes included)."""
    by_period: dict[tuple[str, str], list[Fact]] = {}
    for doc, claims in doc_claims.items():
        for c in claims:
            if c.claim_type in MAIN_ROLE and claim_key(c) is not None:
                continue  # already compared as a whole claim
            for f in facts_of(c):
                by_period.setdefault((f.period, f.mention.unit or ""), []).append(f)
    for facts in by_period.values():
        # pairs of one indicator in two documents, joined into groups (three reports stating one
        # figure give one finding, not three)
        parent = list(range(len(facts)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, j in _candidate_pairs(facts):
            a, b = facts[i], facts[j]
            if a.claim.doc == b.claim.doc:
                continue
            match = _same_indicator(a, b)
            if match is None:
                continue
            if a.claim.subject and b.claim.subject and a.claim.subject != b.claim.subject:
                continue  # two places (two provinces' communiqués of one day) are not one figure
            if match == "loose" and _judge_mentions([a.mention, b.mention]) != "same":
                continue  # names that only share an ending: a different value may be another indicator
            parent[find(j)] = find(i)
        groups: dict[int, list[Fact]] = {}
        for i, f in enumerate(facts):
            groups.setdefault(find(i), []).append(f)
        for members in groups.values():
            docs = {f.claim.doc for f in members}
            if len(docs) < 2:
                continue
            members.sort(key=lambda f: (dates.get(f.claim.doc) or "", f.claim.doc), reverse=True)
            doc_dates = {dates.get(d) for d in docs}
            revision = len(doc_dates) > 1 or None in doc_dates
            outcome = _judge_mentions([f.mention for f in members])
            if not revision and outcome in ("differ", "unit") and any(f.claim.subject is None for f in members):
                _no_owner(ctxs[members[0].claim.doc], [f.mention.span for f in members], members[0].name,
                          members[0].claim.indicator_id, "、".join(f.mention.text for f in members),
                          list(dict.fromkeys(f.claim.id for f in members)))
                continue
            _emit_facts(ctxs[members[0].claim.doc], members, outcome, revision)


def _candidate_pairs(facts: Sequence[Fact]) -> Iterator[tuple[int, int]]:
    """The index pairs ``_across_facts`` must compare, without comparing every pair of a corpus.

    Facts of one (subject, name, indicator id) class always match each other, so each class
    is joined through its first members in two documents, and only those stand in for the
    class when classes are compared — within buckets of a shared indicator id, name or 6-character name ending,
    the only ways two facts can match.  Pairs across classes whose names only share an
    ending ("loose") depend on the values, so all their members are compared.
    """
    classes: dict[tuple, list[int]] = {}
    for i, f in enumerate(facts):
        name = f.name
        if len(name) >= 4 or (name and f.claim.indicator_id):
            key: tuple = (f.claim.subject, name, f.claim.indicator_id)
        else:
            key = ("#", i)
        classes.setdefault(key, []).append(i)
    heads: list[int] = []
    reps: dict[int, list[int]] = {}
    for members in classes.values():
        first_of_doc: dict[str, int] = {}
        for i in members:
            first_of_doc.setdefault(facts[i].claim.doc, i)
        two = list(first_of_doc.values())[:2]  # members of two documents stand for the class
        heads.append(members[0])
        reps[members[0]] = two
        if len(two) == 2:
            for j in members:
                partner = two[1] if facts[j].claim.doc == facts[two[0]].claim.doc else two[0]
                if partner != j:
                    yield partner, j
    buckets: dict[tuple, list[int]] = {}
    for h in heads:
        f = facts[h]
        if f.claim.indicator_id:
            buckets.setdefault(("id", f.claim.indicator_id), []).append(h)
        if len(f.name) >= 4:
            buckets.setdefault(("name", f.name), []).append(h)
        if len(f.name) >= 6:
            buckets.setdefault(("tail", f.name[-6:]), []).append(h)
    member_of = {members[0]: members for members in classes.values()}
    seen: set[tuple[int, int]] = set()
    for bucket in buckets.values():
        for x, a in enumerate(bucket):
            for b in bucket[x + 1:]:
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                if _same_indicator(facts[a], facts[b]) == "loose":
                    for i in member_of[a]:
                        for j in member_of[b]:
                            yield i, j
                else:
                    for i in reps[a]:
                        for j in reps[b]:
                            yield i, j


def _across_deltas(ctxs: dict[str, DocContext], doc_claims: dict[str, list[Claim]]) -> None:
    """十年增加近70万亿元 (2012→2022) against the levels of 2012 and 2022, one of them stated
    in another document: the stated change against end − start."""
    from .arithmetic import _emit, operand_from_mention
    from .intervals import sub

    # facts by (period, unit) and indicator id or name: the only ways a fact can match strictly
    facts: dict[tuple, list[tuple[int, Fact]]] = {}
    n = 0
    for claims in doc_claims.values():
        for c in claims:
            for f in facts_of(c):
                n += 1
                unit = f.mention.unit
                if f.claim.indicator_id:
                    facts.setdefault((f.period, unit, "id", f.claim.indicator_id), []).append((n, f))
                if len(f.name) >= 4:
                    facts.setdefault((f.period, unit, "name", f.name), []).append((n, f))
    for doc, claims in doc_claims.items():
        for c in claims:
            delta = c.value("delta")
            if c.claim_type != "change" or delta is None or c.value("start") is not None or not c.period \
                    or "/" not in c.period or not isinstance(delta.value, Decimal):
                continue
            a, b = c.period.split("/", 1)
            probe = Fact(c, "delta", c.period, delta)
            ends = []
            for year in (a, b):
                found = dict(facts.get((year, delta.unit, "id", c.indicator_id), []) if c.indicator_id else [])
                found.update(facts.get((year, delta.unit, "name", probe.name), []))
                same = [f for _, f in sorted(found.items()) if _same_indicator(probe, f) == "strict"]
                ends.append(same[0] if len(same) == 1 else None)
            start, end = ends
            if start is None or end is None or doc not in (start.claim.doc, end.claim.doc) \
                    or start.claim.doc == end.claim.doc == doc:
                continue  # one document alone is the per-document checks' business
            ops = [operand_from_mention("delta", delta, c.id, "delta"),
                   operand_from_mention("start", start.mention, start.claim.id, start.role),
                   operand_from_mention("end", end.mention, end.claim.id, end.role)]
            if any(o is None for o in ops):
                continue
            d_op, s_op, e_op = ops
            decrease = delta.direction == "decrease"
            computed = sub(s_op.band, e_op.band) if decrease else sub(e_op.band, s_op.band)
            _emit(ctxs[doc], "difference", f"{probe.name}{a}—{b}年的增减量", "change between two documents' levels",
                  "start-end" if decrease else "end-start", computed, d_op, [s_op, e_op], claims=[c.id])


_AVERAGE_RATE = regex.compile(r"年均|年平均|平均每年|每年")
_STEADY = regex.compile(r"年均|每年|稳定在|保持在")


def _average_rates(claims: Iterable[Claim], steady: bool = False) -> list[tuple[int, int, Claim]]:
    """Average annual rates over a span of years: (start year, end year, claim)."""
    out = []
    for c in claims:
        if c.claim_type not in ("cagr", "growth") or c.value("rate") is None or not c.indicator_id \
                or c.attrs.get("group") is not None or not c.period or "/" not in c.period:
            continue
        a, b = c.period.split("/", 1)
        if not (a.isdigit() and b.isdigit() and int(a) < int(b)):
            continue
        words = (c.indicator or "") + (c.span.text if steady and c.span is not None else "")
        if c.claim_type == "cagr" or (_STEADY if steady else _AVERAGE_RATE).search(words):
            out.append((int(a), int(b), c))
    return out


def check_rate_chains(ctx_of, claims: Sequence[Claim], *, across: bool) -> None:
    """Average rates that chain (2012→2017 at r1, 2017→2022 at r2) against the rate of the whole
    span (2012→2022): ((1+r1)^(b−a)·(1+r2)^(c−b))^(1/(c−a)) − 1. ``across``: only chains that
    use more than one document (a single document's chains are checked per document)."""
    from .arithmetic import Operand, _emit, operand_from_mention
    from .intervals import exact, monotone

    legs = _average_rates(claims)
    longs = _average_rates(claims, steady=True)
    # index the legs so a corpus of many documents is not scanned pairwise for every whole span
    by_start: dict[tuple[int, str | None], list[tuple[int, int, Claim]]] = {}
    by_span: dict[tuple[int, int, str | None], list[tuple[int, int, Claim]]] = {}
    for leg in legs:
        by_start.setdefault((leg[0], leg[2].indicator_id), []).append(leg)
        by_span.setdefault((leg[0], leg[1], leg[2].indicator_id), []).append(leg)
    done: set[tuple] = set()
    for a, c, whole in longs:
        for a1, b1, first in by_start.get((a, whole.indicator_id), ()):
            if b1 >= c or first is whole:
                continue
            for a2, b2, second in by_span.get((b1, c, whole.indicator_id), ()):
                if second is whole:
                    continue
                key = (whole.indicator_id, whole.subject, a, b1, c, whole.value("rate").text,  # type: ignore[union-attr]
                       first.value("rate").text, second.value("rate").text)  # type: ignore[union-attr]
                if key in done:
                    continue  # the same three rates stated again elsewhere: one finding
                docs = {first.doc, second.doc, whole.doc}
                if across != (len(docs) > 1) or len({first.subject, second.subject, whole.subject}) > 1:
                    continue
                done.add(key)
                r1 = operand_from_mention("rate1", first.value("rate"), first.id, "rate")  # type: ignore[arg-type]
                r2 = operand_from_mention("rate2", second.value("rate"), second.id, "rate")  # type: ignore[arg-type]
                r = operand_from_mention("rate", whole.value("rate"), whole.id, "rate")  # type: ignore[arg-type]
                if r1 is None or r2 is None or r is None or r1.approx or r2.approx:
                    continue
                n1, n2 = Decimal(b1 - a1), Decimal(c - b1)
                sign1 = -1 if first.value("rate").direction == "decrease" else 1  # type: ignore[union-attr]
                sign2 = -1 if second.value("rate").direction == "decrease" else 1  # type: ignore[union-attr]

                def chain(x: Decimal, y: Decimal) -> Decimal:
                    g = (1 + sign1 * x / 100) ** n1 * (1 + sign2 * y / 100) ** n2
                    return (g ** (1 / (n1 + n2)) - 1) * 100
                computed = monotone(chain, [r1.band, r2.band], [sign1 > 0, sign2 > 0])
                years = [Operand("start_year", exact(a), str(a), r1.span, 0, role="start_year"),
                         Operand("mid_year", exact(b1), str(b1), r2.span, 0, role="mid_year"),
                         Operand("end_year", exact(c), str(c), r.span, 0, role="end_year")]
                formula = (f"(((1{'+' if sign1 > 0 else '-'}rate1/100)^(mid_year-start_year)*"
                           f"(1{'+' if sign2 > 0 else '-'}rate2/100)^(end_year-mid_year))"
                           "^(1/(end_year-start_year))-1)*100")
                _emit(ctx_of(whole.doc), "cagr", f"{whole.indicator or whole.indicator_id}{a}—{c}年的平均增速（分段复合）",
                      "average rate of the whole span from the rates of its parts", formula, computed, r,
                      [r1, r2, *years], claims=[first.id, second.id, whole.id])


def _no_owner(ctx: DocContext, spans, what: str, what_en: str | None, values: str, ids: list[str]) -> None:
    """Documents of one date differ on a figure whose owner (place, body) neither names."""
    args = dict(what=what, what_en=what_en or what, values=values)
    ctx.add("cross_claim", "not_testable", spans, msg.zh("cross_owner", **args), msg.en("cross_owner", **args),
            claims=ids, reason="the documents do not name whose figure it is")


def _judge_mentions(ms: Sequence[Mention]) -> str:
    """"unit" (units differ), "skip" (no band), "same", "rounding" (bands overlap) or "differ"."""
    if len({m.unit for m in ms}) > 1:
        return "unit"
    bands = [from_mention(m) for m in ms]
    if any(x is None for x in bands):
        return "skip"
    if len({m.value for m in ms}) == 1:
        return "same"
    if all(a.overlaps(b) for i, a in enumerate(bands) for b in bands[i + 1:]):  # type: ignore[union-attr]
        return "rounding"
    return "differ"


def _emit_facts(ctx: DocContext, facts: Sequence[Fact], outcome: str, revision: bool) -> None:
    spans = [f.mention.span for f in facts]
    what = facts[0].name or "同一指标"
    values = "、".join(f"{f.mention.text}（{f.claim.doc.rsplit('/', 1)[-1]}，{f.period}）" for f in facts)
    args = dict(what=what, what_en=facts[0].claim.indicator_id or what, values=values)
    ids = list(dict.fromkeys(f.claim.id for f in facts))
    if outcome in ("same", "rounding"):
        verdict = "consistent" if outcome == "same" else "consistent_by_rounding_only"
        ctx.add("cross_claim", verdict, spans, msg.zh("cross_ok", **args), msg.en("cross_ok", **args), claims=ids)
    elif revision and outcome in ("differ", "unit"):
        ctx.add("cross_claim", "not_testable", spans, msg.zh("cross_revision", **args),
                msg.en("cross_revision", **args), claims=ids,
                reason="documents of different dates: a different value is probably a revision")
    elif outcome == "differ":
        ctx.add("cross_claim", "inconsistent", spans, msg.zh("cross_bad", **args), msg.en("cross_bad", **args),
                claims=ids, severity="error")
    elif outcome == "unit":
        ctx.add("cross_claim", "inconsistent", spans, msg.zh("cross_unit", **args), msg.en("cross_unit", **args),
                claims=ids, severity="warning", reason="different units")


def takes_part_across(c: Claim) -> bool:
    """Whether any cross-document check reads ``c``: a run keeps only these claims for them.

    The tests mirror :func:`check_across`: whole claims with a key (``check_repeats``),
    dated facts (``_across_facts``, and the ends ``_across_deltas`` looks up), changes
    over a span of years (``_across_deltas``) and average rates over a span of years
    (``check_rate_chains``).
    """
    if claim_key(c) is not None or facts_of(c):
        return True
    span_of_years = bool(c.period) and "/" in c.period  # type: ignore[operator]
    if c.claim_type == "change":
        return span_of_years and c.value("delta") is not None
    return (c.claim_type in ("cagr", "growth") and span_of_years and bool(c.indicator_id)
            and c.value("rate") is not None)
