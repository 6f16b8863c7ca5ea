"""Stage 5: the consistency engine.

``check_document`` runs the per-document checks: text structure (ordinals,
一方面 pairs, enumeration and character counts, 分别 lists), the checks
triggered by the binder's claims, sentence-level arithmetic on the figures of
a clause (for relations no claim covers), rule-declared checks and repeated
claims. ``check_corpus`` runs the cross-document ones. Every finding has one
of five verdicts: consistent, consistent_by_rounding_only, inconsistent,
inconsistent_decision, not_testable.

Severity: inconsistent arithmetic is an ``error``; structure problems
(a skipped ordinal, a repeated 一方面, a count that does not match its list)
are ``inconsistent`` with severity ``warning``; everything else is ``info``.
"""
from __future__ import annotations

from ..model import Finding
from .base import DocContext
from .intervals import about_tolerance


def check_document(nt, doc_result, pack) -> list[Finding]:
    """Findings of the per-document checks for one analysed document."""
    from .claims import check_claims, emit_pending
    from .crossclaim import check_flows, check_rate_chains, check_repeats
    from .declared import check_declared
    from .sentences import check_sentences
    from .structure import check_structure
    from .threshold import check_thresholds

    info = getattr(doc_result, "info", None)
    doc = info.doc if info is not None else ""
    claims = list(getattr(doc_result, "claims", None) or [])
    ctx = DocContext(nt=nt, doc=doc, date=getattr(info, "date", None))
    covered: set[tuple[int, int]] = set()
    # the tolerance of 左右/约 figures: ``about_tolerance`` of the rule pack (a fraction), else ±5 %
    with about_tolerance(getattr(pack, "about_tolerance", None)):
        pending = check_claims(ctx, claims, covered)
        check_structure(ctx, covered)
        emit_pending(ctx, pending)
        check_sentences(ctx, covered)
        check_declared(ctx, pack, claims)
        check_repeats(ctx, claims)
        check_flows(ctx, claims)
        check_rate_chains(lambda _doc: ctx, claims, across=False)
        check_thresholds(ctx, claims)
    _link_claims(ctx.findings, claims)
    return merge_duplicates(ctx.findings, _declared_ids(pack))


BUILT_IN_CHECKS = frozenset({
    "cagr", "growth", "change_direction", "sum", "share", "part_of_whole", "pp_difference", "respectively",
    "enumeration_count", "ordinal_sequence", "discourse_pair", "char_count", "cross_claim", "time_range",
    "multiple", "difference", "weighted_average", "threshold"})
_FLAGGED = ("inconsistent", "inconsistent_decision")


def _declared_ids(pack) -> frozenset[str]:
    return frozenset(getattr(c, "id", "") for c in (getattr(pack, "checks", None) or ()))


def _figure_key(f: Finding) -> tuple:
    """The figures a finding tested: its short spans (a clause-long span is context, not a figure)."""
    return (f.doc, tuple(sorted({(s.doc, s.start, s.end) for s in f.spans if s.end - s.start <= 40})))


def merge_duplicates(findings: list[Finding], declared: frozenset[str] = frozenset()) -> list[Finding]:
    """One finding per relation: findings over exactly the same figures are merged.

    A rule-declared check (``gdp_sectors_sum``) is kept over the built-in one that
    tested the same figures (``sum``), unless only the built-in one found a problem;
    the dropped finding's id goes into the kept one's ``also``. Order is preserved.
    """
    kept: dict[tuple, Finding] = {}
    out: list[Finding] = []
    for f in findings:
        key = _figure_key(f)
        if not key[1]:
            out.append(f)
            continue
        first = kept.get(key)
        if first is None:
            kept[key] = f
            out.append(f)
            continue
        if _prefer(f, first, declared):
            out[out.index(first)] = f
            kept[key] = f
            f.also = list(dict.fromkeys([*f.also, first.id, *first.also]))
        else:
            first.also = list(dict.fromkeys([*first.also, f.id, *f.also]))
    return out


def _prefer(new: Finding, old: Finding, declared: frozenset[str]) -> bool:
    """True when ``new`` should stand for the relation instead of ``old``."""
    new_flag, old_flag = new.verdict in _FLAGGED, old.verdict in _FLAGGED
    if new_flag != old_flag:
        return new_flag  # never hide a problem behind a pass
    new_declared = new.check in declared or new.check not in BUILT_IN_CHECKS
    old_declared = old.check in declared or old.check not in BUILT_IN_CHECKS
    return new_declared and not old_declared


def _link_claims(findings: list[Finding], claims) -> None:
    """Tie findings read from the text to the claims whose figures they used.

    A finding's numeric span and a claim value's mention are the same figure when
    they overlap; the claim id goes into ``Finding.claims`` and the formula input.
    """
    import bisect

    index = sorted((cv.mention.start, cv.mention.end, c.id, cv.role) for c in claims for cv in c.values
                   if cv.mention.kind not in ("year", "year_range", "quarter", "month", "date"))
    starts = [t[0] for t in index]

    def hits(start: int, end: int):
        for k in range(bisect.bisect_left(starts, start - 40), len(index)):  # no copy of index[k:]
            s, e, cid, role = index[k]
            if s >= end:
                break
            if s < end and start < e:
                yield cid, role

    for f in findings:
        found = list(f.claims)
        for sp in f.spans:
            if sp.end - sp.start > 40:
                continue  # a clause, not a figure
            found.extend(cid for cid, _ in hits(sp.start, sp.end))
        f.claims = list(dict.fromkeys(found))
        for inp in f.inputs:
            if inp.claim_id is None and inp.span is not None:
                first = next(hits(inp.span.start, inp.span.end), None)
                if first:
                    inp.claim_id, inp.role = first[0], inp.role or first[1]


def check_corpus(doc_results, pack) -> list[Finding]:
    """Findings of the cross-document checks (claims repeated across documents).

    Documents with identical content (same SHA-256: reprints, copies) take part once.
    """
    from .crossclaim import check_across

    docs = []
    seen: set[str] = set()
    for d in doc_results:
        if not getattr(d, "claims", None):
            continue
        digest = getattr(d.info, "sha256", None)
        if digest and digest in seen:
            continue  # a reprint of a document already taken: it agrees with itself, nothing to compare
        if digest:
            seen.add(digest)
        docs.append(d)
    if len(docs) < 2:
        return []
    ctxs = {}
    for d in docs:
        ctxs[d.info.doc] = DocContext(nt=_LazyText(d), doc=d.info.doc, date=d.info.date)  # type: ignore[arg-type]
    check_across(ctxs, {d.info.doc: d.claims for d in docs}, {d.info.doc: d.info.date for d in docs})
    return [f for c in ctxs.values() for f in c.findings]


def corpus_view(doc_result):
    """A DocResult with only what :func:`check_corpus` reads: the info and the claims it compares.

    A run keeps these for the corpus-wide checks while the documents' full records
    go to the record store; the findings are the same as with every claim.
    """
    from ..pipeline import DocResult
    from .crossclaim import takes_part_across

    return DocResult(info=doc_result.info, claims=[c for c in doc_result.claims if takes_part_across(c)])


class _LazyText:
    """Stands in for a NormalisedText when only claim spans are used (cross-document findings)."""

    def __init__(self, doc_result):
        self.doc_result = doc_result
        self.original = ""
        self.text = ""

    def line_col(self, offset: int) -> tuple[int, int]:
        return 0, 0

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        return start, end
