"""JUnit XML: one testsuite per document, one testcase per finding.

The layout CI tools read (Jenkins, GitLab, GitHub test reporters): a
``<testsuites>`` root with totals, a ``<testsuite>`` per document with
``tests/failures/errors/skipped`` counts, and a ``<testcase>`` per finding named
by its stable id.  Inconsistent findings carry a ``<failure>`` with the evidence;
not-testable ones are ``<skipped>``; input errors are ``<error>`` cases in a
suite of their own.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..atomic import atomic_write
from ..model import Finding
from .common import doc_paths, finding_message, is_flagged, primary_span

# characters XML 1.0 does not allow (documents may hold control characters)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: object) -> str:
    return _XML_ILLEGAL.sub("", "" if text is None else str(text))


def evidence(f: Finding, lang: str = "zh") -> str:
    """The evidence text of a finding: message, formula, stated vs computed, and its spans."""
    lines = [finding_message(f, lang)]
    if f.formula:
        lines.append(f"formula: {f.formula}")
        for i in f.inputs:
            lines.append(f"  {i.name} = {i.value_text}" + (f"  ({i.claim_id} {i.role})" if i.claim_id else ""))
    if f.stated is not None:
        lines.append(f"stated: {f.stated}")
    if f.computed_point is not None:
        lines.append(f"computed: {f.computed_point}")
    if f.computed is not None:
        lines.append(f"computed range: [{f.computed.low}, {f.computed.high}]")
    if f.tolerance:
        lines.append(f"tolerance: {f.tolerance}")
    if f.reason:
        lines.append(f"reason: {f.reason}")
    for s in sorted(f.spans, key=lambda s: s.start):
        lines.append(f"{s.doc}:{s.line}:{s.col}: {s.text}")
    return "\n".join(lines)


def build_junit(result, lang: str = "zh") -> ET.Element:
    """The ``<testsuites>`` element for ``result``."""
    paths = doc_paths(result)
    by_doc: dict[str, list[Finding]] = {d.doc: [] for d in result.documents}
    for f in result.finding_list:
        by_doc.setdefault(f.doc, []).append(f)
    root = ET.Element("testsuites", name="factsheet")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite_id, (doc, findings) in enumerate(by_doc.items()):
        suite = ET.SubElement(root, "testsuite", name=_x(doc), id=str(suite_id), time="0")
        if result.created:
            suite.set("timestamp", _x(result.created.replace("+00:00", "")))
        props = ET.SubElement(suite, "properties")
        info = next((d for d in result.documents if d.doc == doc), None)
        if info is not None:
            ET.SubElement(props, "property", name="path", value=_x(paths.get(doc, info.path)))
            ET.SubElement(props, "property", name="sha256", value=info.sha256)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for f in findings:
            span = primary_span(f)
            case = ET.SubElement(suite, "testcase", name=_x(f.id), classname=_x(f"factsheet.{f.check}"),
                                 file=_x(paths.get(f.doc, f.doc)), time="0")
            if span is not None:
                case.set("line", str(span.line))
            counts["tests"] += 1
            if is_flagged(f):
                counts["failures"] += 1
                fail = ET.SubElement(case, "failure", message=_x(finding_message(f, lang)), type=_x(f.verdict))
                fail.text = _x(evidence(f, lang))
            elif f.verdict == "not_testable":
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=_x(f.reason or finding_message(f, lang)))
            else:
                out = ET.SubElement(case, "system-out")
                out.text = _x(evidence(f, lang))
        if not len(props):
            suite.remove(props)
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
    if result.errors:
        suite = ET.SubElement(root, "testsuite", name="input-errors", id=str(len(by_doc)), time="0",
                              tests=str(len(result.errors)), failures="0", errors=str(len(result.errors)),
                              skipped="0")
        for e in result.errors:
            case = ET.SubElement(suite, "testcase", name=_x(f"{e.kind}:{e.path}"), classname="factsheet.input",
                                 file=_x(e.path), time="0")
            if e.line is not None:
                case.set("line", str(e.line))
            err = ET.SubElement(case, "error", message=_x(e.message), type=_x(e.kind))
            err.text = _x(str(e))
        totals["tests"] += len(result.errors)
        totals["errors"] += len(result.errors)
    for k, v in totals.items():
        root.set(k, str(v))
    root.set("time", "0")
    return root


def render_junit(result, lang: str = "zh") -> str:
    """The JUnit XML document as text."""
    root = build_junit(result, lang)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_junit(result, path, lang: str = "zh") -> Path:
    """Write ``report.junit.xml`` atomically; return the path."""
    target = Path(path)
    with atomic_write(target) as fh:
        fh.write(render_junit(result, lang))
    return target
