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


def test_guard_checks_what_follows_the_first_mention():
    words = {"be": ["达到", "为"]}
    guard = leading_slot_guard("{indicator}(?:{be})?{number:end}[，,、]?(?:较|比){number:start}", words)
    assert "较" in guard and "[，,、]?" in guard
    # a quantified mention slot is not followed further
    assert "较" not in leading_slot_guard("{indicator}{number}+(?:较|比)", words)
    # a following slot's brace is not a quantifier: the text slot is followed as its plain run
    assert "中的" in leading_slot_guard("{subject}?{count:whole}{indicator}(?:中的|中){count:part}", words)


def test_required_marks():
    from extractor.model import QUANTITY_KINDS
    from extractor.rules import required_marks

    number = frozenset(QUANTITY_KINDS)
    assert required_marks("{indicator}{number:end}较{number:start}{percent:rate}") == (
        (number, 3), (frozenset({"percent"}), 1))
    assert required_marks("{count:whole}{indicator}中{count:part}") == ((frozenset({"count"}), 2),)
    # optional slots, slots inside groups and templates with a top-level | require nothing
    assert required_marks("{number}?(?:{percent})?(?:比{number})*") == ()
    assert required_marks("{percent}|{amount}") == ()
    assert required_marks("(?:a|b){percent}[{]") == ((frozenset({"percent"}), 1),)


def test_required_marks_and_prefilters_hold_for_every_match_of_the_shipped_pack():
    from extractor.rules import CHAR_KIND

    pack = default_rules()
    sentences = _marked_sentences()
    checked = 0
    for p in pack.patterns:
        for s in sentences:
            for m in p.regex.finditer(s):
                kinds = [CHAR_KIND[c] for c in m.group() if c in CHAR_KIND]
                for want, n in p.required:
                    assert sum(k in want for k in kinds) >= n, (p.id, s)
                if p.prefilter is not None:
                    assert p.prefilter.search(s), (p.id, s)
                checked += 1
    assert checked > 0
    assert any(p.prefilter is not None for p in pack.patterns)
