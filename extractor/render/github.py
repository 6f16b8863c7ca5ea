"""GitHub Actions workflow commands: one annotation line per finding that needs attention.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` for every
inconsistent finding (they fail the run, whatever their severity), ``::warning``
for other findings of severity warning that are not consistent (e.g. not testable).  Values are escaped as the Actions runner expects: in the
message ``%``, CR and LF; in properties also ``:`` and ``,``.
"""
from __future__ import annotations

from ..model import Finding
from .common import (doc_paths, finding_message, is_flagged, is_warning, primary_span, span_end,
                     verdict_label)


def escape_data(text: str) -> str:
    """Escape a workflow-command message (``%`` first, then CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value (as a message, plus ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_level(f: Finding) -> str | None:
    """``error``, ``warning`` or None (no annotation) for a finding."""
    if is_flagged(f):
        return "error"
    if is_warning(f):
        return "warning"
    return None


def annotation(f: Finding, path: str, lang: str = "zh") -> str | None:
    """The workflow command for one finding, or None when it needs no annotation."""
    level = annotation_level(f)
    if level is None:
        return None
    props = [("file", path)]
    span = primary_span(f)
    if span is not None:
        end_line, end_col = span_end(span)
        props += [("line", str(span.line)), ("col", str(span.col))]
        if end_line == span.line:
            props += [("endLine", str(end_line)), ("endColumn", str(end_col))]
        else:
            props += [("endLine", str(end_line))]
    props.append(("title", f"factsheet {f.check}: {verdict_label(f.verdict, lang)}"))
    message = finding_message(f, lang)
    if f.stated is not None and f.computed_point is not None:
        message += f" (stated {f.stated}, computed {f.computed_point})"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{level} {head}::{escape_data(message)}"


def annotations(result, lang: str = "zh") -> str:
    """One ``::error``/``::warning`` line per flagged finding or warning, and per input error."""
    paths = doc_paths(result)
    lines = []
    for e in result.errors:
        props = f"file={escape_property(e.path)}" + (f",line={e.line}" if e.line else "")
        lines.append(f"::error {props},title={escape_property('factsheet input error')}::{escape_data(e.message)}")
    for f in result.finding_list:
        line = annotation(f, paths.get(f.doc, f.doc), lang)
        if line is not None:
            lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "")
