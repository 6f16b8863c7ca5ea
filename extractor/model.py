"""The records every pipeline stage passes on.

One data model for the whole tool, in the spirit of spaCy's ``Doc``/``Span``:
offsets always point into the *original decoded text* of a document, whatever
normalisation happened in between.  Numbers are kept as ``Decimal`` together
with the string as written, never as bare floats.

Stages and the records they produce::

    load       -> Document
    normalise  -> NormalisedText (inside Document)
    recognise  -> Mention (quantity or time expression)
    bind       -> Claim (mentions with roles, indicator, subject, period)
    check      -> Finding (one verdict with its evidence)
    all        -> Result (the one canonical result every renderer reads)
"""
from __future__ import annotations

import json
import operator
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from typing import Any, Iterable

QUANTITY_KINDS = frozenset({
    "amount", "percent", "percentage_points", "permille", "count", "multiple",
    "ratio", "index", "duration", "age",
})
TIME_KINDS = frozenset({
    "year", "year_range", "quarter", "half_year", "month", "date",
    "plan_period", "decade", "century",
})

VERDICTS = (
    "consistent",
    "consistent_by_rounding_only",
    "inconsistent",
    "inconsistent_decision",
    "not_testable",
)
FLAG_VERDICTS = frozenset({"inconsistent", "inconsistent_decision"})


def json_number(value: Any) -> Any:
    """Turn Decimals (also inside lists/tuples) into JSON-safe numbers.

    Values written without decimals become ``int``; others become the float
    whose shortest repr equals the Decimal's text, so ``Decimal('0.7')`` is
    written ``0.7`` and ``Decimal('8.0')`` keeps its precision as ``8.0``.
    """
    if isinstance(value, Decimal):
        if value.as_tuple().exponent >= 0:
            return int(value)
        return float(value)
    if isinstance(value, (list, tuple)):
        return [json_number(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Span:
    """A slice of a document's original text (end exclusive, 1-based line/col)."""

    doc: str
    start: int
    end: int
    line: int
    col: int
    text: str

    def to_dict(self) -> dict:
        return {"doc": self.doc, "start": self.start, "end": self.end,
                "line": self.line, "col": self.col, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict) -> "Span":
        return cls(d["doc"], d["start"], d["end"], d.get("line", 0), d.get("col", 0), d.get("text", ""))

    def __reduce__(self):
        # a constructor call pickles about twice as fast as the dataclass default for a
        # frozen slots class; spans cross process boundaries by the thousand (--jobs, Dask)
        return (Span, (self.doc, self.start, self.end, self.line, self.col, self.text))


@dataclass(slots=True)
class Mention:
    """One quantity or time expression, located in the original text.

    ``value`` is a Decimal for single numbers, a tuple of Decimals for ranges
    and ratios, and an ISO-like string for times ("2023", "2024Q1",
    "2023/2027").  ``value_text`` is the number exactly as written.
    """

    doc: str
    start: int
    end: int
    line: int
    col: int
    text: str
    kind: str
    value: Any
    value_text: str = ""
    unit: str | None = None
    classifier: str | None = None
    scale_word: str | None = None
    base_value: Any = None
    base_unit: str | None = None
    approx: list[str] = field(default_factory=list)
    direction: str | None = None
    decimals: int | None = None
    # filled by the binder (issue 3); kept here so the JSON record is one flat row
    indicator: str | None = None
    indicator_id: str | None = None
    subject: str | None = None
    period: str | None = None
    claim_id: str | None = None
    claim_type: str | None = None
    role: str | None = None
    rule: str | None = None
    table: bool = False

    @property
    def is_time(self) -> bool:
        return self.kind in TIME_KINDS

    @property
    def span(self) -> Span:
        return Span(self.doc, self.start, self.end, self.line, self.col, self.text)

    def to_record(self) -> dict:
        """The JSON Lines record (the project's output contract)."""
        rec = {
            "doc": self.doc, "start": self.start, "end": self.end,
            "line": self.line, "col": self.col, "text": self.text,
            "kind": self.kind, "value": json_number(self.value),
            "value_text": self.value_text, "unit": self.unit,
            "classifier": self.classifier, "scale_word": self.scale_word,
            "base_value": json_number(self.base_value), "base_unit": self.base_unit,
            "approx": list(self.approx), "direction": self.direction,
            "indicator": self.indicator, "indicator_id": self.indicator_id,
            "subject": self.subject, "period": self.period,
            "claim_id": self.claim_id, "claim_type": self.claim_type,
            "role": self.role, "rule": self.rule,
        }
        if self.table:
            rec["table"] = True
        return rec

    @classmethod
    def from_record(cls, rec: dict) -> "Mention":
        """Rebuild a mention from its JSON record (values back to Decimal)."""
        def dec(v: Any) -> Any:
            if isinstance(v, bool) or v is None:
                return v
            if isinstance(v, (int, float)):
                return Decimal(str(v))
            if isinstance(v, list):
                return tuple(dec(x) for x in v)
            return v
        kw = {k: rec.get(k) for k in (
            "doc", "start", "end", "line", "col", "text", "kind", "unit",
            "classifier", "scale_word", "base_unit", "direction", "indicator",
            "indicator_id", "subject", "period", "claim_id", "claim_type", "role", "rule")}
        value = rec.get("value")
        kw["value"] = value if rec.get("kind") in TIME_KINDS else dec(value)
        kw["value_text"] = rec.get("value_text") or ""
        kw["base_value"] = dec(rec.get("base_value"))
        kw["approx"] = list(rec.get("approx") or [])
        kw["table"] = bool(rec.get("table"))
        return cls(**kw)


@dataclass(slots=True)
class ClaimValue:
    """One value of a claim with its role (start, end, rate, part, whole, value …)."""

    role: str
    mention: Mention


@dataclass(slots=True)
class Claim:
    """A statement about an indicator: one or more values with roles.

    ``period_source`` / ``subject_source`` say where the binding came from:
    ``clause``, ``sentence``, ``document`` or ``rule``.
    """

    id: str
    doc: str
    claim_type: str
    rule: str
    values: list[ClaimValue]
    span: Span
    indicator: str | None = None
    indicator_id: str | None = None
    subject: str | None = None
    subject_source: str | None = None
    period: str | None = None
    period_source: str | None = None
    qualifiers: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    nominal: bool | None = None
    attrs: dict = field(default_factory=dict)

    def value(self, role: str) -> Mention | None:
        """The first mention with ``role``, or None."""
        for cv in self.values:
            if cv.role == role:
                return cv.mention
        return None

    def to_dict(self) -> dict:
        return {
            "id": self.id, "doc": self.doc, "claim_type": self.claim_type,
            "rule": self.rule, "indicator": self.indicator,
            "indicator_id": self.indicator_id, "subject": self.subject,
            "subject_source": self.subject_source, "period": self.period,
            "period_source": self.period_source, "qualifiers": list(self.qualifiers),
            "checks": list(self.checks), "nominal": self.nominal,
            "span": self.span.to_dict(),
            "values": [{"role": cv.role, **cv.mention.to_record()} for cv in self.values],
            "attrs": self.attrs,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Claim":
        values = [ClaimValue(v["role"], Mention.from_record(v)) for v in d.get("values", [])]
        return cls(
            id=d["id"], doc=d["doc"], claim_type=d["claim_type"], rule=d["rule"],
            values=values, span=Span.from_dict(d["span"]), indicator=d.get("indicator"),
            indicator_id=d.get("indicator_id"), subject=d.get("subject"),
            subject_source=d.get("subject_source"), period=d.get("period"),
            period_source=d.get("period_source"), qualifiers=list(d.get("qualifiers") or []),
            checks=list(d.get("checks") or []), nominal=d.get("nominal"), attrs=d.get("attrs") or {},
        )


@dataclass(slots=True)
class Interval:
    """A closed interval of Decimals (low ≤ high); None means unbounded."""

    low: Decimal | None
    high: Decimal | None

    def to_dict(self) -> dict:
        return {"low": None if self.low is None else str(self.low),
                "high": None if self.high is None else str(self.high)}


@dataclass(slots=True)
class FormulaInput:
    """A named operand of a finding's formula, tied to the claim value it came from.

    The renderers use these to write live spreadsheet formulas: ``name`` is the
    variable used in ``Finding.formula``, ``value_text`` the number as written.
    """

    name: str
    value_text: str
    claim_id: str | None = None
    role: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "value_text": self.value_text, "claim_id": self.claim_id,
                "role": self.role, "span": None if self.span is None else self.span.to_dict()}


@dataclass(slots=True)
class Finding:
    """One verdict of one check, with everything needed to audit it.

    ``formula`` is an expression over ``inputs`` names using + - * / ^ ( ) and
    the functions SUM/ABS/MIN/MAX, so it reads the same in Python and Excel.
    """

    id: str
    check: str
    verdict: str
    severity: str
    message: str
    doc: str
    spans: list[Span]
    formula: str | None = None
    inputs: list[FormulaInput] = field(default_factory=list)
    stated: str | None = None
    computed: Interval | None = None
    computed_point: str | None = None
    tolerance: str | None = None
    claims: list[str] = field(default_factory=list)
    reason: str | None = None
    message_en: str | None = None
    # ids (and checks) of other findings that tested the same relation on the same figures
    also: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "check": self.check, "verdict": self.verdict,
            "severity": self.severity, "message": self.message,
            "message_en": self.message_en, "doc": self.doc,
            "formula": self.formula, "inputs": [i.to_dict() for i in self.inputs],
            "stated": self.stated,
            "computed": None if self.computed is None else self.computed.to_dict(),
            "computed_point": self.computed_point, "tolerance": self.tolerance,
            "claims": list(self.claims), "reason": self.reason,
            "spans": [s.to_dict() for s in self.spans], "also": list(self.also),
        }


@dataclass(slots=True)
class InputError:
    """A problem with an input file or rule file; the run goes on without it."""

    path: str
    message: str
    line: int | None = None
    key: str | None = None
    kind: str = "input"  # input | rule | timeout

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}{key}: {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class DocumentInfo:
    """What the reports say about one input document."""

    doc: str
    path: str
    sha256: str
    encoding: str
    chars: int
    lines: int
    date: str | None = None
    title: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _pickle_by_constructor(*classes: type) -> None:
    """Make instances of these slots dataclasses pickle as one constructor call.

    The default for a slots dataclass pickles a dict of slot values and sets them
    one by one on unpickling; a positional constructor call is several times cheaper
    to load.  Results cross process boundaries by the ten thousand (``--jobs``, Dask),
    and the parent unpickles all of them on one core.
    """
    for cls in classes:
        names = [f.name for f in fields(cls)]
        assert len(names) > 1, cls  # attrgetter of one name returns the value, not a tuple
        values = operator.attrgetter(*names)  # C code, returns a tuple

        def __reduce__(self, _values=values):
            return (type(self), _values(self))

        cls.__reduce__ = __reduce__


_pickle_by_constructor(Mention, ClaimValue, Claim, Interval, FormulaInput, Finding, InputError, DocumentInfo)


def write_jsonl(records: Iterable[dict], fh) -> int:
    """Write dict records as JSON Lines (UTF-8, no ASCII escaping); return the count."""
    n = 0
    for rec in records:
        fh.write(json.dumps(rec, ensure_ascii=False))
        fh.write("\n")
        n += 1
    return n


def jsonl_text(records: Iterable[dict]) -> str:
    """The JSON Lines text :func:`write_jsonl` writes for ``records``."""
    return "".join([json.dumps(rec, ensure_ascii=False) + "\n" for rec in records])
