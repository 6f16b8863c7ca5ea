"""A realistic canonical Result for the renderer tests, built by hand.

Claims and findings follow the shared claim/finding contract and point at real
offsets: two seed articles (the CAGR 88.4亿元 → 120.4亿元 at 16.7%, a 分别 list,
39 of 41 industry classes, a level 2.45% with the qualifier 预计 and a period
``2023\\n\\n年`` broken over lines) and one made-up bulletin whose lines start with
``=``, ``+``, ``-`` and ``@`` (formula-injection bait) and that holds an
inconsistent sum, an inconsistent enumeration and a not-testable growth claim.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

from extractor.model import (Claim, ClaimValue, DocumentInfo, Finding, FormulaInput, InputError,
                             Interval, Mention, Span)
from extractor.normalise import normalise
from extractor.result import Result

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DOC_A = "000_778209c8243ddb3d.txt"
DOC_B = "002_50d3b4d398fe0756.txt"
DOC_C = "bulletin_inject.txt"

BULLETIN = (
    "=HYPERLINK(\"http://example.invalid\",\"点击\")某市统计公报\n"
    "+2023年，全市三项重点产业合计占地区生产总值比重为35.0%，其中甲产业占12.0%、乙产业占13.0%、丙产业占11.0%。\n"
    "-全年实施四大工程：交通工程、水利工程和能源工程。\n"
    "@全年社会消费品零售总额增长7.1%\x07。\n"
)


class DocText:
    """One document's text with helpers to make spans and mentions at real offsets."""

    def __init__(self, doc: str, text: str):
        self.doc = doc
        self.text = text
        self.nt = normalise(text)

    def span(self, needle: str, after: int = 0) -> Span:
        start = self.text.index(needle, after)
        return self.span_at(start, start + len(needle))

    def span_at(self, start: int, end: int) -> Span:
        line, col = self.nt.line_col(start)
        return Span(self.doc, start, end, line, col, self.text[start:end])

    def mention(self, needle: str, kind: str, value, value_text: str, *, after: int = 0,
                unit: str | None = None, scale_word: str | None = None, approx=(),
                direction: str | None = None, period: str | None = None,
                classifier: str | None = None) -> Mention:
        sp = self.span(needle, after)
        base = value
        return Mention(doc=self.doc, start=sp.start, end=sp.end, line=sp.line, col=sp.col, text=sp.text,
                       kind=kind, value=value, value_text=value_text, unit=unit, classifier=classifier,
                       scale_word=scale_word, base_value=base, base_unit=unit, approx=list(approx),
                       direction=direction, decimals=_decimals(value_text), period=period)

    def info(self, path: str) -> DocumentInfo:
        return DocumentInfo(doc=self.doc, path=path, sha256=hashlib.sha256(self.text.encode()).hexdigest(),
                            encoding="utf-8", chars=len(self.text), lines=self.text.count("\n") + 1,
                            date=None, title=self.text.splitlines()[0][:80])


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _inp(name: str, m: Mention | None, claim: Claim | None, role: str | None, text: str | None = None) -> FormulaInput:
    return FormulaInput(name=name, value_text=text if text is not None else m.value_text,
                        claim_id=None if claim is None else claim.id, role=role,
                        span=None if m is None else m.span)


def _claim(cid: str, d: DocText, ctype: str, values: list[tuple[str, Mention]], context: str, **kw) -> Claim:
    c = Claim(id=cid, doc=d.doc, claim_type=ctype, rule=kw.pop("rule", f"core.{ctype}"),
              values=[ClaimValue(r, m) for r, m in values], span=d.span(context), **kw)
    for cv in c.values:
        cv.mention.claim_id, cv.mention.claim_type, cv.mention.role = c.id, c.claim_type, cv.role
        cv.mention.indicator, cv.mention.subject = c.indicator, c.subject
        cv.mention.period = cv.mention.period or c.period
        cv.mention.rule = c.rule
    return c


def build_result() -> Result:
    """The fixture Result: 3 documents, 12 claims, findings of every verdict, one input error."""
    a = DocText(DOC_A, (SEEDS / DOC_A).read_text(encoding="utf-8"))
    b = DocText(DOC_B, (SEEDS / DOC_B).read_text(encoding="utf-8"))
    c = DocText(DOC_C, BULLETIN)
    mentions: list[Mention] = []
    claims: list[Claim] = []
    findings: list[Finding] = []

    # --- A: CAGR 88.4亿元 (2020) → 120.4亿元 (2022), 年均复合增长率 16.7% -------------------
    y0 = a.mention("2020年", "year", "2020", "2020", after=5000)
    y1 = a.mention("2022年", "year", "2022", "2022", after=5000)
    start = a.mention("88.4亿元", "amount", Decimal("8840000000"), "88.4", unit="CNY", scale_word="亿",
                      period="2020")
    end = a.mention("120.4亿元", "amount", Decimal("12040000000"), "120.4", unit="CNY", scale_word="亿",
                    period="2022")
    rate = a.mention("16.7%", "percent", Decimal("16.7"), "16.7", unit="%", direction="increase")
    cagr = _claim("000_778209c8243ddb3d.txt#c5109", a, "cagr", [("start", start), ("end", end), ("rate", rate)],
                  "重庆医疗装备产业规模从2020年的88.4亿元增长到2022年的120.4亿元，年均复合增长率达到16.7%",
                  indicator="医疗装备产业规模", subject="重庆", subject_source="clause", period="2020/2022",
                  period_source="clause", checks=["cagr", "time_range"], nominal=True,
                  attrs={"start_year": 2020, "end_year": 2022})
    claims.append(cagr)
    mentions += [y0, start, y1, end, rate]
    findings.append(Finding(
        id="cagr:000_778209c8243ddb3d.txt:5124-5161", check="cagr", verdict="consistent_by_rounding_only",
        severity="info",
        message="年均复合增长率16.7%与2020年88.4亿元、2022年120.4亿元相符（计算值16.704%，考虑舍入区间16.647%–16.762%）。",
        message_en="CAGR 16.7% matches 88.4 (2020) → 120.4 (2022): computed 16.704%, 16.647–16.762% allowing for rounding.",
        doc=a.doc, spans=[start.span, end.span, rate.span, y0.span, y1.span],
        formula="((end/start)^(1/(end_year-start_year))-1)*100",
        inputs=[_inp("start", start, cagr, "start", "88.4亿"), _inp("end", end, cagr, "end", "120.4亿"),
                _inp("start_year", y0, cagr, "start_year", "2020"), _inp("end_year", y1, cagr, "end_year", "2022")],
        stated="16.7", computed=Interval(Decimal("16.647"), Decimal("16.762")), computed_point="16.704",
        tolerance="±0.05 (rounding of 16.7)", claims=[cagr.id]))

    # --- A: 分别 list: 重庆汽车、材料和电子信息 … 分别实现23.7%、8.0%和7.3%的增长 (2024Q1) ---------
    ctx = "如2024年一季度，重庆汽车、材料和电子信息等支柱产业分别实现23.7%、8.0%和7.3%的增长"
    q = a.mention("2024年一季度", "quarter", "2024Q1", "2024Q1", after=7000)
    mentions.append(q)
    group_items = [("汽车", 7085), ("材料", 7085), ("电子信息", 7085)]
    rates = [("23.7%", "23.7"), ("8.0%", "8.0"), ("7.3%", "7.3")]
    group_claims: list[Claim] = []
    item_spans = [a.span(t, after) for t, after in group_items]
    value_spans: list[Span] = []
    for k, ((item, _), (rtext, rval)) in enumerate(zip(group_items, rates)):
        m = a.mention(rtext, "percent", Decimal(rval), rval, unit="%", after=7100, direction="increase")
        value_spans.append(m.span)
        attrs: dict = {"group": "000_778209c8243ddb3d.txt#g7102"}
        if k == 0:
            attrs["items"] = [{"text": s.text, "start": s.start, "end": s.end} for s in item_spans]
            attrs["values"] = []
        cl = _claim(f"000_778209c8243ddb3d.txt#c{m.start}", a, "growth", [("rate", m)], ctx,
                    indicator="增加值", subject=f"重庆{item}", subject_source="clause", period="2024Q1",
                    period_source="clause", checks=["respectively"], nominal=False, rule="core.respectively",
                    attrs=attrs)
        group_claims.append(cl)
        mentions.append(m)
    group_claims[0].attrs["values"] = [{"text": s.text, "start": s.start, "end": s.end} for s in value_spans]
    claims += group_claims
    findings.append(Finding(
        id="respectively:000_778209c8243ddb3d.txt:7102-7130", check="respectively", verdict="consistent",
        severity="info", message="“分别”列出3个主体与3个数值，数目相符。",
        message_en="‘respectively’ pairs 3 subjects with 3 values.", doc=a.doc,
        spans=item_spans + value_spans, formula="values", inputs=[
            FormulaInput("values", "3", group_claims[0].id, "values")],
        stated="3", computed=Interval(Decimal("3"), Decimal("3")), computed_point="3",
        tolerance="exact", claims=[g.id for g in group_claims]))

    # --- A: part of whole: 全国41个工业大类中的39个 ---------------------------------------
    whole = a.mention("41个", "count", Decimal("41"), "41", unit="count", classifier="个", after=400)
    part = a.mention("39个", "count", Decimal("39"), "39", unit="count", classifier="个", after=400)
    pw = _claim("000_778209c8243ddb3d.txt#c416", a, "part_of_whole", [("whole", whole), ("part", part)],
                "有着全国41个工业大类中的39个", indicator="工业大类", subject="重庆", subject_source="sentence",
                checks=["part_of_whole"])
    claims.append(pw)
    mentions += [whole, part]
    findings.append(Finding(
        id="part_of_whole:000_778209c8243ddb3d.txt:416-428", check="part_of_whole", verdict="consistent",
        severity="info", message="部分39不超过整体41（占95.1%）。", message_en="Part 39 does not exceed whole 41 (95.1%).",
        doc=a.doc, spans=[whole.span, part.span], formula="part/whole*100",
        inputs=[_inp("part", part, pw, "part"), _inp("whole", whole, pw, "whole")], stated=None,
        computed=Interval(Decimal("95.12"), Decimal("95.13")), computed_point="95.12195", tolerance="part ≤ whole",
        claims=[pw.id]))

    # --- B: a level with qualifier 预计 and a period broken over lines (2023\n\n年) ------------
    y23 = b.mention("2023\n\n年", "year", "2023", "2023", after=1300)
    lvl = b.mention("2.45%", "percent", Decimal("2.45"), "2.45", unit="%", approx=["expected"])
    level = _claim("002_50d3b4d398fe0756.txt#c1382", b, "level", [("value", lvl)],
                   "2023\n\n年研发经费投入强度预计提高到2.45%", indicator="研发经费投入强度", subject="重庆",
                   subject_source="document", period="2023", period_source="clause", qualifiers=["expected"])
    claims.append(level)
    mentions += [y23, lvl]
    findings.append(Finding(
        id="time_range:002_50d3b4d398fe0756.txt:1358-1387", check="time_range", verdict="not_testable",
        severity="info", message="预计值，缺少基期数据，无法检验。", message_en="Expected value without a base; not testable.",
        doc=b.doc, spans=[y23.span, lvl.span], claims=[level.id], reason="no base value stated"))

    # --- C: the bulletin: shares that do not add up, an enumeration that does not count ---------
    y = c.mention("2023年", "year", "2023", "2023")
    total = c.mention("35.0%", "percent", Decimal("35.0"), "35.0", unit="%")
    share_ms = [c.mention(t, "percent", Decimal(t[:-1]), t[:-1], unit="%") for t in ("12.0%", "13.0%", "11.0%")]
    share_claims = [_claim(f"{DOC_C}#c{total.start}", c, "share", [("share", total)],
                           "+2023年，全市三项重点产业合计占地区生产总值比重为35.0%", indicator="三项重点产业占比",
                           subject="全市", subject_source="clause", period="2023", period_source="clause",
                           checks=["sum"])]
    for name, m in zip("甲乙丙", share_ms):
        share_claims.append(_claim(f"{DOC_C}#c{m.start}", c, "share", [("share", m)], f"{name}产业占{m.text}",
                                   indicator="产业占比", subject=f"{name}产业", subject_source="clause",
                                   period="2023", period_source="sentence", checks=["sum"]))
    claims += share_claims
    mentions += [y, total, *share_ms]
    findings.append(Finding(
        id=f"sum:{DOC_C}:{total.start}-{share_ms[-1].end}", check="sum", verdict="inconsistent", severity="error",
        message="分项占比之和36.0%与合计35.0%不符（舍入后允许35.0±0.2）。",
        message_en="The parts add up to 36.0%, not the stated total 35.0% (±0.2 allowing for rounding).",
        doc=c.doc, spans=[total.span, *[m.span for m in share_ms]], formula="SUM(part1,part2,part3)",
        inputs=[_inp(f"part{k + 1}", m, share_claims[k + 1], "share") for k, m in enumerate(share_ms)],
        stated="35.0", computed=Interval(Decimal("35.85"), Decimal("36.15")), computed_point="36.0",
        tolerance="±0.15 (rounding of three one-decimal parts) + ±0.05", claims=[cl.id for cl in share_claims]))
    four = c.span("四大工程")
    items = [c.span(t) for t in ("交通工程", "水利工程", "能源工程")]
    enum_claim = _claim(f"{DOC_C}#c{four.start}", c, "count",
                        [("value", c.mention("四大", "count", Decimal("4"), "四", unit="count"))],
                        "-全年实施四大工程：交通工程、水利工程和能源工程。", indicator="工程", subject="全市",
                        subject_source="document", period="2023", period_source="document",
                        checks=["enumeration_count"], attrs={"items": [{"text": s.text, "start": s.start, "end": s.end}
                                                                       for s in items]})
    claims.append(enum_claim)
    mentions.append(enum_claim.values[0].mention)
    findings.append(Finding(
        id=f"enumeration_count:{DOC_C}:{four.start}-{items[-1].end}", check="enumeration_count",
        verdict="inconsistent_decision", severity="warning",
        message="称“四大工程”，但只列出3项：交通工程、水利工程、能源工程。",
        message_en="Says four projects but lists 3.", doc=c.doc, spans=[four, *items], formula="listed",
        inputs=[FormulaInput("listed", "3", enum_claim.id, "items")],
        stated="四", computed=Interval(Decimal("3"), Decimal("3")), computed_point="3", tolerance="exact",
        claims=[enum_claim.id]))
    retail = c.mention("7.1%", "percent", Decimal("7.1"), "7.1", unit="%", direction="increase")
    retail_claim = _claim(f"{DOC_C}#c{retail.start}", c, "growth", [("rate", retail)],
                          "@全年社会消费品零售总额增长7.1%\x07。", indicator="社会消费品零售总额", subject="全市",
                          subject_source="document", period="2023", period_source="document", checks=["growth"],
                          nominal=True)
    claims.append(retail_claim)
    mentions.append(retail)
    findings.append(Finding(
        id=f"growth:{DOC_C}:{retail.start}-{retail.end}", check="growth", verdict="not_testable", severity="warning",
        message="=未给出上年数值，无法检验增长7.1%。", message_en="=No previous-year level; growth 7.1% cannot be tested.",
        doc=c.doc, spans=[retail.span], claims=[retail_claim.id], reason="no base level"))

    mentions.sort(key=lambda m: (m.doc, m.start))
    return Result(
        documents=[a.info(str(SEEDS / DOC_A)), b.info(str(SEEDS / DOC_B)), c.info(f"tests/data/{DOC_C}")],
        mention_list=mentions, claim_list=claims, finding_list=findings,
        errors=[InputError("seeds/missing.txt", "no such file or directory")],
        rule_packs=[{"name": "core", "version": "0.1.0", "path": "extractor/rules"}],
        created="2026-12-01T21:30:00+00:00", tool_version="0.1.0")


def bulletin_text() -> str:
    """The made-up bulletin's text (for tests that need the raw document)."""
    return BULLETIN
