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


def test_known_reason_codes_are_shown_in_chinese_and_kept_in_english():
    import copy

    from extractor.render.common import REASON_LABELS_ZH, reason_label

    result = build_result()
    f = copy.copy(result.finding_list[0])
    f.reason = "one identifier, different authors"
    result.finding_list = [f]
    zh, en = render_html(result, "zh"), render_html(result, "en")
    assert "<dt>原因</dt><dd>同一编号，作者不同</dd>" in zh and "one identifier, different authors" not in zh
    assert "<dt>Reason</dt><dd>one identifier, different authors</dd>" in en
    assert reason_label("repeat", "zh") == "重复" and reason_label("repeat", "en") == "repeat"
    assert reason_label("a reason no table knows", "zh") == "a reason no table knows"
    assert all(re.search(r"[\u4e00-\u9fff]", v) for v in REASON_LABELS_ZH.values())


def test_value_roles_are_labelled_in_the_page_language(result):
    zh, en = render_html(result, "zh"), render_html(result, "en")
    assert "<code>终点</code>" in zh and "<code>end</code>" not in zh
    assert "<code>end</code>" in en


def test_a_big_result_shows_capped_claims_and_findings_flagged_first(result):
    from extractor.render.html import build_context

    ctx = build_context(result, "zh", max_claims_per_indicator=1, max_findings=2)
    assert len(ctx["findings"]) == 2 and ctx["hidden_findings"] == len(result.finding_list) - 2
    assert [f.verdict for f in ctx["findings"]][0] == "inconsistent"
    for sec in ctx["sections"]:
        assert len(sec.claims) == 1
        members = [c for c in result.claim_list if (c.indicator or "未识别指标") == sec.title]
        assert sec.hidden_claims == len(members) - 1
    assert ctx["n_claims_shown"] == len(ctx["sections"]) < ctx["n_claims"]
    # links only to what the page shows
    shown = {c.anchor for s in ctx["sections"] for c in s.claims}
    assert all(a in shown for f in ctx["findings"] for a, _ in f.claims)
    html = render_html(result, "zh", max_claims_per_indicator=1, max_findings=2)
    assert f"另有 {len(result.finding_list) - 2} 项检验结果未在本页显示" in html
    assert "条断言未在本页显示" in html and "筛选只作用于本页显示的条目" in html
    full = render_html(result, "zh")
    assert "未在本页显示" not in full and "筛选只作用于" not in full
    # many indicators share the page's claim budget, each keeping a few
    from extractor.render.html import MIN_CLAIMS_PER_INDICATOR

    shared = build_context(result, "zh", max_claims_per_indicator=None, max_claims=1, max_findings=None)
    assert all(len(s.claims) == min(MIN_CLAIMS_PER_INDICATOR, len(s.claims) + s.hidden_claims)
               for s in shared["sections"])
    assert len(shared["findings"]) == len(result.finding_list) and shared["hidden_findings"] == 0


_LATIN_WORD = re.compile(r"\b[a-z]{3,}\b")


def test_zh_page_labels_are_chinese_and_en_labels_english(result):
    """Every label the template itself writes is in the page's language (data such as ids, check names,
    formulas and source text are left out of the comparison)."""
    from extractor.render.html import LABELS

    zh, en = LABELS["zh"], LABELS["en"]
    assert set(zh) == set(en)
    for key, text in zh.items():
        if key == "lang_attr":
            continue
        assert re.search(r"[\u4e00-\u9fff]", text) or text == "/", (key, text)
        assert not _LATIN_WORD.search(text.replace("factsheet.xlsx", "").replace("report.json", "")
                                      .replace("Claims", "").replace("Checks", "")), (key, text)
    for key, text in en.items():
        assert not re.search(r"[\u4e00-\u9fff]", text), (key, text)


def test_check_names_are_chinese_in_zh_and_ids_in_en(result):
    zh, en = render_html(result, "zh"), render_html(result, "en")
    assert '<b title="cagr">年均增长率</b>' in zh
    assert '<b title="cagr">cagr</b>' in en
