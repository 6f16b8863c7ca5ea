"""`factsheet rules test|check|list` on the shipped pack, and the per-match timeout."""
from __future__ import annotations

import textwrap

from extractor.bind import bind_claims
from extractor.cli import main
from extractor.normalise import normalise
from extractor.recognise import recognise
from extractor.rules import load_rules, test_rule_paths as run_rule_examples


def test_shipped_examples_all_pass(capsys):
    assert main(["rules", "test"]) == 0
    out, err = capsys.readouterr()
    assert " 0 failed" in err and "FAIL" not in out
    report = run_rule_examples()
    assert report.passed >= 20 and report.failed == 0


def test_failing_example_is_reported_with_file_and_line(tmp_path, capsys):
    pack = tmp_path / "mine.toml"
    pack.write_text(textwrap.dedent("""
        [[pattern]]
        id = "mine.growth"
        type = "growth"
        priority = 200
        pattern = "增长{percent:rate}"

        [[pattern.example]]
        text = "地区生产总值增长5.3%。"
        values = { rate = "5.4%" }
        """).lstrip(), encoding="utf-8")
    assert main(["rules", "test", "--rules", str(pack)]) == 1
    out, _ = capsys.readouterr()
    assert f"FAIL {pack}:7 [mine.growth]" in out and "role rate" in out


def test_rules_check_and_list(tmp_path, capsys):
    assert main(["rules", "check"]) == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('[[pattern]]\nid = "x"\ntype = "level"\npattern = "{nothing}"\n', encoding="utf-8")
    assert main(["rules", "check", str(bad)]) == 2
    out, _ = capsys.readouterr()
    assert f"{bad}:4 [pattern]" in out
    assert main(["rules", "list"]) == 0
    out, _ = capsys.readouterr()
    assert "cagr.from_to_rate" in out and "gdp" in out


def test_pathological_pattern_times_out_and_the_run_goes_on(tmp_path):
    slow = tmp_path / "slow.toml"
    slow.write_text(textwrap.dedent("""
        [pack]
        timeout = 0.05

        [[pattern]]
        id = "test.pathological"
        type = "level"
        priority = 500
        keywords = ["长长"]
        pattern = "(?:长|长长)+[^长]{percent:value}"
        """).lstrip(), encoding="utf-8")
    pack = load_rules([slow])
    # the validator warns about the shape, but the pattern is kept and runs under the timeout
    assert any(e.key == "pattern" and "catastrophically" in e.message for e in pack.errors)
    text = "地区生产总值增长5.3%，" + "长" * 40 + "5%。规模以上工业增加值增长9.5%。"
    nt = normalise(text)
    claims, errors = bind_claims(nt, "slow.txt", recognise(nt, "slow.txt"), pack)
    [timeout] = errors
    assert timeout.kind == "timeout" and timeout.key == "test.pathological" and timeout.path == str(slow)
    assert "test.pathological" in timeout.message
    rates = {c.values[0].mention.text: c for c in claims}
    assert rates["5.3%"].claim_type == "growth" and rates["9.5%"].claim_type == "growth"
    assert all(c.rule != "test.pathological" for c in claims)
