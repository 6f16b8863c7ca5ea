"""Fuzzing: random text and bytes never make the loader or the recogniser raise."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from extractor.load import LoadError, decode_bytes
from extractor.normalise import normalise
from extractor.recognise import document_date, recognise

NUMERIC = list("0123456789０１２３.．,，%％‰∶:—-~至到万亿千百十零〇一二三四五六七八九两几多余半年月日号季度个家倍成分之第每上翻番以上下内左右元吨公里平方米岁")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_random_unicode_text(text):
    nt = normalise(text)
    for m in recognise(nt, "fuzz"):
        assert text[m.start:m.end] == m.text
    document_date(nt)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(NUMERIC + ["\n", " ", "，", "。", "“", "”", "A", "G"]), max_size=120))
def test_numeral_soup(text):
    nt = normalise(text)
    ms = recognise(nt, "fuzz")
    for m in ms:
        assert text[m.start:m.end] == m.text
        m.to_record()
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(data):
    try:
        text, _ = decode_bytes(data, "fuzz.bin")
    except LoadError as exc:
        assert "fuzz.bin" in str(exc)
        return
    recognise(normalise(text), "fuzz.bin")
