"""Rule loader and validator: the shipped pack, broken rule files, layering, slot compilation."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import regex

from extractor.rules import (FILLER, KIND_CHAR, backtracking_risk, check_rule_paths, compile_template,
                             default_rules, derive_keywords, describe, load_rules)


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return p


def test_shipped_pack_loads_cleanly():
    pack = load_rules()
    assert pack.errors == []
    assert {"gdp", "retail_sales", "rd_intensity", "cpi"} <= set(pack.indicators)
    ids = [p.id for p in pack.patterns]
    assert "cagr.from_to_rate" in ids and len(ids) == len(set(ids))
    # patterns come in priority order
    assert [p.priority for p in pack.patterns] == sorted((p.priority for p in pack.patterns), reverse=True)
    assert pack.checks and all(c.file.endswith("checks.toml") and c.line for c in pack.checks)
    assert pack.packs[0]["name"] == "zh-stats-core" and len(pack.packs[0]["sha256"]) == 64
    assert default_rules() is default_rules()


def test_declared_check_structure():
    checks = {c.id: c for c in load_rules().checks}
    c = checks["gdp_sectors_sum"]
    assert c.type == "sum"
    assert c.fields["total"] == "gdp"
    assert c.fields["parts"] == ["gdp_primary", "gdp_secondary", "gdp_tertiary"]
    assert c.fields["severity"] == "error"


def test_every_error_names_file_line_and_key(tmp_path):
    bad = write(tmp_path, "bad.toml", """
        [[indicator]]
        id = "gdp"
        name = "地区生产总值"
        colour = "blue"

        [[indicator]]
        id = "gdp"
        name = "again"

        [[pattern]]
        id = "p.no_type"
        pattern = "{percent:rate}"

        [[pattern]]
        id = "p.undefined_slot"
        type = "growth"
        pattern = "{indicator}增长{percentt:rate}"

        [[pattern]]
        id = "p.bad_regex"
        type = "growth"
        pattern = "增长(?:{percent:rate}"

        [[pattern]]
        id = "p.catastrophic"
        type = "level"
        pattern = "(?:长+)+{percent:value}"

        [[check]]
        id = "c.unknown"
        type = "sum"
        total = "gdp"
        parts = ["gdp_nowhere"]
        """)
    errors = check_rule_paths([bad])
    by_msg = {e.message: e for e in errors}
    assert all(e.path == str(bad) and e.kind == "rule" for e in errors)

    def find(fragment: str):
        hits = [e for m, e in by_msg.items() if fragment in m]
        assert hits, f"no error mentioning {fragment!r}: {[str(e) for e in errors]}"
        return hits[0]

    assert (find("unknown key 'colour'").line, find("unknown key 'colour'").key) == (4, "colour")
    assert (find("duplicate indicator id 'gdp'").line, find("duplicate indicator id").key) == (7, "id")
    assert (find("missing field 'type'").line, find("missing field 'type'").key) == (10, "type")
    assert (find("undefined slot {percentt:rate}").line, find("undefined slot").key) == (17, "pattern")
    assert (find("regex does not compile").line, find("regex does not compile").key) == (22, "pattern")
    assert (find("backtrack catastrophically").line, find("backtrack catastrophically").key) == (27, "pattern")
    assert (find("unknown indicator id(s) gdp_nowhere").line, find("gdp_nowhere").key) == (29, "id")
    # the rendering used by `factsheet rules check`
    assert str(find("unknown key 'colour'")).startswith(f"{bad}:4 [colour]:")


def test_toml_syntax_error_has_line(tmp_path):
    bad = write(tmp_path, "syntax.toml", """
        [[indicator]]
        id = "x"
        name = "unterminated
        """)
    [err] = check_rule_paths([bad])
    assert err.line == 3 and "TOML syntax error" in err.message


def test_example_and_counter_keys_are_validated(tmp_path):
    bad = write(tmp_path, "examples.toml", """
        [[pattern]]
        id = "p.ok"
        type = "growth"
        pattern = "增长{percent:rate}"

        [[pattern.example]]
        text = "增长5%。"
        wrong_key = 1

        [[pattern.counter]]
        expect = "nothing"
        """)
    errors = check_rule_paths([bad])
    lines = {(e.key, e.line) for e in errors}
    assert ("wrong_key", 8) in lines
    assert ("expect", 11) in lines and ("text", 10) in lines


def test_missing_pack_and_bad_values(tmp_path):
    errors = check_rule_paths([tmp_path / "nowhere"])
    assert errors and "not found" in errors[0].message
    bad = write(tmp_path, "values.toml", """
        [pack]
        timeout = -1

        [words]
        up = "增长"
        numbers = [1, 2]

        [[pattern]]
        id = "p.words"
        type = "growth"
        priority = "high"
        pattern = "{up}{percent:rate}"
        subject_roles = ["whole"]
        """)
    errors = check_rule_paths([bad])
    keys = {(e.key, e.line) for e in errors}
    assert ("timeout", 2) in keys
    assert ("numbers", 6) in keys
    assert ("priority", 11) in keys
    assert ("subject_roles", 13) in keys


def test_user_pack_layers_over_the_shipped_one(tmp_path):
    user = write(tmp_path, "mine.toml", """
        [pack]
        name = "mine"
        version = "0.1"

        [[indicator]]
        id = "gdp"
        name = "GDP总量"

        [[pattern]]
        id = "growth.verb_rate"
        type = "growth"
        priority = 1
        pattern = "飙升{percent:rate}"
        """)
    pack = load_rules([user])
    assert pack.errors == []
    assert [p["name"] for p in pack.packs] == ["zh-stats-core", "mine"]
    assert pack.indicators["gdp"].name == "GDP总量"
    mine = [p for p in pack.patterns if p.id == "growth.verb_rate"]
    assert len(mine) == 1 and mine[0].source == "飙升{percent:rate}"
    assert "mine" in describe(pack) and "growth.verb_rate" in describe(pack)


def test_slots_match_only_recognised_mentions():
    rx, slots, problems = compile_template("{indicator}增长{percent:rate}", {})
    assert problems == []
    compiled = regex.compile(rx)
    marked = "地区生产总值增长" + KIND_CHAR["percent"] + FILLER * 3 + "。"
    m = compiled.search(marked)
    assert m is not None
    rate_group = next(g for g, s in slots.items() if s.role == "rate")
    assert m.span(rate_group) == (8, 12)
    # the raw digits are not a mention: no match
    assert compiled.search("地区生产总值增长5.3%。") is None
    # a different kind does not fill the slot
    assert compiled.search("地区生产总值增长" + KIND_CHAR["amount"] + FILLER) is None


def test_word_class_slots_and_undefined_slots():
    rx, slots, problems = compile_template("{up}{percent:rate}", {"up": ["增长", "提高"]})
    assert problems == [] and regex.compile(rx).search("提高" + KIND_CHAR["percent"])
    _, _, problems = compile_template("{down}{percent:rate}", {})
    assert problems == ["undefined slot {down}"]


@pytest.mark.parametrize("source, expected", [
    ("{indicator}从{year:start}的{amount:start}增长到{year:end}的{amount:end}，年均复合增长率(?:达到|为)?{percent:rate}",
     ["年均复合增长率"]),
    ("(?:增长|下降){percent:rate}", ["下降", "增长"]),
    ("(?:{up}|{down})了?{percent:rate}", ["减少", "增加", "增长"]),
    ("(?:{up}|较){percent:rate}", ["增加", "增长", "较"]),
    ("(?:增长|{percent:rate})", []),
    ("(?:增长)?{percent:rate}", []),
    ("占比{percent:share}|比重{percent:share}", []),
    ("分别?{number:value}", []),
])
def test_keywords_are_mandatory_literals(source, expected):
    assert derive_keywords(source, {"up": ["增长", "增加"], "down": ["减少"]}) == expected


def test_backtracking_detector():
    assert backtracking_risk("(?:a+)+b")
    assert backtracking_risk("(长|长长)+x")
    assert backtracking_risk("(?:增长|下降)\\d+") is None


def test_rules_check_probes_patterns_the_static_check_misses(tmp_path):
    sneaky = write(tmp_path, "sneaky.toml", """
        [[pattern]]
        id = "test.sneaky"
        type = "level"
        pattern = "(?:[长]|长{2})+[^长]{percent:value}"
        """)
    assert load_rules(base=[sneaky]).errors == []  # the shape is not recognised statically
    [err] = check_rule_paths([sneaky])
    assert (err.path, err.line, err.key) == (str(sneaky), 4, "pattern")
    assert "catastrophic backtracking" in err.message
