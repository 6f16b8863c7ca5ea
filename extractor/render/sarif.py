"""SARIF 2.1.0: a rule per check type, a result per flagged finding, stable fingerprints.

Locations use 1-based lines and columns counted in Unicode code points
(``run.columnKind = "unicodeCodePoints"``); the end line and column are computed
from the span text, so a span ``2023\\n\\n年`` ends two lines below its start.
``partialFingerprints`` hash the check, the document name and the texts of the
spans — not their offsets — so a finding keeps its fingerprint when text
elsewhere in the document moves.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..atomic import atomic_write
from ..model import Finding, Span
from .common import (CONSISTENT_VERDICTS, doc_paths, finding_message, is_flagged, primary_span, span_end)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "factsheetFinding/v1"
SRCROOT = "%SRCROOT%"  # paths are relative to the folder the run started in (the repository root)

CHECK_DESCRIPTIONS = {
    "cagr": "A compound annual growth rate agrees with its start and end levels and years.",
    "growth": "A growth rate agrees with the levels it relates.",
    "change_direction": "The words (增长/下降) agree with the direction of the change.",
    "sum": "Parts add up to the stated total.",
    "share": "A share agrees with its part and whole.",
    "part_of_whole": "A part does not exceed its whole.",
    "pp_difference": "A percentage-point change agrees with the two rates.",
    "respectively": "A 分别 list pairs as many values as subjects.",
    "enumeration_count": "A counted list (三大…) lists as many items as it says.",
    "ordinal_sequence": "Ordinals (一是、二是…) run without gaps or repeats.",
    "discourse_pair": "Paired statements (首先…其次…) are complete.",
    "char_count": "A stated character count matches the quoted phrase.",
    "cross_claim": "Claims about the same indicator and period agree with each other.",
    "time_range": "A stated span of years agrees with its start and end years.",
    "multiple": "A multiple (增长N倍, 是…的N倍, 翻一番) agrees with its levels.",
}


def _camel(check: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in check.replace("-", "_").split("_") if p)


def fingerprint(f: Finding) -> str:
    """A stable hash of a finding: check, document and span texts in text order (no offsets)."""
    texts = [s.text for s in sorted(f.spans, key=lambda s: (s.start, s.end))]
    raw = "\x1f".join([f.check, f.doc, *texts]) if texts else "\x1f".join([f.check, f.doc, f.id])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def region(span: Span) -> dict:
    """A SARIF region for a span: start/end line and column (end column exclusive), offsets, snippet."""
    end_line, end_col = span_end(span)
    return {"startLine": max(1, span.line), "startColumn": max(1, span.col), "endLine": max(1, end_line),
            "endColumn": max(1, end_col), "charOffset": span.start, "charLength": max(0, span.end - span.start),
            "snippet": {"text": span.text}}


def _location(uri: str, span: Span, index: int | None, message: str | None = None, loc_id: int | None = None) -> dict:
    artifact = {"uri": uri, "uriBaseId": SRCROOT}
    if index is not None:
        artifact["index"] = index
    loc: dict = {"physicalLocation": {"artifactLocation": artifact, "region": region(span)}}
    if loc_id is not None:
        loc["id"] = loc_id
    if message:
        loc["message"] = {"text": message}
    return loc


def _level(f: Finding) -> str:
    return {"error": "error", "warning": "warning", "info": "note"}.get(f.severity, "warning")


def _kind_and_level(f: Finding) -> tuple[str, str]:
    if is_flagged(f):
        return "fail", _level(f)
    if f.verdict in CONSISTENT_VERDICTS:
        return "pass", "none"
    return "notApplicable", "none"


def build_sarif(result, lang: str = "zh", *, all_findings: bool = False) -> dict:
    """The SARIF log for ``result``.

    By default only flagged findings (inconsistent, inconsistent_decision) become
    results, so a code-scanning view shows what needs attention; with
    ``all_findings`` every finding is a result (kind pass / notApplicable / fail).
    """
    paths = doc_paths(result)
    artifacts = []
    art_index: dict[str, int] = {}
    for d in result.documents:
        art_index[d.doc] = len(artifacts)
        artifacts.append({"location": {"uri": paths[d.doc], "uriBaseId": SRCROOT},
                          "hashes": {"sha-256": d.sha256}, "length": -1, "encoding": d.encoding,
                          "mimeType": "text/plain", "roles": ["analysisTarget"]})
    checks = sorted({f.check for f in result.finding_list})
    rule_index = {c: i for i, c in enumerate(checks)}
    rules = [{
        "id": c, "name": _camel(c),
        "shortDescription": {"text": CHECK_DESCRIPTIONS.get(c, f"Consistency check '{c}'.")},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["consistency", "statistics"]},
    } for c in checks]
    results = []
    for f in result.finding_list:
        if not all_findings and not is_flagged(f):
            continue
        kind, level = _kind_and_level(f)
        uri = paths.get(f.doc, f.doc)
        span = primary_span(f)
        res: dict = {
            "ruleId": f.check, "ruleIndex": rule_index[f.check], "kind": kind, "level": level,
            "message": {"text": finding_message(f, lang) or f.check},
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f)},
            "properties": {"findingId": f.id, "verdict": f.verdict, "severity": f.severity,
                           "stated": f.stated, "computed": f.computed_point,
                           "computedLow": None if f.computed is None or f.computed.low is None else str(f.computed.low),
                           "computedHigh": None if f.computed is None or f.computed.high is None
                           else str(f.computed.high),
                           "tolerance": f.tolerance, "formula": f.formula, "claims": list(f.claims),
                           "reason": f.reason},
        }
        res["properties"] = {k: v for k, v in res["properties"].items() if v not in (None, [])}
        if span is not None:
            res["locations"] = [_location(uri, span, art_index.get(f.doc))]
            others = [s for s in sorted(f.spans, key=lambda s: s.start) if s is not span]
            if others:
                res["relatedLocations"] = [_location(paths.get(s.doc, s.doc), s, art_index.get(s.doc), s.text, i)
                                           for i, s in enumerate(others, 1)]
        results.append(res)
    notifications = [{
        "level": "error", "message": {"text": str(e)},
        "descriptor": {"id": f"input-{e.kind}"},
        **({"locations": [{"physicalLocation": {"artifactLocation": {"uri": Path(e.path).as_posix()},
                                                **({"region": {"startLine": e.line}} if e.line else {})}}]}
           if e.path else {}),
    } for e in result.errors]
    run = {
        "tool": {"driver": {"name": "factsheet", "version": result.tool_version or "0",
                            "semanticVersion": result.tool_version or "0.0.0",
                            "rules": rules}},
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not result.errors,
                         **({"toolExecutionNotifications": notifications} if notifications else {})}],
        "results": results,
        "properties": {"summary": result.summary()},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(result, lang: str = "zh", *, all_findings: bool = False) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(build_sarif(result, lang, all_findings=all_findings), ensure_ascii=False, indent=1) + "\n"


def write_sarif(result, path, lang: str = "zh") -> Path:
    """Write ``report.sarif`` atomically; return the path."""
    target = Path(path)
    with atomic_write(target) as fh:
        fh.write(render_sarif(result, lang))
    return target
