"""Stage 4: bind mentions into claims (development scaffold)."""
from __future__ import annotations


def bind_claims(nt, doc, mentions, pack, info=None):
    """Return ``(claims, errors)`` for one document."""
    return [], []
