"""The HTML fact sheet as text: self-contained, escaped, one section per indicator, both languages."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from extractor.model import Claim, ClaimValue, Span
from extractor.render.common import highlight_segments, span_end
from extractor.render.html import render_html

from render_fixtures import build_result


class _Collect(HTMLParser):
    """Collects tags with their attributes and the page's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def result():
    return build_result()


@pytest.fixture(scope="module")
def page(result):
    html = render_html(result, "zh")
    p = _Collect()
    p.feed(html)
    return html, p


def test_self_contained_no_network(page):
    html, p = page
    for tag, attrs in p.tags:
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        if tag == "script":
            assert "src" not in attrs
        for key in ("src", "href"):
            if key in attrs:
                assert attrs[key].startswith("#"), (tag, attrs)
    assert "http-equiv" in html and "default-src 'none'" in html
    assert "<style>" in html and "@media print" in html


def test_extracted_text_is_escaped(page, result):
    html, p = page
    # the bulletin's first line is not a document claim, but the quoted HYPERLINK bait of the document
    # title is shown in Sources, escaped
    assert '=HYPERLINK(&#34;http://example.invalid&#34;' in html or "=HYPERLINK(&quot;" in html
    assert "<script>" not in html.replace("<script>\n(function", "")
    evil = build_result()
    c = evil.claim_list[0]
    c.span = Span(c.span.doc, c.span.start, c.span.end, c.span.line, c.span.col,
                  '<img src=x onerror="alert(1)">' + c.span.text[30:])
    c.subject = "<b>重庆</b>"
    out = render_html(evil, "zh")
    assert "<img src=x" not in out and "&lt;img src=x onerror=" in out
    assert "<b>重庆</b>" not in out and "&lt;b&gt;重庆&lt;/b&gt;" in out


def test_summary_and_sections(page, result):
    html, p = page
    text = "".join(p.text)
    assert "事实核查表" in text and "检验结果" in text
    ids = [a.get("id") for _, a in p.tags if a.get("id")]
    assert "summary" in ids and "verdict-counts" in ids
    sections = [a for t, a in p.tags if t == "section" and "indicator" in a.get("class", "")]
    assert len(sections) == len({c.indicator for c in result.claim_list})
    claims = [a for t, a in p.tags if t == "article" and "claim" in a.get("class", "").split()]
    findings = [a for t, a in p.tags if t == "article" and "finding" in a.get("class", "").split()]
    assert len(claims) == len(result.claim_list) and len(findings) == len(result.finding_list)
    # every finding shows its verdict in words
    for label in ("不一致", "无法检验", "仅在舍入范围内一致", "一致"):
        assert label in text
    # flagged first
    assert findings[0]["data-verdict"] == "inconsistent"


def test_svg_chart_only_for_two_or_more_periods(page):
    html, _ = page
    charts = re.findall(r"<svg class=\"chart\".*?</svg>", html, flags=re.S)
    assert len(charts) == 1  # 医疗装备产业规模 2020 → 2022; the others have a single period
    assert "<title>重庆 · 医疗装备产业规模（亿元）</title>" in charts[0]
    assert charts[0].count("<circle") == 2 and ">2020<" in charts[0] and ">2022<" in charts[0]


def test_claim_values_are_highlighted_in_their_sentence(page):
    html, _ = page
    assert "从2020年的<mark>88.4亿元</mark>增长到2022年的<mark>120.4亿元</mark>，年均复合增长率达到<mark>16.7%</mark>" in html
    # the respectively finding marks items and values in the shared sentence
    assert "重庆<mark>汽车</mark>、<mark>材料</mark>和<mark>电子信息</mark>" in html


def test_english_labels(result):
    html = render_html(result, "en")
    assert '<html lang="en">' in html
    assert "Fact sheet" in html and "Findings" in html and "inconsistent (decision)" in html
    assert "The parts add up to 36.0%" in html  # message_en is used


def test_highlight_segments_and_span_end():
    ctx = Span("d", 100, 110, 1, 1, "0123456789")
    assert highlight_segments(ctx, [(102, 104), (103, 106), (120, 130)]) == [
        ("01", False), ("2345", True), ("6789", False)]
    assert span_end(Span("d", 0, 6, 4, 7, "2023\n\n年")) == (6, 2)
    assert span_end(Span("d", 0, 5, 2, 28, "35.0%")) == (2, 33)


def test_empty_result_renders(tmp_path):
    from extractor.result import Result

    html = render_html(Result(documents=[], mention_list=[], claim_list=[], finding_list=[]), "en")
    assert "No claims were found." in html and "No findings." in html


def test_findings_shown_in_their_document_sentence(result):
    from extractor.render.common import DocumentTexts

    texts = DocumentTexts.load(result)
    assert set(texts.texts) == {result.documents[0].doc, result.documents[1].doc}  # the bulletin has no file
    f = result.finding_list[3]  # the level 2.45% with its period broken over lines
    (window,) = texts.contexts(f.spans)
    assert window.text.startswith("近年来，重庆在一批重大关键核心技术攻") and window.text.endswith("科技创新事业实现了新发展。")
    assert (window.line, window.col) == (135, 1)
    html = render_html(result, "zh", texts)
    assert "积极进展，<mark>2023\n\n年</mark>研发经费投入强度预计提高到<mark>2.45%</mark>，" in html
    # a changed file is not used: offsets could point anywhere
    changed = build_result()
    changed.documents[0].sha256 = "0" * 64
    assert result.documents[0].doc not in DocumentTexts.load(changed)


def test_consistent_findings_are_folded(page):
    html, p = page
    details = [a for t, a in p.tags if t == "details"]
    assert len(details) == 7
    assert sum(1 for a in details if "open" in a) == 4  # inconsistent, inconsistent_decision, 2 not testable
