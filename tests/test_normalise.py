"""The offset map: every span slices the original text exactly."""
from __future__ import annotations

from hypothesis import given, strategies as st

from extractor.normalise import _TABLE, normalise


def test_fullwidth_is_one_to_one():
    nt = normalise("增长１６．７％，达８８.４亿元")
    assert nt.text == "增长16.7%，达88.4亿元"
    assert nt.span_to_original(2, 7) == (2, 7)


def test_broken_lines_are_joined_and_mapped_back(seeds_dir):
    raw = (seeds_dir / "002_50d3b4d398fe0756.txt").read_text(encoding="utf-8")
    nt = normalise(raw)
    assert nt.wrapped
    i = nt.text.index("2023年研发经费")
    s, e = nt.span_to_original(i, i + 5)
    assert raw[s:e] == "2023\n\n年"


def test_unwrapped_text_is_left_alone(seeds_dir):
    raw = (seeds_dir / "000_778209c8243ddb3d.txt").read_text(encoding="utf-8")
    nt = normalise(raw)
    assert not nt.wrapped
    assert len(nt.text) == len(raw)


def test_line_col():
    nt = normalise("第一行\n第二行有2个")
    assert nt.line_col(0) == (1, 1)
    assert nt.line_col(8) == (2, 5)


@given(st.text(alphabet=st.sampled_from(list("一二三年１２3.\n \u3000，。％%亿万")), max_size=200))
def test_span_map_is_monotone_and_in_range(text):
    nt = normalise(text)
    prev = -1
    for i in range(len(nt.text) + 1):
        o = nt.to_original(i)
        assert 0 <= o <= len(text)
        assert o > prev or (i == len(nt.text) and o >= prev)
        prev = o
    for i, ch in enumerate(nt.text):
        o = nt.to_original(i)
        assert text[o].translate(_TABLE) == ch


def test_table_lines_are_not_joined():
    rows = "\n".join(f"地区{i}\t{100 + i}.5\t{i}.2" for i in range(12))
    text = "表1 各地区生产总值\n单位：亿元\n指标\t总量\t增长（%）\n" + rows + "\n"
    nt = normalise(text)
    assert nt.text == text


def test_wrapped_prose_next_to_a_table_keeps_the_table():
    prose = "".join("这是一段被排版软件按固定宽度折行的文字内容\n" for _ in range(10))
    table = "指标\t总量\n城镇\t3773.6\n乡村\t2651.7\n"
    nt = normalise(prose + table)
    assert nt.wrapped
    assert nt.text.endswith(table)


def test_cells_one_per_line_inside_wrapped_text_stay_apart():
    prose = "".join("这是一段被排版软件按固定宽度折行的文字内容\n" for _ in range(10))
    cells = "城镇\n3773.6\n2651.7\n乡村\n"
    nt = normalise(prose + cells + prose)
    assert nt.wrapped
    assert "3773.6\n2651.7" in nt.text
