"""Stage 5: the consistency engine (development scaffold)."""
from __future__ import annotations


def check_document(nt, doc_result, pack):
    """Findings of the per-document checks."""
    return []


def check_corpus(doc_results, pack):
    """Findings of the cross-document checks."""
    return []
