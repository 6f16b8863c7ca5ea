"""The speed paths behave exactly like the slow ones; the bench helpers do what they claim."""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from hypothesis import given, strategies as st

from extractor.load import _CONTROL_OK, _looks_binary
from extractor.normalise import _TABLE, _translate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import benchlib  # noqa: E402


@given(st.text(alphabet=st.characters(min_codepoint=0x09, max_codepoint=0xFFFF), max_size=300))
def test_fast_translate_equals_str_translate(text):
    assert _translate(text) == text.translate(_TABLE)


def _looks_binary_reference(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    bad = sum(1 for b in sample if b < 0x20 and b not in _CONTROL_OK)
    return bad > max(4, len(sample) // 100)


@given(st.binary(max_size=600) | st.lists(st.sampled_from([b"\x01", b"\x07", b"a", "年".encode()]),
                                          max_size=400).map(b"".join))
def test_binary_sniffing_is_unchanged(data):
    assert _looks_binary(data) == _looks_binary_reference(data)


def test_build_corpus_cycles_whole_documents(tmp_path):
    dest = benchlib.build_corpus(0.3, root=tmp_path)
    files = sorted(dest.glob("*.txt"))
    sources = {p.stem: p.read_bytes() for p in benchlib.source_files()}
    assert sum(p.stat().st_size for p in files) >= 300_000
    for p in files:
        assert p.read_bytes() == sources[p.stem.split("_", 1)[1]]
    again = benchlib.build_corpus(0.3, root=tmp_path)
    assert again == dest and sorted(again.glob("*.txt")) == files


PACK = '''
[pack]
name = "demo"

[words]
increase = ["增长", "增加"]

[[indicator]]
id = "gdp"
name = "地区生产总值"
aliases = ["GDP", "生产总值"]

[[indicator]]
id = "gdp_primary"
name = "第一产业增加值"

[[pattern]]
id = "growth_basic"
type = "growth"
indicator = "gdp"
pattern = '{indicator}{increase}{percent:rate}'
priority = 2

[[pattern.example]]
text = "地区生产总值增长6.1%"
values = ["6.1%"]

[[check]]
id = "sum_gdp"
type = "expression"
expression = "gdp_primary <= gdp"
tolerance = 0.5
'''


def test_duplicate_rules_renames_ids_and_references(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "demo.toml").write_text(PACK, encoding="utf-8")
    original = tomllib.loads(PACK)
    assert tomllib.loads(benchlib.dump_toml(original)) == original
    assert benchlib.duplicate_rules(1, tmp_path / "x1", rules_dir=rules) is None
    out = benchlib.duplicate_rules(3, tmp_path / "x3", rules_dir=rules)
    copies = sorted(out.rglob("*.toml"))
    assert [p.name for p in copies] == ["demo__x2.toml", "demo__x3.toml"]
    dup = tomllib.loads(copies[1].read_text(encoding="utf-8"))
    assert [i["id"] for i in dup["indicator"]] == ["gdp__x3", "gdp_primary__x3"]
    assert dup["pattern"][0]["id"] == "growth_basic__x3"
    assert dup["pattern"][0]["indicator"] == "gdp__x3"
    assert dup["pattern"][0]["pattern"] == original["pattern"][0]["pattern"] + "(?:)(?:)"
    assert dup["pattern"][0]["example"] == original["pattern"][0]["example"]
    assert dup["check"][0]["expression"] == "gdp_primary__x3 <= gdp__x3"
    assert dup["pack"]["name"] == "demo__x3"
    assert dup["words"] == original["words"]
