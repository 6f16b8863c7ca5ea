"""The start-position guard of templates that begin with a text slot never changes a match."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extractor.clauses import locate_mentions, marked_text, split_sentences
from extractor.load import load_file
from extractor.normalise import normalise
from extractor.recognise import recognise
from extractor.rules import FILLER, KIND_CHAR, compile_template, default_rules, leading_slot_guard

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "heldout").glob("*.txt"))


def _marked_sentences() -> list[str]:
    out = []
    for path in TEXTS:
        source = load_file(path, path.name)
        nt = normalise(source.text)
        located = locate_mentions(nt, recognise(nt, source.doc))
        marked = marked_text(nt.text, located)
        out.extend(marked[s.start:s.end] for s in split_sentences(nt.text, located))
    return out


def _all_matches(rx, text: str) -> list:
    return [(m.span(), m.capturesdict()) for m in rx.finditer(text)]


def test_guard_shapes():
    words = {"be": ["达到", "为"], "sep": ["，"]}
    num = KIND_CHAR["amount"]
    assert leading_slot_guard("{indicator}(?:{be})?{number}", words).startswith("(?=")
    assert "从由" in leading_slot_guard("{indicator}(?:从|由){number}", words)
    assert "分" in leading_slot_guard("{items}?分别{number}", words)
    # shapes the guard does not understand get none
    assert leading_slot_guard("{indicator}(?:从|由)?{number}", words) == ""
    assert leading_slot_guard("{indicator}(?:{sep})?{number}", words) == ""  # ， is not clause text
    assert leading_slot_guard("{number}{indicator}", words) == ""
    assert leading_slot_guard("{indicator}[，,]{number}", words) == ""
    rx, _, _ = compile_template("{indicator}(?:{be})?{amount}", words)
    guarded = regex.compile(leading_slot_guard("{indicator}(?:{be})?{amount}", words) + rx)
    text = f"地区生产总值达到{num}{FILLER}，增长{num}"
    assert _all_matches(guarded, text) == _all_matches(regex.compile(rx), text)
    assert guarded.search("地区生产总值达到，增长") is None


def test_guard_keeps_every_match_of_the_shipped_pack():
    pack = default_rules()
    guarded = [p for p in pack.patterns if leading_slot_guard(p.source, pack.words)]
    assert len(guarded) >= 3
    sentences = _marked_sentences()
    found = 0
    for p in guarded:
        assert p.regex.pattern.startswith("(?=")
        plain = regex.compile(compile_template(p.source, pack.words)[0])
        for s in sentences:
            expected = _all_matches(plain, s)
            found += len(expected)
            assert _all_matches(p.regex, s) == expected, (p.id, s)
    assert found > 0
