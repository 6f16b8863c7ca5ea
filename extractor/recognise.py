"""Stage 3: recognise quantities and time expressions (development scaffold).

This first version only finds Arabic numbers; the full grammar replaces it.
"""
from __future__ import annotations

from decimal import Decimal

import regex

from .model import Mention
from .normalise import NormalisedText

_NUM = regex.compile(r"\d+(?:\.\d+)?")


def document_date(nt: NormalisedText) -> str | None:
    """The publication date of the document when it states one (scaffold: none)."""
    return None


def recognise(nt: NormalisedText, doc: str) -> list[Mention]:
    """Every quantity and time mention in ``nt``, sorted by start offset."""
    out = []
    for m in _NUM.finditer(nt.text):
        s, e = nt.span_to_original(*m.span())
        line, col = nt.line_col(s)
        out.append(Mention(doc, s, e, line, col, nt.original[s:e], "count", Decimal(m.group()),
                           m.group(), "count"))
    return out
