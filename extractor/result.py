"""The one canonical result of a run, which every renderer reads.

Like Great Expectations' validation result: the checks produce this object
once; the JSON report, the Excel workbook, the HTML fact sheet, JUnit, SARIF
and Markdown are all views of it.  ``Result.to_dict()`` is the JSON document
written by ``factsheet check --format json``; ``Result.from_dict`` reads it back.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Sequence

from .model import (FLAG_VERDICTS, json_number, QUANTITY_KINDS, VERDICTS, Claim, DocumentInfo, Finding,
                    FormulaInput, InputError, Interval, Mention, Span)

SCHEMA_VERSION = "1"


@dataclass(slots=True)
class Result:
    """Documents, mentions, claims, findings and errors of one run.

    The ``*_list`` fields hold the records; ``.mentions``, ``.claims`` and
    ``.findings`` are pandas DataFrame views of them (the documented API).
    After a run, ``mention_list``, ``claim_list`` and ``finding_list`` are read-only sequences
    (:class:`extractor.spill.RecordView`) that a large run keeps on disk; each
    pass over them reads them again, so code that needs them often should take
    one pass.
    """

    documents: list[DocumentInfo]
    mention_list: Sequence[Mention]
    claim_list: Sequence[Claim]
    finding_list: Sequence[Finding]
    errors: list[InputError] = field(default_factory=list)
    rule_packs: list[dict] = field(default_factory=list)
    created: str = ""
    tool_version: str = ""

    @classmethod
    def build(cls, documents: list[DocumentInfo], store, errors: list[InputError], pack=None) -> "Result":
        """Assemble a result from the documents' info and a :class:`extractor.spill.RecordStore`."""
        from . import __version__

        return cls(
            documents=documents,
            mention_list=store.view(0),
            claim_list=store.view(1),
            finding_list=store.view(2),
            errors=errors,
            rule_packs=list(getattr(pack, "packs", []) or []),
            created=_dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
            tool_version=__version__,
        )

    # ----- summary and exit code -------------------------------------------------
    def summary(self) -> dict:
        """Counts for the report header (documents, quantities, claims, verdicts, coverage)."""
        verdicts = Counter(f.verdict for f in self.finding_list)
        checked = {cid for f in self.finding_list for cid in f.claims}
        numeric = covered = 0
        for c in self.claim_list:  # one pass each: after a large run they are read back from disk
            if any(v.mention.kind in QUANTITY_KINDS for v in c.values):
                numeric += 1
                covered += c.id in checked
        quantities = sum(1 for m in self.mention_list if m.kind in QUANTITY_KINDS)
        return {
            "documents": len(self.documents),
            "quantities": quantities,
            "times": len(self.mention_list) - quantities,
            "claims": len(self.claim_list),
            "relations_checked": len(self.finding_list),
            "verdicts": {v: verdicts.get(v, 0) for v in VERDICTS},
            "coverage": round(covered / numeric, 4) if numeric else None,
            "errors": len(self.errors),
            "warnings": sum(1 for f in self.finding_list if f.severity == "warning"
                            and f.verdict not in ("consistent", "consistent_by_rounding_only")),
        }

    def exit_code(self, fail_on: str = "error") -> int:
        """The exit code CI gates on.

        2 when an input or rule file could not be used; else 1 when a finding is
        inconsistent with severity ``error`` (with ``fail_on='warning'`` also
        severity ``warning``: skipped ordinals, miscounted lists …); else 0.
        """
        if self.errors:
            return 2
        failing = {"error"} if fail_on == "error" else {"error", "warning"}
        if any(f.verdict in FLAG_VERDICTS and f.severity in failing for f in self.finding_list):
            return 1
        return 0

    # ----- serialisation -----------------------------------------------------------
    def to_dict(self) -> dict:
        """The canonical JSON document (``report.json``)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "factsheet", "version": self.tool_version},
            "created": self.created,
            "summary": self.summary(),
            "documents": [d.to_dict() for d in self.documents],
            "rule_packs": self.rule_packs,
            "errors": [e.to_dict() for e in self.errors],
            "findings": [f.to_dict() for f in self.finding_list],
            "claims": [c.to_dict() for c in self.claim_list],
            "mentions": [m.to_record() for m in self.mention_list],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Result":
        """Read a canonical JSON document back into a Result."""
        def finding(fd: dict) -> Finding:
            comp = fd.get("computed")
            from decimal import Decimal
            interval = None
            if comp:
                interval = Interval(None if comp.get("low") is None else Decimal(str(comp["low"])),
                                    None if comp.get("high") is None else Decimal(str(comp["high"])))
            return Finding(
                id=fd["id"], check=fd["check"], verdict=fd["verdict"], severity=fd.get("severity", "error"),
                message=fd.get("message", ""), doc=fd.get("doc", ""),
                spans=[Span.from_dict(s) for s in fd.get("spans", [])], formula=fd.get("formula"),
                inputs=[FormulaInput(i["name"], i["value_text"], i.get("claim_id"), i.get("role"),
                                     Span.from_dict(i["span"]) if i.get("span") else None)
                        for i in fd.get("inputs", [])],
                stated=fd.get("stated"), computed=interval, computed_point=fd.get("computed_point"),
                tolerance=fd.get("tolerance"), claims=list(fd.get("claims", [])), reason=fd.get("reason"),
                message_en=fd.get("message_en"), also=list(fd.get("also", [])),
            )
        return cls(
            documents=[DocumentInfo(**x) for x in d.get("documents", [])],
            mention_list=[Mention.from_record(m) for m in d.get("mentions", [])],
            claim_list=[Claim.from_dict(c) for c in d.get("claims", [])],
            finding_list=[finding(f) for f in d.get("findings", [])],
            errors=[InputError(**e) for e in d.get("errors", [])],
            rule_packs=d.get("rule_packs", []),
            created=d.get("created", ""),
            tool_version=d.get("tool", {}).get("version", ""),
        )

    # ----- pandas views ----------------------------------------------------------------
    @property
    def mentions(self):
        """Mentions as a pandas DataFrame (one row per mention)."""
        return _frame([m.to_record() for m in self.mention_list])

    @property
    def claims(self):
        """Claims as a pandas DataFrame (one row per claim value)."""
        import pandas as pd

        rows: list[dict[str, Any]] = []
        for c in self.claim_list:
            for cv in c.values:
                m = cv.mention
                rows.append({
                    "claim_id": c.id, "doc": c.doc, "claim_type": c.claim_type, "rule": c.rule,
                    "indicator": c.indicator, "indicator_id": c.indicator_id, "subject": c.subject,
                    "period": c.period, "qualifiers": ",".join(c.qualifiers), "role": cv.role,
                    "text": m.text, "value_text": m.value_text, "value": json_number(m.value),
                    "unit": m.unit, "base_value": json_number(m.base_value), "base_unit": m.base_unit,
                    "kind": m.kind, "start": m.start, "end": m.end, "line": m.line, "col": m.col,
                })
        return _frame(rows)

    @property
    def findings(self):
        """Findings as a pandas DataFrame (one row per finding)."""
        import pandas as pd

        return pd.DataFrame([{**f.to_dict(), "spans": len(f.spans)} for f in self.finding_list])

    def to_excel(self, path) -> None:
        """Write the auditable Excel workbook."""
        from .render.excel import write_workbook

        write_workbook(self, path)

    def to_html(self, path, lang: str = "zh") -> None:
        """Write the self-contained HTML fact sheet."""
        from .render.html import write_html

        write_html(self, path, lang=lang)


_EXACT_COLUMNS = ("value", "base_value")


def _frame(rows: list[dict]):
    """A DataFrame whose value columns keep each number as written (8.0 stays 8.0, 41 stays 41)."""
    import pandas as pd

    df = pd.DataFrame(rows)
    for col in _EXACT_COLUMNS:
        if col in df.columns:
            df[col] = pd.Series([r.get(col) for r in rows], dtype=object, index=df.index)
    return df
