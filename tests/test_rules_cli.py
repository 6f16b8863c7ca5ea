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


def test_the_issue_example_pattern_works_as_written(tmp_path):
    pack_file = tmp_path / "issue.toml"
    pack_file.write_text(textwrap.dedent("""
        [[pattern]]
        id = "issue.cagr"
        type = "cagr"
        priority = 500
        checks = ["cagr", "time_range"]
        pattern = "{subject}?{indicator}从{year:start}的{amount:start}增长到{year:end}的{amount:end}，年均复合增长率(?:达到|为)?{percent:rate}"

        [[pattern.example]]
        text = "二是增长较快，重庆医疗装备产业规模从2020年的88.4亿元增长到2022年的120.4亿元，年均复合增长率达到16.7%。"
        type = "cagr"
        subject = "重庆"
        period = "2020/2022"
        values = { start = "88.4亿元", end = "120.4亿元", rate = "16.7%" }
        """).lstrip(), encoding="utf-8")
    report = run_rule_examples(extra=[pack_file])
    mine = [line for line in report.lines if "[issue.cagr]" in line]
    assert mine and all(line.startswith("ok") for line in mine), report.lines
