"""Units as data: the lexicon of Chinese unit words and a pint registry.

``extractor/data/lexicon.toml`` maps unit words and classifiers (元, 亿元 is
元 after a scale word, 个百分点, 平方公里, 个, 家 …) to a canonical unit and a
mention kind; ``extractor/data/units.txt`` is a pint definitions file whose
base units give every quantity its ``base_value``/``base_unit``.  Currencies
are separate dimensions, so 美元 is never converted into 元.

pint is only consulted once per distinct unit (``base_factor`` is cached);
the recogniser's hot path works on plain dicts and Decimals.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LEXICON_PATH = DATA_DIR / "lexicon.toml"
PINT_DEFINITIONS = DATA_DIR / "units.txt"


@dataclass(frozen=True, slots=True)
class UnitWord:
    """What one unit word or classifier means."""

    word: str
    unit: str
    kind: str
    pint: str
    classifier: bool = False
    arabic_only: bool = False
    chinese_only: bool = False
    scaled_only: bool = False
    restricted: str | None = None
    approx: str | None = None
    factor: Decimal = Decimal(1)


def _unit_word(word: str, spec: dict) -> UnitWord:
    is_count = "unit" not in spec
    return UnitWord(
        word=word,
        unit=spec.get("unit", "count"),
        kind=spec.get("kind", "count"),
        pint=spec.get("pint", "count"),
        classifier=bool(spec.get("classifier", False)) if is_count else False,
        arabic_only=bool(spec.get("arabic_only", False)),
        chinese_only=bool(spec.get("chinese_only", False)),
        scaled_only=bool(spec.get("scaled_only", False)),
        restricted=spec.get("restricted"),
        approx=spec.get("approx"),
        factor=Decimal(spec.get("factor", "1")),
    )


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> dict[str, UnitWord]:
    """All unit words of the lexicon file, keyed by the word as written."""
    with open(path or LEXICON_PATH, "rb") as fh:
        data = tomllib.load(fh)
    out: dict[str, UnitWord] = {}
    for section in data.values():
        for word, spec in section.items():
            out[word] = _unit_word(word, spec)
    return out


def unit_alternation(words) -> str:
    """A regex alternation of unit words, longest first (so 个百分点 wins over 个)."""
    import regex

    return "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def registry():
    """The pint UnitRegistry built from ``data/units.txt`` (Decimal magnitudes)."""
    import pint

    ureg = pint.UnitRegistry(filename=None, non_int_type=Decimal, autoconvert_offset_to_baseunit=False)
    ureg.load_definitions(str(PINT_DEFINITIONS))
    return ureg


BASE_FACTOR_CACHE = DATA_DIR / "base_factors.json"


def _definitions_digest() -> str:
    import hashlib

    return hashlib.sha256(PINT_DEFINITIONS.read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _stored_factors() -> dict[str, tuple[Decimal, str]]:
    """Base factors computed by pint earlier and stored with the package (valid for this units.txt)."""
    import json

    try:
        data = json.loads(BASE_FACTOR_CACHE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("digest") != _definitions_digest():
        return {}
    return {k: (Decimal(f), u) for k, (f, u) in data.get("factors", {}).items()}


def pint_base_factor(pint_expr: str) -> tuple[Decimal, str]:
    """Ask pint: ``(factor, base_unit)`` with value × factor in the registry's base units."""
    ureg = registry()
    q = ureg.Quantity(Decimal(1), pint_expr).to_base_units()
    unit = format(q.units, "~C").replace("**", "") or "count"
    return Decimal(str(q.magnitude)).normalize(), unit


@lru_cache(maxsize=512)
def base_factor(pint_expr: str) -> tuple[Decimal, str]:
    """``(factor, base_unit)`` such that value × factor is the value in base units (cached).

    The factors come from pint; ``data/base_factors.json`` keeps them between runs so a
    process does not need to import pint unless it meets a unit not stored there.
    """
    stored = _stored_factors().get(pint_expr)
    if stored is not None:
        return stored
    return pint_base_factor(pint_expr)


def write_base_factor_cache(path: Path | None = None) -> int:
    """Recompute every lexicon unit's base factor with pint and store them; return the count."""
    import json

    exprs = sorted({uw.pint for uw in load_lexicon().values()} | {"count", "ratio", "index_point", "magnitude"})
    factors = {e: [str(f), u] for e in exprs for f, u in [pint_base_factor(e)]}
    rows = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in factors.items())
    (path or BASE_FACTOR_CACHE).write_text(
        f'{{"digest": "{_definitions_digest()}",\n "factors": {{\n{rows}\n }}}}\n', encoding="utf-8")
    _stored_factors.cache_clear()
    base_factor.cache_clear()
    return len(factors)


def to_base(value, pint_expr: str):
    """The value in the registry's base unit: ``(base_value, base_unit)``.

    Works on a Decimal or a tuple of Decimals (ranges, ratios).
    """
    factor, unit = base_factor(pint_expr)
    if isinstance(value, tuple):
        return tuple(v * factor for v in value), unit
    return value * factor, unit
