"""Sentence-level arithmetic on the figures of a clause.

Statistical prose states its relations in a few fixed shapes; these are
tested here from the figures of the sentence (see :mod:`.quantities`) when no
bound claim already covers them:

* ``从A(年的)X增加到B(年的)Y，年均增长R%`` (cagr), ``…，增长R%`` (growth),
  ``增长N倍 / 翻一番`` (multiple), and the direction of the verb;
* ``从A%提高到B%，提高N个百分点`` (pp_difference);
* ``总量T，其中a1 X1，a2 X2 …`` (sum: equal when the parts are a known
  exhaustive split such as the three sectors, 中央/地方, 出口/进口; else no part
  above the total);
* ``三次产业结构比为a:b:c`` (sum to 100, and each term against part/total×100
  when the sector values are stated);
* ``A占B的比重为R%`` (share) with A and B stated as amounts in the document;
* lone 年均 rates (not_testable: nothing to recompute).
"""
from __future__ import annotations

import bisect
import functools
import operator
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

import regex

from . import messages as msg
from .arithmetic import (COMPARABLE_BASIS, COMPARABLE_WORDS, REAL_VS_NOMINAL, Operand, _emit, check_cagr,
                         check_direction, check_growth, check_multiple, check_pp, check_ratio_terms, check_share, check_sum, is_real_indicator,
                         not_testable, verb_direction)
from .base import DocContext
from .intervals import Band, decimals_of, exact, fmt, judge_at_most, monotone, stated_band, sub
from .quantities import Qty, read_quantities
from .structure import cn_int

# patterns used inside functions, compiled once
_LINE = regex.compile(r"[^\n]+")
_CHANGE_VERB_END = regex.compile(r"(?:增加|减少|净增|净减|增长|下降)了?$")
_APPROX_END = regex.compile(r"(?:接近|近|约|超过|超)$")
_ANNUAL_TAIL = regex.compile(r"(?:年均|年均复合)\p{Han}{0,4}$")
_CHANGE_VERB_ONLY = regex.compile(r"(?P<v>增长|下降|增加|减少|提高|降低)了?$")
_TIMES_OF = regex.compile(r"的(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,2})倍")
_THREE_SECTORS = regex.compile(r"三次产业|三大产业")
_ONE_TO_THREE = regex.compile(r"[一二三]")
_ETC_TAIL = regex.compile(r"等.*$")
_LIST_SEPARATOR = regex.compile(r"[、和与及]")
_STRUCTURE_WORD = regex.compile(r"比重|占比|比例|构成|贡献率")
_SECTOR_WORD = regex.compile(r"产业")
_UP_TO_LAST_BREAK = regex.compile(r"^.*[，,；;、。]")
_NAME_NOISE = regex.compile(r"增加值|总额|总量|总值|规模|全年|年末|年初|全市|全省|全区|全国|本年|当年|的")

_FROM = regex.compile(r"(?:从|由)")
_TO = regex.compile(r"(?P<verb>\p{Han}{0,4}?)(?:到|至)")
_ANNUAL = regex.compile(r"年均(?:复合)?(?P<basis>名义|实际)?(?P<verb>增长|增速|递增|提高|上涨|上升|下降|减少|降低|缩减)(?:率)?"
                        r"(?:为|达到|达|约|保持在|在)?$")
_GROWTH_WORD = regex.compile(r"(?<!年均)(?<!年均复合)(?:名义|实际)?(?P<verb>增长|提高|上升|增加|下降|减少|降低|压缩|压减|缩短|缩减)"
                             r"(?:了)?$")
_PP = regex.compile(r"(?P<verb>提高|上升|增加|下降|降低|减少|回落|扩大|缩小)(?:了)?$")
_TIMES = regex.compile(r"(?P<verb>增长|增加|提高)(?:了)?(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,2})倍"
                       r"|(?P<double>翻了?一番|翻番)")
_YEAR_BEFORE = regex.compile(r"(?P<y>(?:19|20)\d{2})年(?:的|底|末|初)?$")
_DURATION = regex.compile(r"(?:过去|近|这|最近)?(?P<n>[一二两三四五六七八九十]{1,2}|\d{1,2})年(?:来|间|里|中|以来)?")
_SECTION_HEAD = regex.compile(r"(?m)^[ \t\u3000#]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
_PART_HEAD = regex.compile(r"(?m)^[ \t\u3000#]*[一二三四五六七八九十]{1,3}、")
# a list of the parts of a total: 其中… / 按经营地统计，… / 分城乡看，…
_QIZHONG = regex.compile(r"其中[，,：:]?|(?:按\p{Han}{1,8}(?:统计|分|看|划分)|分\p{Han}{1,6}看)[，,：:]")
_STRUCTURE = regex.compile(r"(?:结构|比例|构成)(?:比例|比|之比)?(?:调整|优化|变化)?(?:为|是|由|从)?\s*")
_RATIO = regex.compile(r"(?P<a>\d+(?:\.\d+)?)\s*[:：∶]\s*(?P<b>\d+(?:\.\d+)?)\s*[:：∶]\s*(?P<c>\d+(?:\.\d+)?)")
_SHARE = regex.compile(r"(?P<part>\p{Han}{0,20}?)(?:占(?P<whole>\p{Han}{2,20}?)(?:的)?)?(?:比重|比例)"
                       r"(?:[（(][^（）()]{0,24}[）)])?(?:为|达到|达|是)?(?:约)?$")
_SHARE_BARE = regex.compile(r"(?P<part>\p{Han}{0,20}?)占(?P<whole>\p{Han}{2,20}?)的(?:约)?$")
_NAME_STRIP = regex.compile(r"^(?:其中|全年|年末|全市|全省|全区|全国|本年|当年)+|(?:为|达|达到|实现|完成|共|总计|合计|约)+$")

EXHAUSTIVE_SPLITS: list[tuple[str, ...]] = [
    ("第一产业", "第二产业", "第三产业"), ("中央", "地方"), ("出口", "进口"), ("城镇", "乡村"),
    ("城镇", "农村"), ("城市", "农村"), ("男", "女"), ("夏粮", "早稻", "秋粮"), ("夏粮", "秋粮"),
    ("一产", "二产", "三产"), ("内资", "外资"), ("东部", "中部", "西部", "东北"),
]


@dataclass(slots=True)
class NamedAmount:
    """An amount with the name the text gives it (for share look-ups)."""

    name: str
    qty: Qty


class _FigureName:
    """An amount named by the words written before it (see ``_part_name``, from ``lo``), the name
    read when first asked for: only share statements look names up, and most figures never are.
    A name shorter than 2 or longer than 20 characters is no name ("", which no look-up takes)."""

    __slots__ = ("qty", "_text", "_lo", "_name")

    def __init__(self, text: str, lo: int, qty: Qty) -> None:
        self.qty, self._text, self._lo, self._name = qty, text, lo, None

    @property
    def name(self) -> str:
        if self._name is None:
            name = _part_name(self._text, self._lo, self.qty)
            self._name = name if 2 <= len(name) <= 20 else ""
        return self._name


Named = NamedAmount | _FigureName


def _operand(ctx: DocContext, name: str, q: Qty) -> Operand:
    """An operand from a figure; its text keeps the scale word so 8300亿元 and 1.55万亿元 add up."""
    return Operand(name, q.band, q.written or q.text, ctx.span(q.start, q.end), q.places, list(q.approx))


def _same_unit(a: Qty, b: Qty) -> bool:
    return a.unit == b.unit and not a.is_percent and a.unit not in ("倍", "个百分点", "百分点", "‰")


def _years_in_context(text: str, pos: int, sent_start: int) -> tuple[int, tuple[int, int]] | None:
    """The number of years of a 年均 rate at ``pos`` when the sentence does not give two years:
    a duration in the sentence (五年年均增长), else 五年来/过去五年 at the head of the paragraph
    or of the section."""
    in_sentence = [m for m in _DURATION.finditer(text, sent_start, pos)]
    if in_sentence:
        m = in_sentence[-1]
        return _duration(m)
    para = text.rfind("\n", 0, sent_start) + 1
    m = _DURATION.match(text, para)
    if m and m.group(0).endswith(("来", "以来", "间", "里")):
        return _duration(m)
    heads = list(_PART_HEAD.finditer(text, 0, sent_start))
    lo = heads[-1].start() if heads else max(0, sent_start - 6000)
    cands = [m for m in _DURATION.finditer(text, lo, sent_start)
             if m.group(0).startswith(("过去", "近")) or m.group(0).endswith(("来", "以来"))]
    return _duration(cands[-1]) if cands else None


def _duration(m: regex.Match) -> tuple[int, tuple[int, int]] | None:
    n = cn_int(m.group("n"))
    return (n, m.span()) if n else None


def _indicator_before(text: str, sent_start: int, pos: int) -> str:
    seg = text[sent_start:pos]
    cut = max(seg.rfind("，"), seg.rfind(","), seg.rfind("、"), seg.rfind("："))
    return seg[cut + 1:].strip()


_SENTENCE_MARK = regex.compile(r"[。！？!?\n]")
_LAST_SENTENCE_MARK = regex.compile(r"(?r)[。！？!?\n]")  # searched backwards


def _sentences_at(text: str, positions: Iterable[int]) -> Iterator[tuple[int, int]]:
    """The sentences that hold ``positions`` (ascending, none on a mark), in text order, each once.

    A sentence is what ``[^。！？!?\n]+[。！？!?]?`` matches: a run without 。！？!?\n, with the 。！？!?
    that ends it; found around each position instead of scanning every sentence of the text.
    """
    s1 = 0
    for p in positions:
        if p < s1:
            continue  # in the sentence just given
        back = _LAST_SENTENCE_MARK.search(text, s1, p)
        s0 = back.end() if back else s1
        mark = _SENTENCE_MARK.search(text, p)
        s1 = len(text) if mark is None else mark.start() if mark.group() == "\n" else mark.end()
        yield s0, s1


def _positions(text: str, ch: str) -> Iterator[int]:
    """Where ``ch`` occurs in ``text``, ascending."""
    at = text.find(ch)
    while at >= 0:
        yield at
        at = text.find(ch, at + 1)


def check_sentences(ctx: DocContext, covered: set[tuple[int, int]]) -> None:
    """Run the sentence-level checks; ``covered`` holds original spans of rates already
    checked from claims (those are skipped)."""
    text = ctx.text
    named: list[Named] = []
    sector_sums: list[tuple[int, Qty, list[Qty]]] = []
    # the figures of the whole text, read once: no figure crosses a sentence end (。！？!?\n), and
    # the gaps between sentences hold only those marks, so each sentence's figures are the run of
    # the text's figures that start inside it (the same figures a read of the sentence alone gives)
    every_figure = read_quantities(text)
    n_figures = len(every_figure)
    k = 0
    # only sentences with a figure, or with 倍/番 (a multiple written in words), have anything to test
    # (one sort of the three ascending runs in C: cheaper than heapq.merge's generator per position)
    wanted = sorted([q.start for q in every_figure] + [*_positions(text, "倍"), *_positions(text, "番")])
    for s0, s1 in _sentences_at(text, wanted):
        first = k
        while k < n_figures and every_figure[k].start < s1:
            k += 1
        if first == k:
            _lone_changes(ctx, text, s0, s1, [])
            continue
        qs = every_figure[first:k]
        _changes(ctx, text, s0, s1, qs, covered)
        _lone_annual(ctx, text, s0, qs, covered)
        _qizhong(ctx, text, s0, s1, qs, named, sector_sums)
        _named_amounts(text, s0, qs, named)
        _level_delta_rate(ctx, text, s0, s1, qs)
        _against_base(ctx, text, s0, qs)
        _total_after(ctx, text, s0, s1, qs)
        _respectively_sums(ctx, text, s0, s1, qs, named, sector_sums)
        _lone_changes(ctx, text, s0, s1, qs)
        _plus_total(ctx, text, s0, s1, qs)
    _structures(ctx, text, sector_sums)
    _pulls(ctx, text)
    line_labels: dict[int, list[tuple[Qty, str]]] = {}  # the figures and names of a line, by its start
    _identities(ctx, text, every_figure, line_labels)
    _ratio_identities(ctx, text, every_figure, line_labels)
    from .tablecheck import check_tables
    check_tables(ctx)
    _shares(ctx, text, named, covered, every_figure)


# 最终消费支出拉动国内生产总值增长4.3个百分点 … 货物和服务净出口向下拉动0.6个百分点: the pulls of an
# exhaustive split (the three demand components, the three sectors) add up to the growth rate
PULL_FAMILIES = (("最终消费支出", "资本形成总额", "货物和服务净出口"), ("第一产业", "第二产业", "第三产业"))
_PULL = regex.compile(r"(?P<who>" + "|".join(w for fam in PULL_FAMILIES for w in fam) + r")"
                      r"[^，。；;,\d]{0,14}?(?P<down>向下)?拉动(?:国内|地区)?(?:生产总值|GDP|经济)?(?:增长)?"
                      r"(?P<neg>-)?(?P<num>\d+(?:\.\d+)?)个百分点")
_GROWTH_OF_GDP = regex.compile(r"(?:国内|地区)生产总值[^。；\n]{0,40}?(?:比上年|同比)?增长(?P<num>\d+(?:\.\d+)?)%")


def _pulls(ctx: DocContext, text: str) -> None:
    """Pulls (拉动 … 个百分点) of an exhaustive split against the growth rate they make up."""
    if "拉动" not in text:
        return  # no line can hold a pull
    for pm in _LINE.finditer(text):
        lo, hi = pm.span()
        if "拉动" not in text[lo:hi]:
            continue
        pulls = list(_PULL.finditer(text, lo, hi))
        for family in PULL_FAMILIES:
            members = {m.group("who"): m for m in pulls if m.group("who") in family}
            if len(members) != len(family):
                continue
            first = min(m.start() for m in members.values())
            rates = [g for g in _GROWTH_OF_GDP.finditer(text, lo, first)]
            if not rates:
                continue
            g = rates[-1]
            total = Operand("growth_rate", stated_band(Decimal(g.group("num")), g.group("num")), g.group("num") + "%",
                            ctx.span(*g.span("num")), decimals_of(g.group("num")))
            parts = []
            for i, who in enumerate(family):
                m = members[who]
                negative = bool(m.group("down") or m.group("neg"))
                num = ("-" if negative else "") + m.group("num")
                parts.append(Operand(f"pull{i + 1}", stated_band(Decimal(num), num), num, ctx.span(*m.span("num")),
                                     decimals_of(m.group("num"))))
            check_sum(ctx, total, parts, exhaustive=True, what="各部分对增长的拉动之和")


_PLUS = regex.compile(r"加上|再加上|连同")
_ALL_TOGETHER = regex.compile(r"(?:共|合计|总计|共计|累计共)\p{Han}{0,12}?$")


def _plus_total(ctx: DocContext, text: str, s0: int, s1: int, qs: list[Qty]) -> None:
    """A，加上B（等措施），共C: the parts named before 共 are within the total (add up to it when
    every part has a figure and no 等 leaves some out)."""
    if text.find("加上", s0, s1) < 0 and text.find("连同", s0, s1) < 0:
        return  # (every match of _PLUS holds one of the two: most sentences add nothing up)
    pm = _PLUS.search(text, s0, s1)
    if not pm:
        return
    for k, total in enumerate(qs):
        if total.start < pm.end() or total.is_percent or not _ALL_TOGETHER.search(text, max(pm.end(), total.start - 16),
                                                                                  total.start):
            continue
        parts = [q for q in qs[:k] if _same_unit(q, total) and not _DELTA_BEFORE.search(text, max(s0, q.start - 5),
                                                                                            q.start)]
        if not parts or not any(p.start < pm.start() for p in parts):
            return
        listed = text[pm.end():total.start]
        exhaustive = len(parts) >= 2 and "等" not in listed and any(p.start > pm.end() for p in parts)
        ops = [_operand(ctx, f"part{i + 1}", p) for i, p in enumerate(parts)]
        total_op = _operand(ctx, "total", total)
        if exhaustive:
            check_sum(ctx, total_op, ops, exhaustive=True, what="合计")
        elif len(ops) == 1:
            _single_part(ctx, total_op, ops[0], "", "")  # 营改增减税超过2万亿元 … 共3万多亿元
        else:
            check_sum(ctx, total_op, ops, exhaustive=False, what="合计")
        return


def _is_covered(ctx: DocContext, q: Qty, covered: set[tuple[int, int]]) -> bool:
    s, e = ctx.nt.span_to_original(q.start, q.end)
    return any(a < e and s < b for a, b in covered)


def _changes(ctx: DocContext, text: str, s0: int, s1: int, qs: list[Qty], covered) -> None:
    for fm in _FROM.finditer(text, s0, s1):
        after = [q for q in qs if q.start >= fm.end() and not q.is_year]
        if not after:
            continue
        a = after[0]
        if a.start - fm.end() > 12 or text[a.end:a.end + 1] == "、":
            continue
        to = _TO.search(text, a.end, min(s1, a.end + 14))
        if not to:
            continue
        rest = [q for q in qs if q.start >= to.end() and not q.is_year]
        if not rest or rest[0].start - to.end() > 12:
            continue
        b = rest[0]
        if a.unit != b.unit or not a.unit:
            continue  # bare numbers (名次, 第10位) carry no direction
        if text[a.end:a.end + 1] in "位名" or text[max(0, a.start - 1):a.start] == "第":
            continue
        indicator = _indicator_before(text, s0, fm.start())
        verb = to.group("verb")
        y1 = _YEAR_BEFORE.search(text[fm.end():a.start])
        y2 = _YEAR_BEFORE.search(text[to.end():b.start])
        start = _operand(ctx, "start", a)
        end = _operand(ctx, "end", b)
        check_direction(ctx, start, end, verb, indicator=indicator or None)
        tail_end = _clause_limit(text, b.end, s1)
        tail = [q for q in qs if b.end <= q.start < tail_end]
        if a.is_percent and _pp_after(ctx, text, b, tail, start, end):
            continue
        for q in tail:
            before = text[max(s0, q.start - 12):q.start]
            if q.is_percent and not _is_covered(ctx, q, covered):
                am = _ANNUAL.search(before)
                gm = _GROWTH_WORD.search(before)
                decrease = verb_direction((am or gm).group("verb")) == "decrease" if (am or gm) else False
                rate = _operand(ctx, "rate", q)
                # 名义增长 is at current prices like the levels; 实际增长 at comparable prices
                nominal = True if "名义" in before else (False if "实际" in before else None)
                if am:
                    years = None
                    year_ops: list[Operand] = []
                    extra = []
                    if y1 and y2:
                        ya, yb = int(y1.group("y")), int(y2.group("y"))
                        years = yb - ya
                        ya_s = fm.end() + y1.start()
                        yb_s = to.end() + y2.start()
                        year_ops = [Operand("start_year", exact(ya), str(ya), ctx.span(ya_s, ya_s + 5), 0,
                                            role="start_year"),
                                    Operand("end_year", exact(yb), str(yb), ctx.span(yb_s, yb_s + 5), 0,
                                            role="end_year")]
                    else:
                        found = _years_in_context(text, q.start, s0)
                        if found:
                            years = found[0]
                            extra = [ctx.span(*found[1])]
                    last = check_cagr(ctx, rate, start, end, years, indicator=indicator, year_operands=year_ops,
                                      extra_spans=extra, decrease=decrease, nominal=nominal)
                    if extra and last is not None and last.verdict in ("inconsistent", "inconsistent_decision") and \
                            not (extra[0].start >= ctx.span(s0, s0 + 1).start):
                        # the number of years was read from the section, not the sentence: do not accuse
                        last.verdict, last.severity = "not_testable", "info"
                        last.reason = ("the period was inferred from the section heading "
                                       f"({extra[0].text}); the figures disagree for that period")
                elif gm:
                    check_growth(ctx, rate, start, end, indicator=indicator, decrease=decrease, nominal=nominal)
        for q in tail:
            if _same_unit(q, a) and _CHANGE_VERB_END.search(
                                                 text[max(s0, q.start - 4):q.start]):
                diff = sub(end.band, start.band) if end.band.point >= start.band.point else sub(start.band, end.band)
                _emit(ctx, "sum", f"{indicator}增减量", "change in level",
                      "end-start" if end.band.point >= start.band.point else "start-end", diff,
                      _operand(ctx, "delta", q), [start, end])
                break
        tm = _TIMES.search(text, b.end, tail_end)
        if tm:
            _multiple(ctx, tm, start, end)
        break


_CLAUSE_SEP = regex.compile(r"[，,；;]")
_OTHER_TOPIC = regex.compile(r"其中|同时|从|由|比上年|同比")


def _clause_limit(text: str, pos: int, s1: int, clauses: int = 3) -> int:
    """End of the clauses that still speak of the change just read (at most ``clauses``,
    stopping before one that opens another topic)."""
    end = pos
    for _ in range(clauses):
        m = _CLAUSE_SEP.search(text, end, s1)
        nxt = m.start() if m else s1
        if end > pos and _OTHER_TOPIC.search(text, end, nxt):
            return end
        end = nxt
        if not m:
            return s1
        end = m.end()
    return end


def _pp_after(ctx: DocContext, text: str, b: Qty, tail: list[Qty], start: Operand, end: Operand) -> bool:
    """提高N个百分点 after 从A%到B%; True when one was checked."""
    for q in tail:
        if q.unit in ("个百分点", "百分点"):
            pm = _PP.search(text[max(0, q.start - 6):q.start])
            decrease = bool(pm and verb_direction(pm.group("verb")) == "decrease")
            pp = _operand(ctx, "pp", q)
            check_pp(ctx, pp, start, end, decrease=decrease)
            return True
    return False


def _multiple(ctx: DocContext, tm: regex.Match, start: Operand, end: Operand) -> None:
    if tm.group("double"):
        n, kind, text_n = Decimal(2), "doubling", tm.group("double")
    else:
        v = tm.group("n")
        n = Decimal(v) if v[0].isdigit() else Decimal(cn_int(v) or 0)
        kind, text_n = "grew_by", tm.group(0)
    if not n:
        return
    near = _APPROX_END.search(ctx.text[max(0, tm.start() - 2):tm.start()])
    approx = [] if not near else (["more_than"] if near.group().startswith("超") else ["about"])
    if _MORE_AFTER.match(ctx.text, tm.end()):
        approx = ["more_than"]  # 翻一番以上, 增长两倍多: at least that multiple
    # 翻一番 and 增长两倍 are statements in whole multiples: read them like a figure with one decimal
    written = f"{n}.0" if not tm.group("n") or not tm.group("n")[0].isdigit() else tm.group("n")
    band = stated_band(n, written, approx=approx)
    op = Operand("multiple", band, text_n, ctx.span(*tm.span()), 0)
    check_multiple(ctx, op, start, end, kind)


def _lone_annual(ctx: DocContext, text: str, s0: int, qs: list[Qty], covered) -> None:
    for q in qs:
        if not q.is_percent:
            continue
        lo = max(s0, q.start - 12)
        if text.find("年均", lo, q.start) < 0 or not _ANNUAL.search(text[lo:q.start]):
            continue  # (_ANNUAL starts with 年均: most rates are not annual averages)
        span = ctx.span(q.start, q.end)
        if any(f.check == "cagr" and any(sp.start == span.start for sp in f.spans) for f in ctx.findings):
            continue
        if _is_covered(ctx, q, covered):
            continue
        rate = _operand(ctx, "rate", q)
        indicator = _ANNUAL_TAIL.sub("", _indicator_before(text, s0, q.start))
        check_cagr(ctx, rate, None, None, None, indicator=indicator)


_PAREN = regex.compile(r"[（(][^（）()]{0,20}[）)]")
# the last clause break or bracket of a segment ((?r): searched from the end)
_LAST_NAME_BREAK = regex.compile(r"(?r)[，,；;、：:。！？\n（）()]")


def _part_name(text: str, lo: int, q: Qty) -> str:
    """The name written before figure ``q`` (from ``lo``): the text after the last break."""
    seg = text[lo:q.start]
    if "（" in seg or "(" in seg:
        seg = _PAREN.sub("", seg)
    cut = _LAST_NAME_BREAK.search(seg)
    name = (seg[cut.end():] if cut else seg).strip()
    return _NAME_STRIP.sub("", name)


def _exhaustive(names: list[str]) -> bool:
    for split in EXHAUSTIVE_SPLITS:
        if len(split) == len(names) and all(any(k in n for n in names) for k in split) and \
                all(sum(1 for k in split if k in n) == 1 for n in names):
            return True
    return False


_NEW_TOPIC = regex.compile(r"\s*(?:新增|完成|实现|建成|开工|累计|达到|推动|加快|全年|年末|全市|全省|全国|"
                            r"全区|同时|此外|另外|其中|共|总计|合计|比上年|增长|下降)")
_DELTA_BEFORE = regex.compile(r"(?:增加|减少|增长|下降|增产|减产|多|少|提高|降低|扩大|缩小|净增|新增)了?$")


def _total_candidates(text: str, lo: int, hi: int, unit_of: Qty) -> list[Qty]:
    """Figures in ``text[lo:hi]`` that may be the total of a 其中 list (same unit, not a change)."""
    out = []
    for q in read_quantities(text, lo, hi):
        if q.is_percent or q.is_year or not _same_unit(q, unit_of):
            continue
        if _DELTA_BEFORE.search(text, max(lo, q.start - 5), q.start):
            continue
        out.append(q)
    return out


def _qizhong(ctx: DocContext, text: str, s0: int, s1: int, qs: list[Qty], named: list[Named],
             sector_sums: list) -> None:
    for qm in _QIZHONG.finditer(text, s0, s1):
        parts: list[Qty] = []
        names: list[str] = []
        pos = qm.end()
        for q in qs:
            if q.start < qm.end() or q.is_percent or q.is_year or q.unit in ("倍", "个百分点", "百分点", ""):
                continue
            if parts and not _same_unit(q, parts[0]):
                continue
            clause_start = max(max(text.rfind(c, qm.end(), q.start) for c in "，,；;、") + 1, qm.end())
            if q.start - clause_start > 24 or any(p.start >= clause_start for p in parts):
                continue
            if _DELTA_BEFORE.search(text, max(clause_start, q.start - 5), q.start):
                continue
            if parts and _NEW_TOPIC.match(text, clause_start):
                break  # 其中高铁370公里，新增高速公路2600公里: the 其中 list has ended
            parts.append(q)
            names.append(_part_name(text, clause_start, q))
            pos = q.end
            if len(names) >= 2 and _exhaustive(names):
                break  # 其中男性…，女性…；常住人口…: a complete split ends the list
        if not parts:
            continue
        same = _total_candidates(text, s0, qm.start(), parts[0])
        if same:
            total, total_lo = same[-1], s0
        else:
            prev_start = max(text.rfind(ch, 0, max(0, s0 - 1)) for ch in "。！？!?\n") + 1
            prev = _total_candidates(text, prev_start, s0, parts[0])
            if not prev:
                continue
            total, total_lo = prev[0], prev_start
        total_name = _part_name(text, total_lo, total)
        total_op = _operand(ctx, "total", total)
        part_ops = [_operand(ctx, f"part{i + 1}", p) for i, p in enumerate(parts)]
        averages = _AVERAGE.search(total_name) or any(_AVERAGE.search(n) for n in names)
        if len(parts) == 1:
            if not averages:
                _single_part(ctx, total_op, part_ops[0], total_name, names[0])
            continue
        exhaustive = _exhaustive(names)
        if averages:
            # 人均/平均 figures do not add up; with an exhaustive split the whole lies between its parts
            if exhaustive:
                _between(ctx, total_op, part_ops, f"{total_name or '总体'}（平均数）")
                _weighted_average(ctx, text, total, parts, qm.start(), s1, total_name)
            continue
        check_sum(ctx, total_op, part_ops, exhaustive=exhaustive,
                  what=f"{total_name or '总量'}的分项之和")
        if exhaustive:
            _weighted_average(ctx, text, total, parts, qm.start(), s1, total_name)
        named.append(NamedAmount(total_name, total))
        named.extend(NamedAmount(n, p) for n, p in zip(names, parts))
        if exhaustive and len(parts) == 3 and any("第一产业" in n or "一产" in n for n in names):
            sector_sums.append((pos, total, parts))


_RATE_VERB = regex.compile(r"(?P<v>增长|下降|增产|减产|上涨|下跌|提高|降低)了?$")


def _rate_after(text: str, pos: int, limit: int) -> Qty | None:
    """The growth rate stated right after a figure (…亿元，增长4.2%), signed by its verb."""
    for q in read_quantities(text, pos, limit):
        if q.is_percent:
            m = _RATE_VERB.search(text, max(pos, q.start - 6), q.start)
            if not m or q.start - pos > 16:
                return None
            if m.group("v") in ("下降", "减产", "下跌", "降低"):
                b = q.band
                q = Qty(q.start, q.end, q.text, q.number_text, -q.value, q.unit, q.scale, q.approx,
                        Band(-b.point, None if b.high is None else -b.high, None if b.low is None else -b.low, b.note),
                        "-" + (q.written or q.text))
            return q
        return None
    return None


_AVERAGE = regex.compile(r"人均|平均|每")


def _between(ctx: DocContext, stated: Operand, ops: list[Operand], what: str) -> None:
    """An average of a split population lies between the averages of its parts."""
    points = [o.band.point for o in ops]
    lo, hi = min(points), max(points)
    x = stated.band.point
    if lo <= x <= hi:
        verdict = "consistent"
    elif all(o.band.bounded for o in ops) and min(o.band.low for o in ops) <= (stated.band.high or x) \
            and (stated.band.low or x) <= max(o.band.high for o in ops):  # type: ignore[operator,type-var]
        verdict = "consistent_by_rounding_only"
    else:
        verdict = "inconsistent"
    names = ",".join(o.name for o in ops)
    args = dict(what=what, what_en="average of the whole", formula="各分项的范围", point=f"{fmt(lo)}～{fmt(hi)}",
                low=fmt(lo), high=fmt(hi), stated=stated.span.text)
    ctx.add("weighted_average", verdict, [stated.span] + [o.span for o in ops], msg.zh(f"arith_{verdict}", **args),
            msg.en(f"arith_{verdict}", **{**args, "formula": "the range of the parts"}),
            formula=f"MIN(MAX({stated.name},MIN({names})),MAX({names}))",
            inputs=[stated.formula_input()] + [o.formula_input() for o in ops], stated=stated.text,
            computed=Band(min(max(x, lo), hi), lo, hi), places=max(o.places for o in ops),
            tolerance="between the lowest and highest of the parts")


def _weighted_average(ctx: DocContext, text: str, total: Qty, parts: list[Qty], qizhong: int, s1: int,
                      total_name: str) -> None:
    """The growth of a total lies between the growth of its parts (an exhaustive split:
    三次产业, 城镇/乡村 …); its rate is a weighted average of theirs."""
    t_rate = _rate_after(text, total.end, qizhong)
    ends = [p.start for p in parts[1:]] + [s1]
    p_rates = [_rate_after(text, p.end, e) for p, e in zip(parts, ends)]
    if t_rate is None or any(r is None for r in p_rates):
        return
    stated = _operand(ctx, "total_rate", t_rate)
    ops = [_operand(ctx, f"rate{i + 1}", r) for i, r in enumerate(p_rates)]  # type: ignore[arg-type]
    points = [o.band.point for o in ops]
    lows = [o.band.low for o in ops]
    highs = [o.band.high for o in ops]
    lo, hi = min(points), max(points)
    x = stated.band.point
    if lo <= x <= hi:
        verdict = "consistent"
    elif all(v is not None for v in lows + highs) and min(lows) <= (stated.band.high or x) and \
            (stated.band.low or x) <= max(highs):  # type: ignore[type-var]
        verdict = "consistent_by_rounding_only"
    else:
        verdict = "inconsistent"
    names = ",".join(o.name for o in ops)
    formula = f"MIN(MAX(total_rate,MIN({names})),MAX({names}))"
    args = dict(what=f"{total_name or '总量'}增速", what_en="growth of the total", formula="各分项增速的范围",
                point=f"{lo}～{hi}", low=fmt(min(lows)) if None not in lows else "∞",
                high=fmt(max(highs)) if None not in highs else "∞", stated=stated.span.text)
    ctx.add("weighted_average", verdict, [stated.span] + [o.span for o in ops],
            msg.zh(f"arith_{verdict}", **args), msg.en(f"arith_{verdict}", **{**args, "formula": "the range of the parts' rates"}),
            formula=formula, inputs=[stated.formula_input()] + [o.formula_input() for o in ops],
            stated=stated.text, computed=Band(min(max(x, lo), hi), lo, hi),
            places=max(o.places for o in ops), tolerance="between the lowest and highest rate of the parts")


_BASE_GROWTH = regex.compile(r"[，,]?\s*(?:比|较)(?:上年|去年|(?:19|20)\d{2}年)(?:同期|末)?(?:的)?$")
_BASE_TIMES = regex.compile(r"[，,]?\s*是(?:上年|去年|(?:19|20)\d{2}年)(?:同期|末)?(?:的)?$")


def _against_base(ctx: DocContext, text: str, s0: int, qs: list[Qty]) -> None:
    """L，比2012年的B增长R% (R = (L/B − 1) × 100) and L，是2012年B的N倍 (N = L/B)."""
    for i, level in enumerate(qs[:-1]):
        if level.is_percent or level.is_year or not level.unit:
            continue
        base = qs[i + 1]
        if not _same_unit(base, level) or base.start - level.end > 16:
            continue
        lead = text[level.end:base.start]
        if _BASE_GROWTH.search(lead) and i + 2 < len(qs) and qs[i + 2].is_percent:
            rate = qs[i + 2]
            verb = _CHANGE_VERB_ONLY.match(text[base.end:rate.start])
            if not verb:
                continue
            indicator = _indicator_before(text, s0, level.start)
            L, B, R = _operand(ctx, "end", level), _operand(ctx, "start", base), _operand(ctx, "rate", rate)
            check_growth(ctx, R, B, L, indicator=indicator, decrease=verb_direction(verb.group("v")) == "decrease")
        elif _BASE_TIMES.search(lead):
            tm = _TIMES_OF.match(text[base.end:base.end + 8])
            if not tm:
                continue
            n_text = tm.group("n")
            n = Decimal(n_text) if n_text[0].isdigit() else Decimal(cn_int(n_text) or 0)
            if not n:
                continue
            band = stated_band(n, n_text if n_text[0].isdigit() else f"{n}.0")
            mult = Operand("multiple", band, tm.group(), ctx.span(base.end + tm.start(), base.end + tm.end()), 0)
            check_multiple(ctx, mult, _operand(ctx, "start", base), _operand(ctx, "end", level), "times_of")


_TOTAL_AFTER = regex.compile(r"(?:总量|总数|合计|共计|总计|总额|总共|共)(?:达到|达|为|超过|突破|约)?$")


def _total_after(ctx: DocContext, text: str, s0: int, s1: int, qs: list[Qty]) -> None:
    """A、B …，(X)总量T: figures listed before a total in the same sentence (parts need not be all)."""
    for i, q in enumerate(qs):
        if i < 2 or not q.unit or q.is_percent:  # (a year has no unit)
            continue
        m = _TOTAL_AFTER.search(text, max(s0, q.start - 8), q.start)
        if not m:
            continue
        clause_start = max(text.rfind(ch, s0, m.start()) for ch in "，,；;") + 1
        prev_end = clause_start - 1
        if prev_end <= s0:
            continue
        list_start = max(max(text.rfind(ch, s0, prev_end) for ch in "，,；;。") + 1, s0)
        parts = [p for p in qs if list_start <= p.start < prev_end and _same_unit(p, q)]
        if len(parts) < 2 or "、" not in text[list_start:prev_end]:
            if _SUMMED.match(m.group()):
                _summed_clauses(ctx, text, s0, clause_start, qs, q)
            continue
        total_op = _operand(ctx, "total", q)
        check_sum(ctx, total_op, [_operand(ctx, f"part{k + 1}", p) for k, p in enumerate(parts)],
                  exhaustive=False, what=f"{_part_name(text, clause_start, q) or '总量'}的分项之和")


_SUMMED = regex.compile(r"(?:合计|共计|总计)")


def _summed_clauses(ctx: DocContext, text: str, s0: int, clause_start: int, qs: list[Qty], total: Qty) -> None:
    """A x，B y，合计 z: the figures of the clauses right before 合计/共计/总计, one a clause,
    add up to the total (the word sums what was listed)."""
    parts: list[Qty] = []
    end = clause_start - 1
    while end > s0 and len(parts) < 8:
        start = max(max(text.rfind(ch, s0, end) for ch in "，,；;") + 1, s0)
        inside = [p for p in qs if start <= p.start < end]
        same = [p for p in inside if _same_unit(p, total)]
        if len(same) != 1 or len(inside) != 1 or _DELTA_BEFORE.search(text, max(start, same[0].start - 5),
                                                                           same[0].start):
            break
        parts.insert(0, same[0])
        end = start - 1
    if len(parts) >= 2:
        check_sum(ctx, _operand(ctx, "total", total), [_operand(ctx, f"part{k + 1}", p) for k, p in enumerate(parts)],
                  exhaustive=True, what="合计")


_LONE_PP = regex.compile(r"(?:提高|上升|增加|下降|降低|减少|回落|扩大|缩小|加快|放缓|回升|收窄|下滑|高|低)(?:了)?$")
_PP_DOWN = regex.compile(r"(?:下降|降低|减少|回落|缩小|放缓|收窄|下滑|低)(?:了)?$")
# 比上年的1.8%, 较上半年的5.4%: a rate written as the base of a comparison
_BECAME = regex.compile(r"\s*[，,]?\s*(?:调整|变化|优化|转变|变|升级|演变)(?:为|到|至)")
_EARLIER = regex.compile(r"(?:上年|去年|上一年|上年末)(?:同期)?的?$")
_MORE_AFTER = regex.compile(r"(?:以上|多|有余|不止)")
_BACK_TO_RATE = regex.compile(r"^[，,]?\s*(?:其)?(?:涨幅|增速|增幅|增长速度|增长率|升幅|降幅|跌幅)?(?:比|较)[^，。；;%\d]{0,8}?的?$")
_BASE_RATE = regex.compile(r"(?:比|较)[^，。；;,%\d]{0,8}的?$")
_LONE_TIMES = regex.compile(r"(?P<verb>增长|增加|提高|扩大)(?:了)?(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,2})倍"
                            r"|(?P<double>翻了?一番|翻番)|是\p{Han}{0,12}?的(?P<n2>\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,2})倍")


def _lone_changes(ctx: DocContext, text: str, s0: int, s1: int, qs: list[Qty]) -> None:
    """百分点 and 倍 statements that nothing else tested: not_testable (only the change is stated)."""
    checked: set[tuple[int, int]] | None = None  # spans of the earlier findings, built on first need
    for q in qs:
        if q.unit not in ("个百分点", "百分点"):
            continue
        if not _LONE_PP.search(text, max(s0, q.start - 4), q.start):
            continue
        if checked is None:  # no finding was added before this point; the set grows with the document
            checked = ctx.span_offsets()
        span = ctx.span(q.start, q.end)
        if (span.start, span.end) in checked:
            continue
        op = _operand(ctx, "pp", q)
        level = [p for p in qs if p.is_percent and q.start - 30 <= p.end <= q.start]
        if level and _BASE_RATE.search(text, max(s0, level[-1].start - 10), level[-1].start):
            # 上涨0.3%，涨幅比上年的1.8%回落1.5个百分点: the rate of this period is the one before the base
            base = level[-1]
            # only a rate word may stand between the two (涨幅/增速): 出口增长8%，进口增速比上年的5.4%… is
            # another indicator's rate
            current = [p for p in qs if p.is_percent and base.start - 40 <= p.end <= base.start
                       and _BACK_TO_RATE.match(text[p.end:base.start])]
            if current:
                down = bool(_PP_DOWN.search(text, max(s0, q.start - 4), q.start))
                check_pp(ctx, op, _operand(ctx, "start", base), _operand(ctx, "end", current[-1]), decrease=down,
                         what="百分点变化（与比较基期的比率）")
                continue
        if level:
            rate = _operand(ctx, "end", level[-1])
            not_testable(ctx, "pp_difference", "百分点变化", "percentage-point change",
                         "只给出一个比率和变化的百分点数，另一个比率不在文中",
                         "one rate and the change are stated; the other rate is not in the text", [op, rate],
                         stated=op)
        else:
            not_testable(ctx, "pp_difference", "百分点变化", "percentage-point change",
                         "只给出变化的百分点数，缺少变化前后的比率", "only the change is stated, not both rates", [op],
                         stated=op)
    if text.find("倍", s0, s1) < 0 and text.find("番", s0, s1) < 0:
        return  # every form of _LONE_TIMES holds one of the two
    for m in _LONE_TIMES.finditer(text, s0, s1):
        if checked is None:  # nothing was added above when it is still unbuilt
            checked = ctx.span_offsets()
        span = ctx.span(*m.span())
        if any(a < span.end and span.start < b for a, b in checked):
            continue
        op = Operand("multiple", Band(Decimal(0), None, None, ""), m.group(), span, 0)
        not_testable(ctx, "multiple", "倍数", "multiple", "只给出倍数，缺少对应的两个水平值",
                     "a multiple without the levels it links", [op])


_RESP_VALUES = regex.compile(r"分别(?:为|是|达到|达|实现|占)?")
_ORDINAL_SHORT = regex.compile(r"第(?P<a>[一二三])(?P<rest>(?:[、和][一二三])+)(?P<head>产业)")


def _subject_names(seg: str) -> list[str]:
    """Subjects of a 分别 list, with 第一、二、三产业 spelled out."""
    if _THREE_SECTORS.search(seg):
        return ["第一产业", "第二产业", "第三产业"]
    m = _ORDINAL_SHORT.search(seg)
    if m:
        nums = [m.group("a")] + _ONE_TO_THREE.findall(m.group("rest"))
        return [f"第{n}{m.group('head')}" for n in nums]
    seg = _ETC_TAIL.sub("", seg)
    return [p for p in _LIST_SEPARATOR.split(seg) if p]


def _respectively_sums(ctx: DocContext, text: str, s0: int, s1: int, qs: list[Qty],
                       named: list[Named], sector_sums: list) -> None:
    """第一、二、三产业增加值分别为a、b和c (against the total), 占比分别为x%、y%和z% (to 100)."""
    for m in _RESP_VALUES.finditer(text, s0, s1):
        cs = max(max(text.rfind(ch, s0, m.start()) for ch in "，,；;：:。") + 1, s0)
        names = _subject_names(text[cs:m.start()])
        if len(names) < 2 or not _exhaustive(names) or _AVERAGE.search(text[cs:m.start()]):
            continue
        ce = min([i for i in (text.find(ch, m.end(), s1) for ch in "，,；;。") if i != -1] or [s1])
        values = [q for q in qs if m.end() <= q.start < ce]
        if len(values) != len(names):
            continue
        ops = [_operand(ctx, f"part{i + 1}", q) for i, q in enumerate(values)]
        if all(q.is_percent for q in values):
            head = text[cs:ce]
            if _NOT_A_SPLIT.search(head):
                continue  # growth rates (分别增长) and pulls (拉动) of parts do not add up to anything
            if len(values) >= 3 or _STRUCTURE_WORD.search(head):
                check_ratio_terms(ctx, ops, ctx.span(values[0].start, values[-1].end), what="构成比重之和")
                near = [t for t in sector_sums if 0 <= values[0].start - t[0] <= 600]
                # contribution rates (贡献率) add up to 100 but are shares of the growth, not of the level
                if near and len(values) == 3 and "第一产业" in names[0] and not _CONTRIBUTION.search(head):
                    _, total, parts = near[-1]
                    whole = _operand(ctx, "whole", total)
                    for term, part, name in zip(ops, parts, names):
                        check_share(ctx, term, _operand(ctx, "part", part), whole, what=f"{name}比重")
            continue
        if any(not _same_unit(q, values[0]) for q in values):
            continue
        same = _total_candidates(text, s0, cs, values[0])
        if not same:
            prev_start = max(text.rfind(ch, 0, max(0, s0 - 1)) for ch in "。！？!?\n") + 1
            same = _total_candidates(text, prev_start, s0, values[0])
        if not same:
            continue
        total = same[-1]
        check_sum(ctx, _operand(ctx, "total", total), ops, exhaustive=True,
                  what=f"{_part_name(text, max(s0, total.start - 30), total) or '总量'}的分项之和")
        named.extend(NamedAmount(n, q) for n, q in zip(names, values))
        if len(values) == 3 and "第一产业" in names[0]:
            sector_sums.append((values[-1].end, total, values))


def _single_part(ctx: DocContext, total: Operand, part: Operand, total_name: str, part_name: str) -> None:
    """其中 with one part: the part is not above the total."""
    verdict = judge_at_most(part.band, total.band, approx=bool(part.approx or total.approx))
    share = (part.band.point / total.band.point * 100).quantize(Decimal("0.1")) if total.band.point else ""
    args = dict(part=f"{part_name}{part.span.text}", whole=f"{total_name}{total.span.text}", share=share)
    key = "pow_bad" if verdict == "inconsistent" else "pow_ok"
    ctx.add("part_of_whole", verdict, [total.span, part.span], msg.zh(key, **args), msg.en(key, **args),
            formula=f"total-{part.name}", inputs=[part.formula_input(), total.formula_input()], stated=None,
            tolerance="total-part >= 0", computed=sub(total.band, part.band),
            places=max(part.places, total.places))


def _named_amounts(text: str, s0: int, qs: list[Qty], named: list[Named]) -> None:
    """Every amount of the sentence, under the name written before it (read when looked up)."""
    for q in qs:
        if not q.unit or q.is_percent:  # (a year has no unit)
            continue
        named.append(_FigureName(text, max(s0, q.start - 30), q))


def _structures(ctx: DocContext, text: str, sector_sums: list) -> None:
    for sm in _STRUCTURE.finditer(text):
        # a ratio that starts near the word is read whole (由8.5:40.2:51.3调整为7.2:39.6:53.2)
        for rm in _RATIO.finditer(text, sm.end(), min(len(text), sm.end() + 70)):
            if rm.start() > sm.end() + 40:
                break
            terms = []
            for i, g in enumerate(("a", "b", "c")):
                num = rm.group(g)
                band = stated_band(Decimal(num), num)
                terms.append(Operand(f"term{i + 1}", band, num, ctx.span(*rm.span(g)),
                                     len(num.split(".")[1]) if "." in num else 0))
            if not _SECTOR_WORD.search(text[max(0, sm.start() - 12):sm.start()]):
                continue
            check_ratio_terms(ctx, terms, ctx.span(*rm.span()), what="三次产业结构比")
            if _BECAME.match(text, rm.end()) or _EARLIER.search(text, max(sm.start(), rm.start() - 12), rm.start()):
                continue  # 由上年的7.3:40.5:52.2调整为…: an earlier year's structure, not this year's levels
            near = [t for t in sector_sums if 0 <= rm.start() - t[0] <= 600]
            if near:
                _, total, parts = near[-1]
                whole = _operand(ctx, "whole", total)
                adjusted = sum(t.band.point for t in terms) == 100
                for term, part in zip(terms, parts):
                    check_share(ctx, term, _operand(ctx, "part", part), whole, what="产业结构比中的比重",
                                adjusted=adjusted)


def _shares(ctx: DocContext, text: str, named: list[Named], covered, figures: list[Qty]) -> None:
    """Shares (占 … 的比重为 X%) against the part and whole named earlier; ``figures`` are
    ``read_quantities(text)``."""
    last_whole: tuple[str, int] | None = None
    for q in figures:
        if not q.is_percent:
            continue
        lo = max(0, q.start - 60)
        # most rates are growth rates: neither pattern can match without its words right before the
        # figure (_SHARE ends in 比重/比例, a bracket of at most 26 characters, 为/达到/达/是 and 约;
        # _SHARE_BARE in 占…的 and 约)
        near = max(lo, q.start - 40)
        if text.find("比重", near, q.start) < 0 and text.find("比例", near, q.start) < 0 and (
                text.find("占", lo, q.start) < 0 or text.find("的", max(0, q.start - 3), q.start) < 0):
            continue
        sm = _SHARE.search(text, lo, q.start)
        if not sm or sm.end() != q.start:
            # 税收收入2940亿元，占一般公共预算收入的70.0%: a share written without 比重
            sm = _SHARE_BARE.search(text, lo, q.start)
            if not sm or sm.end() != q.start:
                continue
        if _is_covered(ctx, q, covered):
            continue
        part_name = _UP_TO_LAST_BREAK.sub("", sm.group("part"))
        whole_name = sm.group("whole")
        if whole_name is None:
            # 第二产业增加值比重为38.3%: the whole of the previous share in the same sentence
            if last_whole is None or _SENTENCE_END.search(text, last_whole[1], sm.start()):
                continue
            whole_name = last_whole[0]
        last_whole = (whole_name, q.end)
        part_q = None
        if not part_name:
            prev = [x for x in read_quantities(text, max(0, sm.start() - 30), sm.start())
                    if not x.is_percent and x.unit]
            if prev:
                part_q = prev[-1]
        else:
            part_q = _lookup(named, part_name, before=q.start, narrower=False)
        # 占全部利润的比重: the whole is the total of the measure (利润总额)
        whole_q = _lookup(named, _WHOLE_PREFIX.sub("", whole_name), before=q.start, exclude=part_q)
        if part_q is None or whole_q is None or part_q.unit != whole_q.unit or part_q is whole_q:
            continue
        check_share(ctx, _operand(ctx, "share", q), _operand(ctx, "part", part_q),
                    _operand(ctx, "whole", whole_q), what=f"{part_name or '该项'}占{whole_name}的比重")


_SENTENCE_END = regex.compile(r"[。！？!?\n]")
_CONTRIBUTION = regex.compile(r"贡献率|贡献度|拉动")
_NOT_A_SPLIT = regex.compile(r"分别(?:增长|下降|提高|降低|上升|回落|拉动|加快|放缓)|拉动|增速|增幅|涨幅")
_WHOLE_PREFIX = regex.compile(r"^(?:全部|全体|所有)(?=\p{Han}{2})")

# result = minuend − subtrahend, found by the labels of the figures in one paragraph
IDENTITIES: list[tuple[str, str, str, str]] = [
    ("自然增长率", "出生率", "死亡率", "人口自然增长率"),
    ("顺差", "出口", "进口", "进出口顺差"),
    ("逆差", "进口", "出口", "进出口逆差"),
]


_START = operator.attrgetter("start")  # the bisect key of a list of figures


def _line_labels(text: str, lo: int, hi: int, figures: list[Qty],
                 memo: dict[int, list[tuple[Qty, str]]]) -> list[tuple[Qty, str]]:
    """The figures of the line ``text[lo:hi]`` (years left out), each with the name written before it.

    ``figures`` are the text's figures (a line's are those that start in it: none crosses a line
    end); ``memo`` keeps each line's list for the document, as several keys are looked up in a line.
    """
    if lo not in memo:
        first = bisect.bisect_left(figures, lo, key=_START)
        last = bisect.bisect_left(figures, hi, key=_START)
        memo[lo] = [(q, _part_name(text, max(lo, q.start - 30), q)) for q in figures[first:last] if not q.is_year]
    return memo[lo]


def _labelled(text: str, lo: int, labels: list[tuple[Qty, str]], key: str, unit: str | None,
              exclude: tuple[str, ...] = (), units: tuple[str, ...] | None = None) -> Qty | None:
    """The one figure of the paragraph starting at ``lo`` labelled ``key`` (None when there are
    none or several); ``labels``: the paragraph's figures and names (see ``_line_labels``)."""
    found = None
    count = 0
    for q, label in labels:
        if key not in label or "进出口" in label and key in ("出口", "进口"):
            continue
        if any(x in label for x in exclude) or (units is not None and q.unit not in units):
            continue
        if _DELTA_BEFORE.search(text, max(lo, q.start - 5), q.start):
            continue
        if unit is not None and q.unit != unit:
            continue
        found = q
        count += 1
    return found if count == 1 else None


def _lines_with(text: str, keys: list[str]) -> list[tuple[int, int]]:
    """The lines (``_LINE`` matches: ``[^\n]+``) that hold one of ``keys``, in text order, each once;
    found from the keys' occurrences (most lines hold none)."""
    lines: set[tuple[int, int]] = set()
    for key in keys:
        at = text.find(key)
        while at >= 0:
            lo = text.rfind("\n", 0, at) + 1
            hi = text.find("\n", at)
            hi = len(text) if hi < 0 else hi
            lines.add((lo, hi))
            at = text.find(key, hi)  # (the next line: this one is taken)
    return sorted(lines)


def _identities(ctx: DocContext, text: str, figures: list[Qty], labels: dict[int, list[tuple[Qty, str]]]) -> None:
    """Differences the statistics define (自然增长率 = 出生率 − 死亡率, 顺差 = 出口 − 进口); ``figures``
    and ``labels`` as for :func:`_line_labels`."""
    for lo, hi in _lines_with(text, [res_key for res_key, *_ in IDENTITIES]):
        for res_key, a_key, b_key, what in IDENTITIES:
            if text.find(res_key, lo, hi) < 0:
                continue
            line = _line_labels(text, lo, hi, figures, labels)
            r = _labelled(text, lo, line, res_key, None)
            if r is None:
                continue
            a = _labelled(text, lo, line, a_key, r.unit)
            b = _labelled(text, lo, line, b_key, r.unit)
            if a is None or b is None or len({a.start, b.start, r.start}) < 3:
                continue
            ra, rb = _operand(ctx, "a", a), _operand(ctx, "b", b)
            _emit(ctx, "sum", what, what, "a-b", sub(ra.band, rb.band), _operand(ctx, "result", r), [ra, rb])


# result = numerator / denominator × scale, found by labels in one paragraph:
# (result key, numerator key, denominator key, denominator exclusions, units of the levels, scale, what)
RATIO_IDENTITIES: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...], int, str]] = [
    ("城镇化率", "城镇", "人口", ("城镇", "乡村", "农村", "出生", "死亡", "户籍", "流动", "男", "女"), ("人",), 100,
     "城镇化率"),
    ("收入比", "城镇居民", "农村居民", (), ("元",), 1, "城乡居民收入比"),
]


# what introduces the stated ratio of each RATIO_IDENTITIES entry (城镇化率为…)
_RATIO_INTRO = {res_key: regex.compile(regex.escape(res_key) + r"(?:值)?(?:为|是|达到|达|缩小至|缩小到|降至|提高到|提高至)?\s*")
                for res_key, *_ in RATIO_IDENTITIES}


def _ratio_identities(ctx: DocContext, text: str, figures: list[Qty],
                      labels: dict[int, list[tuple[Qty, str]]]) -> None:
    """Ratios the statistics define: 城镇化率 = 城镇人口 / 常住人口, 城乡收入比 = 城镇 / 农村 收入;
    ``figures`` and ``labels`` as for :func:`_line_labels`."""
    for lo, hi in _lines_with(text, [res_key for res_key, *_ in RATIO_IDENTITIES]):
        for res_key, num_key, den_key, exclude, units, scale, what in RATIO_IDENTITIES:
            if text.find(res_key, lo, hi) < 0:
                continue
            r = None
            for im in _RATIO_INTRO[res_key].finditer(text, lo, hi):
                after = [q for q in read_quantities(text, im.end(), min(hi, im.end() + 12)) if q.start == im.end()]
                if after and after[0].unit in ("%", "") and not text.startswith("个百分点", after[0].end):
                    r = after[0]
                    break
            if r is None or (scale == 100) != r.is_percent:
                continue
            line = _line_labels(text, lo, hi, figures, labels)
            a = _labelled(text, lo, line, num_key, None, units=units)
            b = _labelled(text, lo, line, den_key, None, exclude=exclude, units=units)
            if a is None or b is None or a.start == b.start:
                continue
            num, den = _operand(ctx, "numerator", a), _operand(ctx, "denominator", b)
            k = Decimal(scale)
            computed = monotone(lambda x, y: x / y * k, [num.band, den.band], [True, False])
            formula = "numerator/denominator*100" if scale == 100 else "numerator/denominator"
            _emit(ctx, "share" if scale == 100 else "sum", what, what, formula, computed, _operand(ctx, "ratio", r),
                  [num, den])


_LEVEL_DELTA_RATE = regex.compile(
    r"[，,]?\s*(?:比上年|比去年|较上年|同比|比年初|较年初|比上月|较上月)(?:末|同期|底)?(?P<v>增加|减少|增长|下降|增产|减产|多|少)")
_RATE_AFTER = regex.compile(r"[，,、]?\s*(?:比上年|同比)?(?P<v>增长|下降|增产|减产|提高|降低|上升)(?:了)?$")


def _level_delta_rate(ctx: DocContext, text: str, s0: int, s1: int, qs: list[Qty]) -> None:
    """L，比上年增加D，增长R%: R = D / (L − D) × 100 (L + D for a decrease)."""
    for i, level in enumerate(qs):
        if not level.unit or level.is_percent:  # (a year has no unit)
            continue
        m = _LEVEL_DELTA_RATE.match(text, level.end)
        if not m:
            continue
        rest = qs[i + 1:]
        if not rest or rest[0].start != m.end() or not _same_unit(rest[0], level):
            continue
        delta = rest[0]
        if len(rest) < 2 or not rest[1].is_percent:
            continue
        rate = rest[1]
        rm = _RATE_AFTER.search(text, delta.end, rate.start)
        if not rm or rate.start - delta.end > 12:
            continue
        down = m.group("v") in ("减少", "下降", "减产", "少")
        if down != (rm.group("v") in ("下降", "减产", "降低")):
            continue
        indicator = _indicator_before(text, s0, level.start)
        L, D, R = _operand(ctx, "level", level), _operand(ctx, "delta", delta), _operand(ctx, "rate", rate)
        if down:
            computed = monotone(lambda x, y: y / (x + y) * 100, [L.band, D.band], [False, True])
            formula = "delta/(level+delta)*100"
        else:
            computed = monotone(lambda x, y: y / (x - y) * 100, [L.band, D.band], [False, True])
            formula = "delta/(level-delta)*100"
        if is_real_indicator(indicator):
            _emit(ctx, "growth", f"{indicator}增长率", "growth rate", formula, computed, R, [L, D],
                  forced=("not_testable", REAL_VS_NOMINAL))
        elif COMPARABLE_WORDS.search(text, delta.end, rate.start):
            # 同口径增长6.0%: the rate is on a comparable basis, the levels are not
            _emit(ctx, "growth", f"{indicator}增长率", "growth rate", formula, computed, R, [L, D],
                  forced=("not_testable", COMPARABLE_BASIS))
        else:
            _emit(ctx, "growth", f"{indicator}增长率", "growth rate", formula, computed, R, [L, D])


@functools.lru_cache(maxsize=8192)
def _key(name: str) -> str:
    """A name without the words that do not tell amounts apart (全年, 总额, 的 …)."""
    return _NAME_NOISE.sub("", name)


def _lookup(named: list[Named], name: str, before: int, narrower: bool = True,
            exclude: Qty | None = None) -> Qty | None:
    """The latest amount stated before ``before`` under the same name (exact key first,
    else the one name that ends with the other). With ``narrower=False`` a figure named
    more broadly than ``name`` is not taken (网上零售额 is not 实物商品网上零售额)."""
    key = _key(name)
    if len(key) < 2:
        return None
    exact_hits, loose = [], []
    for na in named:
        if na.qty.start >= before or (exclude is not None and na.qty.start == exclude.start):
            continue
        k = _key(na.name)
        if len(k) < 2:
            continue
        if k == key:
            exact_hits.append(na)
        elif k.endswith(key) or (narrower and key.endswith(k)):
            loose.append(na)
    if exact_hits:
        return max(exact_hits, key=lambda na: na.qty.start).qty
    if len({_key(na.name) for na in loose}) == 1:
        return max(loose, key=lambda na: na.qty.start).qty
    return None
