"""Stage 4: bind recognised mentions into claims.

For every sentence the binder

1. runs the rule pack's claim patterns whose keyword occurs in the sentence
   (one Aho-Corasick pass per document finds the keywords) over the
   mention-marked sentence, every match under the pack's timeout;
2. keeps the best non-overlapping matches (priority, then more values, then
   earlier) and turns each into a claim: values with roles, indicator,
   subject, period, qualifiers, the checks the rule implies;
3. binds every quantity left over with the generic rule
   ``generic.nearest_indicator``: the nearest indicator phrase in the same
   clause, the claim type read from the verb next to the number.

Subjects come from the clause, then the sentence, then the document's main
place; periods from time expressions in the clause, then the sentence, then the
document's review / plan / year blocks (五年来, “十四五”时期, 2026年工作安排 …).
Each claim records where its subject and period came from.

The binder also fills, in place, each mention's ``indicator``, ``indicator_id``,
``subject``, ``period``, ``claim_id``, ``claim_type``, ``role`` and ``rule``.
"""
from __future__ import annotations

import bisect
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import regex

from .clauses import Located, Sentence, locate_mentions, marked_text, split_sentences
from .model import QUANTITY_KINDS, TIME_KINDS, Claim, ClaimValue, DocumentInfo, InputError, Mention, Span
from .normalise import NormalisedText
from .rules import MARK_RANGE, Pattern, RulePack
from .subjects import (CITY_DEIXIS, PROVINCE_DEIXIS, REGION_DEIXIS, REGIONS, PlaceContext, document_places,
                       find_subjects, is_subject_word, leading_entity, may_hold_entity, strip_leading_subject)

# patterns used inside functions, compiled once
_GROWTH_HEADER = regex.compile(r"增长|增速|增减|比上年")

GENERIC_RULE = "generic.nearest_indicator"
RESPECTIVELY_RULE_TYPE = "respectively"

# ---------------------------------------------------------------------------------------------
# word classes (the pack's [words] of the same names extend these)
# ---------------------------------------------------------------------------------------------
BUILTIN_WORDS: dict[str, list[str]] = {
    "increase": ["增长", "增加", "提高", "提升", "上升", "上涨", "扩大", "净增", "多增", "多了", "回升", "增产", "增收",
                 "加快", "增", "涨"],
    "decrease": ["下降", "减少", "降低", "下跌", "回落", "缩小", "压减", "压降", "缩减", "减产", "减收", "放缓", "收窄",
                 "减", "跌"],
    "level_verb": ["拥有", "达到", "达", "为", "是", "突破", "超过", "超出", "超", "接近", "近", "约", "逾", "增至",
                   "增加到", "增长到", "提高到", "提高至", "提升到", "提升至", "上升到", "上升至", "扩大到", "扩大至",
                   "下降到", "下降至", "降至", "降到", "降低到", "降低至", "减少到", "减少至", "缩小到", "缩小至",
                   "稳定在", "保持在", "控制在", "维持在", "实现", "完成", "达成", "共计", "总计", "合计", "共", "不少于",
                   "不低于", "不超过", "高于", "低于", "首次突破", "迈上", "跨上", "跃上", "站上", "累计", "有", "在",
                   "占", "以上", "到"],
    "adverb": ["平均", "至少", "年内", "名义", "实际", "扣除价格因素", "按可比价格计算", "按不变价格计算", "年仅", "仅", "只有", "仅有", "分别", "均", "都", "已", "已经", "将", "要", "预计", "预期", "力争",
               "争取", "计划", "首次", "再", "继续", "持续", "进一步", "同比", "比上年", "比去年", "较上年", "比上年末", "较去年", "比年初",
               "全年", "当年", "还", "也", "又", "仍", "总体", "整体", "稳步", "大幅", "明显", "较快"],
    "lead": ["拥有", "有着", "集聚", "聚集", "共有", "一季度", "二季度", "三季度", "四季度", "前三季度", "上半年", "下半年", "扣除价格因素", "其中", "同时", "并且", "并", "而且", "而", "此外", "另外", "特别是", "尤其是", "全年", "今年", "去年",
             "当年", "目前", "截至目前", "截至", "近年来", "如", "例如", "比如", "总计", "还", "也", "又", "和", "与",
             "及", "以及", "的", "、", "在", "使", "让", "其", "这", "完成", "实现", "推动", "推进",
             "加快", "带动", "促进"],
    "target": ["预计", "力争", "争取", "目标", "预期", "计划", "确保"],
    "flow": ["新增", "新建", "新设", "累计", "年均新增", "每年", "五年", "十年", "新培育", "新认定", "新开通", "新开工",
             "实施", "引进", "新签约", "完成", "改造", "开行", "输送", "新开", "建设"],
    "held": ["稳定在", "保持在", "始终", "连续", "均稳定在", "保持"],
    "breaker": ["的", "成为", "使", "让", "推动", "带动", "拉动", "其中", "作为", "以及"],
    "head": ["产业增加值", "产业产值", "产业", "增加值", "产量", "产值", "收入", "投资", "人数", "比重", "占比", "比例",
             "总额", "规模", "销售额", "营业收入", "利润", "出口", "进口", "支出", "标准", "覆盖率", "普及率", "率",
             "量", "额", "数"],
}

_MARKS_RUN = regex.compile(f"[{MARK_RANGE}]+")
_PUNCT_EDGE = regex.compile(r"^[\s、，,：:“”\"'‘’（）()《》]+|[\s、，,：:“”\"'‘’（《(]+$")
_HAN = regex.compile(r"\p{Han}")
_YEAR_IN = regex.compile(r"((?:19|20)\d{2})\s*年")
_PLAN = regex.compile(r"十([一二三四五六七])五")
# a plan period that opens a block: “十四五”时期 / 十五五规划 / “十四五”以来 …
_LOOK_BACK_CUE = regex.compile(r"(?:回望|回顾|总结)\P{P}{0,6}?[“\"]?十([一二三四五六七])五")
_PLAN_CUE = regex.compile(r"十([一二三四五六七])五[”\"]?(?:时期|期间|规划|以来|的主要|主要目标|发展|工作)")
_PLAN_NUM = {"一": 11, "二": 12, "三": 13, "四": 14, "五": 15, "六": 16, "七": 17}
_REVIEW_CUE = regex.compile(r"(?:过去|这|近|前)?(五|十)年(?:来|间|里|中)|过去(五|十)年|(五|十)年以来")
_LAST_YEAR_CUE = regex.compile(r"^(?:\s|各位代表[！!，,：:]?)*(?:过去一年|一年来|去年|刚刚过去的一年)")
_THIS_YEAR_CUE = regex.compile(r"^(?:\s|各位代表[！!，,：:]?)*(?:今年|新的一年)")
_PLAN_WORDS = regex.compile(r"目标|任务|安排|计划|预期|展望|建议|规划|总体要求|政策取向|部署")
_REVIEW_WORDS = regex.compile(r"回顾|回望|以来|时期|期间|成就|工作")
_HEADING = regex.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)")
_TOPIC_LEAD = regex.compile(f"(?:[{MARK_RANGE}\\s，、,“”\"（）()]|以来|来|期间|时期|其中|同时|此外|另外|如|例如)*")
_COMPARISON_BASE = regex.compile(r"(?:比|较|与|同|相比|比上|恢复到|恢复至|相当于|回到)$")
_APPROX_TAIL = regex.compile(r"(?:超过|超|近|约|接近|逾|达到|达|了)+$")
_CAGR_WORDS = regex.compile(r"年均|年平均|复合")
_SHARE_WORDS = regex.compile(r"占|比重|占比|份额")
_MULT_TIMES_OF = regex.compile(r"是\P{P}{0,12}的$")
_SPLIT_ITEMS = regex.compile(r"[、，,]|以及|及|和|与")
_SPLIT_ITEMS_COMMA = regex.compile(r"[、，,]")
_ETC = regex.compile(r"等(\p{Han}{0,10})$")
_TRAILING_ALL = regex.compile(r"(?<!年)[均都]$")
_URBAN_RURAL = regex.compile(r"^城乡(居民)?")


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"


@dataclass
class _Lexicon:
    """Compiled word-class regexes for one pack (built once per pack)."""

    increase: Any
    decrease: Any
    tail_verb: Any
    growth_tail: Any
    lead: Any
    lead_at: Any  # the same words, matched at a position (no ^ anchor)
    increase_verb: Any  # a change verb that is not a level verb (增长, not 增长到)
    decrease_verb: Any
    change_verb: Any
    target: Any
    flow: Any
    held: Any
    breaker: Any
    head: Any
    words: dict[str, list[str]]
    # memo tables of pure functions of a phrase and these word classes (_clean_phrase …): they
    # live with the pack's lexicon, so they are never shared with another pack
    memos: dict[str, dict] = field(default_factory=dict)


_MEMO_LIMIT = 100_000  # entries of a memo table before it is emptied (bounded over long runs)


def _memo(lex: _Lexicon, name: str) -> dict:
    """The lexicon's memo table ``name`` (a fresh one once it has grown past _MEMO_LIMIT)."""
    table = lex.memos.get(name)
    if table is None or len(table) >= _MEMO_LIMIT:
        table = lex.memos[name] = {}
    return table


_DOC_MEMOS = ("clean", "glued", "counted", "left", "type")


def _doc_memos(lex: _Lexicon) -> dict[str, dict]:
    """The memo tables the binding steps of one document use, taken once for the document (each
    is emptied past _MEMO_LIMIT between documents, so it stays bounded by the limit plus one
    document's entries)."""
    return {name: _memo(lex, name) for name in _DOC_MEMOS}


def _lexicon(pack: RulePack) -> _Lexicon:
    cache = pack._cache
    if "lexicon" in cache:
        return cache["lexicon"]
    w = {k: list(dict.fromkeys(v + pack.word_list(k))) for k, v in BUILTIN_WORDS.items()}
    change = w["increase"] + w["decrease"]
    lex = _Lexicon(
        increase=regex.compile(f"(?:{_alternation(w['increase'])})$"),
        decrease=regex.compile(f"(?:{_alternation(w['decrease'])})$"),
        tail_verb=regex.compile(f"(?:{_alternation(w['level_verb'] + w['adverb'])})$"),
        growth_tail=regex.compile(
            # measure | 比上年/较2020年末 (comparison base) | 年均 | adverbs | the verb
            "(?:(?<![占对])(?:比(?![重例值率])|较(?![快大高低好多少]))[^，。、；\\n]{1,10}?)?"
            f"((?:年均|年平均|平均每年|同口径)?)(?:{_alternation(w['adverb'])})*((?:{_alternation(change)}))$"),
        lead=regex.compile(f"^(?:{_alternation(w['lead'] + [a for a in w['adverb'] if a not in ('均', '都')])})"),
        lead_at=regex.compile(f"(?:{_alternation(w['lead'] + [a for a in w['adverb'] if a not in ('均', '都')])})+"),
        increase_verb=regex.compile(f"(?:{_alternation(w['increase'])})(?![到至为在])"),
        decrease_verb=regex.compile(f"(?:{_alternation(w['decrease'])})(?![到至为在])"),
        change_verb=regex.compile(f"(?:{_alternation(change)})(?![到至为在])"),
        target=regex.compile(_alternation(w["target"])),
        flow=regex.compile(_alternation(w["flow"])),
        held=regex.compile(_alternation(w["held"])),
        breaker=regex.compile(_alternation(w["breaker"])),
        head=regex.compile(_alternation(w["head"])),
        words=w,
    )
    cache["lexicon"] = lex
    return lex


# ---------------------------------------------------------------------------------------------
# document context: main place, document year, review / plan / year blocks
# ---------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Block:
    """The time frame of a stretch of text: one year, or a review/plan from ``base`` to ``end``."""

    start: int
    kind: str  # year | review | plan
    base: int | None
    end: int | None
    planned: bool = False
    label: str | None = None  # the name of a review/plan period (“十四五”时期, 回顾期)


def _plan_years(n_char: str) -> tuple[int, int]:
    n = _PLAN_NUM[n_char]
    first = 1966 + 5 * (n - 3)
    return first, first + 4


def document_year(nt: NormalisedText, info: DocumentInfo | None, located: list[Located]) -> int | None:
    """The year the document speaks from: its date, its title year, else the most cited year."""
    if info and info.date and info.date[:4].isdigit():
        return int(info.date[:4])
    if info and info.title:
        m = _YEAR_IN.search(info.title)
        if m:
            return int(m.group(1))
    years = Counter()
    for loc in located:
        if loc.mention.kind == "year" and isinstance(loc.mention.value, str) and loc.mention.value[:4].isdigit():
            years[int(loc.mention.value[:4])] += 1
    # a report without date or title: the year it keeps coming back to (at least twice)
    common = [(c, y) for y, c in years.items() if c >= 2 and y >= 1990]
    return max(common)[1] if common else None


def period_blocks(text: str, doc_year: int | None, title: str | None) -> list[Block]:
    """Blocks of text sharing a time frame, from headings and paragraph openers."""
    blocks: list[Block] = []
    default_year = None
    if title:
        m = _YEAR_IN.search(title)
        if m:
            default_year = int(m.group(1))
    if default_year is not None:
        planned = bool(_PLAN_WORDS.search(title or "")) and "报告" not in (title or "")
        blocks.append(Block(0, "year", default_year, default_year, planned))
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        s = line.strip()
        if not s:
            continue
        first = s.split("。", 1)[0]
        heading = len(first) <= 40 and (bool(_HEADING.match(s)) or len(s) <= 40)
        window = first if heading else s[:24]
        block = None
        # cheap tests first: every plan cue holds 五 (十四五), every review or year cue holds 年
        has_year = "年" in s
        plan = (_PLAN_CUE.search(window) or _LOOK_BACK_CUE.search(window)) if "五" in window else None
        review = _REVIEW_CUE.search(window) if has_year else None
        if plan and doc_year is not None and (heading or plan.start() <= 6 or plan.re is _LOOK_BACK_CUE):
            first_year, last_year = _plan_years(plan.group(1))
            label = f"“十{plan.group(1)}五”时期"
            if first_year >= doc_year:
                block = Block(start, "plan", first_year - 1, last_year, True, label)
            elif last_year <= doc_year:
                block = Block(start, "review", first_year - 1, last_year, False, label)
        elif review and (heading or review.start() < 8) and doc_year is not None:
            span = 5 if (review.group(1) or review.group(2) or review.group(3)) == "五" else 10
            previous = blocks[-1] if blocks else None
            if previous is not None and previous.kind == "review" and previous.end == doc_year - 1 \
                    and previous.end - previous.base == span:
                label = previous.label  # 五年来 inside a “十四五” review keeps its name
            else:
                label = "回顾期"
            block = Block(start, "review", doc_year - 1 - span, doc_year - 1, False, label)
        else:
            ym = _YEAR_IN.search(window) if has_year else None
            if ym and (heading or ym.start() < 12):
                y = int(ym.group(1))
                planned = doc_year is not None and y >= doc_year and bool(_PLAN_WORDS.search(window))
                block = Block(start, "year", y, y, planned)
            elif doc_year is not None and has_year and _LAST_YEAR_CUE.search(s):
                block = Block(start, "year", doc_year - 1, doc_year - 1)
            elif doc_year is not None and has_year and _THIS_YEAR_CUE.search(s) and _PLAN_WORDS.search(s[:60]):
                block = Block(start, "year", doc_year, doc_year, True)
        if block is not None:
            blocks.append(block)
    return blocks


# ---------------------------------------------------------------------------------------------
# the binder
# ---------------------------------------------------------------------------------------------
@dataclass
class _Match:
    pattern: Pattern
    start: int
    end: int
    values: list[tuple[str, Located]]          # (role, mention) for quantity slots
    times: list[tuple[str, Located]]           # (role, mention) for time slots
    texts: dict[str, tuple[int, int, str]]     # slot name -> (start, end, text) in normalised text
    words: dict[str, str]                      # word-class slot name -> matched word
    indicators: list[tuple[int, int, str]] = field(default_factory=list)  # every {indicator} capture


@dataclass
class _Doc:
    """Per-document state shared by the binding steps."""

    nt: NormalisedText
    doc: str
    pack: RulePack
    lex: _Lexicon
    marked: str
    located: list[Located]
    by_start: dict[int, Located]
    sentences: list[Sentence]
    places: PlaceContext
    doc_year: int | None
    blocks: list[Block]
    block_starts: list[int]
    located_starts: list[int] = field(default_factory=list)
    subject_hits: list[tuple[int, int, str]] = field(default_factory=list)
    subject_starts: list[int] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    disabled: set[str] = field(default_factory=set)
    list_measures: dict[int, str] = field(default_factory=dict)  # value start → measure of its 分别 item
    # memos of pure per-document lookups, asked for again by several steps for the same value
    left_contexts: dict[int, str] = field(default_factory=dict)  # value start → _left_context
    sentence_times: dict[int, list[Located]] = field(default_factory=dict)  # sentence start → dated times
    sentence_durations: dict[int, list[Located]] = field(default_factory=dict)  # … → durations in years
    spans: dict[tuple[int, int], Span] = field(default_factory=dict)  # normalised (start, end) → Span
    keyword_reach: int = 0  # length of the pack's longest keyword
    # per bound sentence (by start): its subject words, and whether an organisation may open a phrase
    sentence_hits: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    sentence_entities: dict[int, bool] = field(default_factory=dict)
    # the lexicon's memo tables by name, looked up once per document (see _doc_memos)
    memo: dict[str, dict] = field(default_factory=dict)


def bind_claims(nt: NormalisedText, doc: str, mentions: list[Mention], pack: RulePack,
                info: DocumentInfo | None = None) -> tuple[list[Claim], list[InputError]]:
    """Return ``(claims, errors)`` for one document and fill the mentions' binding fields."""
    located = locate_mentions(nt, mentions)
    text = nt.text
    marked = marked_text(text, located)
    sentences = split_sentences(text, located, with_mentions_only=True)
    title = info.title if info else None
    year = document_year(nt, info, located)
    blocks = period_blocks(text, year, title)
    lex = _lexicon(pack)
    d = _Doc(nt=nt, doc=doc, pack=pack, lex=lex, memo=_doc_memos(lex), marked=marked, located=located,
             by_start={loc.start: loc for loc in located}, sentences=sentences,
             places=document_places(nt.original, title), doc_year=year, blocks=blocks,
             block_starts=[b.start for b in blocks], located_starts=[loc.start for loc in located])
    # only the sentences with a quantity are bound: subjects and keywords are looked up in them alone
    # (no subject word or keyword crosses a sentence end, see _sentence_patterns)
    bound = [sent for sent in sentences if any(loc.mention.kind in QUANTITY_KINDS for loc in sent.mentions)]
    for sent in bound:
        hits = find_subjects(text, sent.start, sent.end)
        d.subject_hits += hits
        d.sentence_hits[sent.start] = hits
        d.sentence_entities[sent.start] = may_hold_entity(marked, sent.start, sent.end)
    d.subject_starts = [h[0] for h in d.subject_hits]
    d.keyword_reach = max(map(len, pack.keyword_index()[1]), default=0)
    claims: list[Claim] = []
    for sent in bound:
        used: set[int] = set()
        sent_claims: list[Claim] = []
        matches = _run_patterns(d, sent, _sentence_patterns(d, sent))
        for mt in matches:
            ids = {loc.index for _, loc in mt.values}
            if ids & used:
                continue
            new = _claims_from_match(d, sent, mt)
            if new:
                used |= ids
                sent_claims.extend(new)
        for loc in sent.mentions:
            if loc.mention.kind in QUANTITY_KINDS and loc.index not in used:
                sent_claims.append(_generic_claim(d, sent, loc, sent_claims))
                used.add(loc.index)
        sent_claims.sort(key=lambda c: c.values[0].mention.start)
        _borrow_measures(d, sent_claims)
        claims.extend(sent_claims)
    _resolve_bare_rates(d, claims)
    for c in claims:
        _fill_mentions(c)
    return claims, d.errors


_BARE_RATE_NOUN = regex.compile(r"^(?:的)?(?:增速|增长速度|增幅|涨幅|速度)$")
_BARE_RATE_ENDS = frozenset("速度幅")
_ECHO_WINDOW = 2000


def _resolve_bare_rates(d: _Doc, claims: list[Claim]) -> None:
    """6.5%左右的增速 (a rate named only 增速) repeats the rate written the same way a little
    before it (国内生产总值增长6.5%左右): it takes that rate's measure and indicator id."""
    for k, c in enumerate(claims):
        ind = c.indicator or ""
        # (a cheap test first: every bare rate noun ends in 速, 度 or 幅, maybe before the final
        # line break that $ lets through)
        last = ind[-2:-1] if ind.endswith("\n") else ind[-1:]
        if last not in _BARE_RATE_ENDS or not _BARE_RATE_NOUN.match(ind) or c.attrs.get("group") is not None:
            continue
        m = c.values[0].mention
        if m.kind != "percent":
            continue
        for prev in reversed(claims[:k]):
            pm = prev.values[0].mention
            if m.start - pm.start > _ECHO_WINDOW:
                break
            if prev.claim_type not in ("growth", "cagr") or pm.text != m.text or not prev.indicator:
                continue
            measure = _TRAILING_CHANGE.sub("", prev.indicator)
            if len(measure) < 2:
                continue
            c.indicator = measure + "增速"
            c.indicator_id = prev.indicator_id
            break


# ----- pattern matching -----------------------------------------------------------------------
def _sentence_patterns(d: _Doc, sent: Sentence) -> set[int]:
    """Indices of the patterns whose keyword starts in ``sent`` (plus those without keywords).

    The keyword automaton runs over the sentence and as far past its end as the longest keyword
    reaches, so a keyword starting in the sentence is found wherever it ends.
    """
    automaton, keywords, by_kw, always = d.pack.keyword_index()
    out = set(always)
    if automaton is None or not keywords:
        return out
    text = d.nt.text
    start, end = sent.start, sent.end
    reach = min(len(text), end + d.keyword_reach - 1)
    if hasattr(automaton, "iter"):
        # (the automaton is given the slice, not the whole text with bounds: it copies the string
        # it is given, which for a whole document costs more than the search itself)
        last_start = end - start  # keyword starts before it lie in the sentence
        for end_idx, j in automaton.iter(text[start:reach]):
            kw = keywords[j]
            if end_idx - len(kw) + 1 < last_start:
                out.update(by_kw[kw])
    else:
        for m in automaton.finditer(text, start, reach, overlapped=True):
            if m.start() < end:
                out.update(by_kw[m.group()])
    return out


def _run_patterns(d: _Doc, sent: Sentence, candidates: set[int]) -> list[_Match]:
    """Every match of the candidate patterns in ``sent``, best first."""
    if not candidates:
        return []
    counts: dict[str, int] = {}
    for loc in sent.mentions:
        counts[loc.mention.kind] = counts.get(loc.mention.kind, 0) + 1
    text = d.marked[sent.start:sent.end]
    found: list[_Match] = []
    seen_regex: dict[str, list] = {}
    for i in sorted(candidates):
        p = d.pack.patterns[i]
        if p.id in d.disabled or p.kinds.isdisjoint(counts):
            continue
        key = p.regex.pattern
        if key in seen_regex:
            # an identical regex of higher priority already ran: its matches win every overlap
            continue
        if p.required and not _enough_mentions(p.required, counts):
            seen_regex[key] = []  # too few mentions for the pattern's slots: it cannot match here
            continue
        if p.prefilter is not None and _lacks(p.prefilter, text, d.pack.timeout):
            seen_regex[key] = []  # the sentence lacks what every match holds
            continue
        try:
            seen_regex[key] = list(p.regex.finditer(text, timeout=d.pack.timeout))
        except TimeoutError:
            d.disabled.add(p.id)
            d.errors.append(InputError(p.file, f"pattern {p.id} timed out after {d.pack.timeout}s on "
                                               f"{d.doc} (sentence at offset {sent.start}); rule skipped "
                                               "for this document", p.line, p.id, "timeout"))
            seen_regex[key] = []
            continue
        for m in seen_regex[key]:
            mt = _to_match(d, p, m, sent.start)
            if mt is not None and mt.values:
                found.append(mt)
    found.sort(key=lambda mt: (-mt.pattern.priority, -len(mt.values), mt.start))
    return found


def _lacks(prefilter: Any, text: str, timeout: float) -> bool:
    """True when ``text`` has no match of a pattern's prefilter (so none of the pattern)."""
    try:
        return prefilter.search(text, timeout=timeout) is None
    except TimeoutError:
        return False  # undecided: the pattern itself runs, under its own timeout


def _enough_mentions(required: tuple[tuple[frozenset[str], int], ...], counts: dict[str, int]) -> bool:
    """True when the sentence's mentions (``counts`` by kind) can fill a pattern's mandatory slots."""
    for want, n in required:
        have = 0
        for kind, c in counts.items():
            if kind in want:
                have += c
        if have < n:
            return False
    return True


_MENTION_SLOT, _TEXT_SLOT, _WORD_SLOT = 0, 1, 2


def _slot_plan(pack: RulePack, p: Pattern) -> list[tuple[int, str, str, int]]:
    """(group number, slot name, role, slot class) of each of ``p``'s slots, in slot order; built
    once per pack and pattern (match groups are read faster by number than by name)."""
    key = ("slot_plan", p.id)
    cached = pack._cache.get(key)
    if cached is None or cached[0] is not p:  # (a later pack may replace a pattern of the same id)
        plan = []
        for group, slot in p.slots.items():
            what = _MENTION_SLOT if slot.kinds else _TEXT_SLOT if slot.name in ("indicator", "items", "subject") \
                else _WORD_SLOT
            plan.append((p.regex.groupindex[group], slot.name, slot.role or "value", what))
        cached = pack._cache[key] = (p, plan)
    return cached[1]


def _located_start(rv: tuple[str, Located]) -> int:
    return rv[1].start


def _to_match(d: _Doc, p: Pattern, m: Any, offset: int) -> _Match | None:
    values: list[tuple[str, Located]] = []
    times: list[tuple[str, Located]] = []
    texts: dict[str, tuple[int, int, str]] = {}
    indicators: list[tuple[int, int, str]] = []
    words: dict[str, str] = {}
    for group, name, role, what in _slot_plan(d.pack, p):
        starts = m.starts(group)
        if not starts:
            continue
        if what == _MENTION_SLOT:
            for s in starts:
                loc = d.by_start.get(s + offset)
                if loc is None:
                    return None
                (times if loc.mention.kind in TIME_KINDS else values).append((role, loc))
        elif what == _TEXT_SLOT:
            for (s, e), text in zip(m.spans(group), m.captures(group)):
                if e <= s:
                    continue
                if name == "indicator":
                    indicators.append((s + offset, e + offset, text))
                if name not in texts or s + offset < texts[name][0]:
                    texts[name] = (s + offset, e + offset, text)
        else:
            words[name] = m.group(group)
    if len(values) > 1:
        values.sort(key=_located_start)
    if len(indicators) > 1:
        indicators.sort()
    return _Match(p, m.start() + offset, m.end() + offset, values, times, texts, words, indicators)


# ----- phrases: indicators and subjects -------------------------------------------------------
def _clean_phrase(d: _Doc, phrase: str, *, strip_tail: bool = True, breakers: bool = True) -> str:
    """Strip leading connectives/subjects/time words and trailing verbs from an indicator phrase."""
    memo = d.memo["clean"]
    key = (phrase, strip_tail, breakers)
    cleaned = memo.get(key)
    if cleaned is None:
        cleaned = memo[key] = _clean_phrase_uncached(d.lex, phrase, strip_tail, breakers)
    return cleaned


def _clean_phrase_uncached(lex: _Lexicon, phrase: str, strip_tail: bool, breakers: bool) -> str:
    s = _MARKS_RUN.split(phrase)[-1]
    s = _PUNCT_EDGE.sub("", s)
    for _ in range(6):
        before = s
        s = lex.lead.sub("", s)
        subj, rest = strip_leading_subject(s)
        if subj and len(rest) >= 2:
            s = rest
        entity = leading_entity(s)
        if entity and len(s) - len(entity) >= 2:
            s = s[len(entity):]
        s = _PUNCT_EDGE.sub("", s)
        if s == before:
            break
    if strip_tail:
        for _ in range(6):
            before = s
            s = lex.tail_verb.sub("", s)
            s = _PUNCT_EDGE.sub("", s)
            if s == before:
                break
    # take the part after the last breaker word when what follows is a phrase of its own
    parts = lex.breaker.split(s) if breakers else [s]
    if len(parts) > 1 and len(parts[-1]) >= 2 and _HAN.search(parts[-1]):
        s = parts[-1]
    return s


def _left_context(d: _Doc, sent: Sentence, loc: Located) -> str:
    """Text between the previous mention (or the clause start) and ``loc``."""
    known = d.left_contexts.get(loc.start)
    if known is not None:
        return known
    cs, _ = loc.clause
    prev_end = cs
    for other in sent.mentions:
        if other.end <= loc.start and other.end > prev_end:
            prev_end = other.end
    left = d.left_contexts[loc.start] = d.marked[prev_end:loc.start]
    return left


def _right_context(d: _Doc, sent: Sentence, loc: Located) -> str:
    """Text after ``loc`` up to the next mention or the end of its clause."""
    _, ce = loc.clause
    end = ce
    skip_to = loc.end
    for other in sent.mentions:
        if other.start < loc.end:
            continue
        if other.start == skip_to and other.mention.kind in ("amount",) and "级" in other.mention.text:
            # a magnitude class glued to the count (三大万亿级主导产业) is part of the counted noun
            skip_to = other.end
            continue
        end = min(end, other.start)
        break
    if skip_to > loc.end:
        return d.nt.text[loc.end:skip_to] + d.marked[skip_to:end]
    return d.marked[loc.end:end]


# true classifiers (measure words); anything else glued to a numeral is the counted noun itself
CLASSIFIERS = frozenset(
    "个 家 项 条 类 支 大 种 件 所 名 位 座 批 次 人 户 辆 台 套 处 块 款 轮 届 级 张 部 篇 场 期 列 艘 架 只 头 株 棵 "
    "宗 例 起 座 间 栋 幢 根 片 组 对 双 笔 份 本 册 首 门 道 趟 班 节 层 股 枚 颗 粒 盏 匹 副 把 亩 吨 人次 户次 件次 车次 "
    "万人 亿人 家次 艘次 架次 单 票 场次 场 人次 户次 辆次 列次 标箱 元 多 余 万 亿".split())
_BOUND_TAIL = regex.compile(r"(?:以上|以下|以内|左右|之多|多|余)$")
_GLUED_NOUN = regex.compile(r"^[0-9.一二三四五六七八九十百千万亿两〇零多余几]+(?![万亿多余几])(\p{Han}+)$")
# verbs that end the noun counted after a classifier
_NOUN_END = regex.compile(r"为主|为|是|走好|迭代|突破|发展|着手|整改|推动|推进|加快|纳入|入选|通过|获得|获批|实现|完成|参与|"
                          r"覆盖|达到|建成|成为|落地|投用|投产|开工|夯实|支撑|带动|引领|赋能|构建|打造|形成|培育|实施|开展|"
                          r"服务|助力|融通|进入|荣获|获评|位居|居|列|占|可以|能够|将|要|会|并|和|且")
_RIGHT_STOP = regex.compile(r"中的|之中|之一|的|[，。；：、,;:（(]")


def _glued_noun(d: _Doc, text: str) -> str | None:
    """The noun glued to a count written without a classifier (三端 → 端), memoised per pack."""
    memo = d.memo["glued"]
    if text not in memo:
        gm = _GLUED_NOUN.match(_BOUND_TAIL.sub("", text.replace("\n", "")))
        memo[text] = gm.group(1) if gm else None
    return memo[text]


def _counted_noun(d: _Doc, right: str) -> str:
    """The noun after a count's classifier (3335个产品 → 产品)."""
    memo = d.memo["counted"]
    noun = memo.get(right)
    if noun is None:
        noun = memo[right] = _noun_after_classifier(right)
    return noun


def _noun_after_classifier(right: str) -> str:
    s = right.lstrip("的 ")
    m = _RIGHT_STOP.search(s)
    if m:
        s = s[:m.start()]
    if _NOUN_END.match(s):
        return ""  # 三端融通…: a verb follows, nothing is counted after the classifier
    v = _NOUN_END.search(s, 2)
    if v:
        s = s[:v.start()]  # 四大科创高地突破关键核心技术 → 科创高地
    s = s.strip()
    return s if len(s) >= 1 and _HAN.match(s) else ""


def indicator_for(d: _Doc, sent: Sentence, loc: Located, claim_type: str,
                  previous: str | None = None) -> tuple[str | None, str]:
    """(indicator phrase in the text's words, verb) for a value, by the generic rule.

    Growth-like claims keep the verb (地区生产总值增长); when the measure is
    empty (、增长5.3%) it is borrowed from ``previous``.
    """
    lex = d.lex
    left = _left_context(d, sent, loc)
    m = loc.mention
    if m.kind == "count" and (m.classifier or m.unit == "count"):
        noun = _counted_noun(d, _right_context(d, sent, loc))
        glued = m.classifier or _glued_noun(d, m.text)
        if glued and glued not in CLASSIFIERS and (not noun or len(noun) > 6):
            # 三端 / 二字 / 两方面: the "classifier" is the counted noun itself
            return glued, ""
        if noun:
            return noun, ""
    core, growth = _left_words(d, left)
    cs, _ = loc.clause
    if claim_type in ("growth", "pp_change", "multiple", "change", "cagr"):
        if growth:
            cut, verb = growth
            measure = (_clean_phrase(d, core[:cut]) or _compared_measure(d, d.marked[cs:loc.start])
                       or _measure_before_time(d, sent, cs, loc) or "")
            if not measure:
                measure = previous if previous is not None else _previous_phrase(d, sent, loc)
            if measure and measure.endswith(verb):
                return measure, verb
            return (measure + verb) if measure else verb, verb
    phrase = _clean_phrase(d, core)
    right = None
    if phrase and _AFTER_VERB.search(phrase) and len(phrase) <= 4:
        # 结束了66年的营业税征收历史 / 经过八年持续努力: the measure follows the number
        right = _right_noun(d, sent, loc)
        if right:
            return right, ""
    if not phrase:
        right_text = _right_context(d, sent, loc)
        if right_text.startswith("的") or previous == "":
            phrase = _right_noun(d, sent, loc)
        else:
            phrase = (previous if previous is not None else _previous_phrase(d, sent, loc)) \
                or _right_noun(d, sent, loc)
    return (phrase or None), ""


_AFTER_VERB = regex.compile(r"(?:了|过|经过|历经)$")


def _left_words(d: _Doc, left: str) -> tuple[str, tuple[int, str] | None]:
    """The words right before a value (``left`` after its last mention, edge punctuation off) and,
    when they end in a change verb (比上年增长, 年均增长超过), where the measure before the verb
    ends and the verb (年均 kept); memoised per pack, as a pure function of ``left``."""
    memo = d.memo["left"]
    found = memo.get(left)
    if found is None:
        core = _PUNCT_EDGE.sub("", _MARKS_RUN.split(left)[-1])
        # drop trailing approximators before looking for the verb (增长超过 / 下降近)
        g = d.lex.growth_tail.search(_APPROX_TAIL.sub("", core))
        found = memo[left] = (core, (g.start(), (g.group(1) or "") + g.group(2)) if g else None)
    return found


def _right_noun(d: _Doc, sent: Sentence, loc: Located) -> str:
    """The noun phrase after a value (95%以上的村集体经营性收入 → 村集体经营性收入)."""
    right = _right_context(d, sent, loc).lstrip("的")
    noun = _counted_noun(d, right)
    return _clean_phrase(d, noun) if noun else ""


def _measure_before_time(d: _Doc, sent: Sentence, cs: int, loc: Located) -> str | None:
    """国内生产总值十年增加近70万亿元: the measure written before a time or duration in the clause."""
    marks = [o for o in sent.mentions if cs <= o.start and o.end <= loc.start]
    if not marks:
        return None
    last = marks[-1]
    if last.mention.kind not in TIME_KINDS and last.mention.kind != "duration":
        return None
    prev_end = max([cs] + [o.end for o in marks[:-1]])
    return _clean_phrase(d, d.marked[prev_end:last.start]) or None


def _previous_phrase(d: _Doc, sent: Sentence, loc: Located) -> str | None:
    """The measure of the nearest earlier quantity in the sentence that names one.

    …达到X亿元、增长Y% → the measure of X; 二季度增长6.3%，三季度增长4.9% → back to the
    first value that names its measure.
    """
    earlier = [o for o in sent.mentions if o.end <= loc.start and o.mention.kind in QUANTITY_KINDS]
    for prev in reversed(earlier[-4:]):
        core, growth = _left_words(d, _left_context(d, sent, prev))
        if growth:
            cs, _ = prev.clause
            measure = _clean_phrase(d, core[:growth[0]]) or _compared_measure(d, d.marked[cs:prev.start])
            if measure:
                return measure
            continue
        phrase = _clean_phrase(d, core)
        if phrase:
            return phrase
        if prev.mention.kind == "count":
            noun = _counted_noun(d, _right_context(d, sent, prev))
            if noun:
                return noun
    return None


_COMPARED = regex.compile(r"(?:比|较|同|与|相比)$")


def _compared_measure(d: _Doc, left: str) -> str | None:
    """经济增速比2022年加快: the measure written before a comparison base."""
    segments = _MARKS_RUN.split(left)
    if len(segments) >= 2 and _COMPARED.search(segments[-2]):
        return _clean_phrase(d, _COMPARED.sub("", segments[-2])) or None
    return None


def _resolve_indicator_id(d: _Doc, phrase: str | None) -> str | None:
    if not phrase:
        return None
    return d.pack.indicator_id_for(phrase)


_COUNTRY = frozenset({"全国", "我国", "全球", "世界"})
_DEIXIS_OR_REGION = frozenset(CITY_DEIXIS + PROVINCE_DEIXIS + REGION_DEIXIS + REGIONS) | _COUNTRY


def _subjects_in(d: _Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """The document's subject words lying inside ``[start, end)``."""
    lo = bisect.bisect_left(d.subject_starts, start)
    hi = bisect.bisect_left(d.subject_starts, end)
    return [h for h in d.subject_hits[lo:hi] if h[1] <= end]


_LIST_JOIN = frozenset({"、", "和", "与", "及"})
_OBJECT_BEFORE = regex.compile(r"(?:占|居|位居|位列|领先|高于|低于|快于|慢于|相当于|比)$")


def _place_list(d: _Doc, hit: tuple[int, int, str], limit: int) -> tuple[int, int, str]:
    """A place in topic position together with the places listed after it (天津、山东)."""
    k = bisect.bisect_left(d.subject_starts, hit[0])
    start, end = hit[0], hit[1]
    hits = d.subject_hits
    for j in range(k + 1, len(hits)):
        nxt = hits[j]
        if nxt[0] >= limit or d.nt.text[end:nxt[0]] not in _LIST_JOIN or nxt[2] in _DEIXIS_OR_REGION:
            break
        end = nxt[1]
    if end == hit[1]:
        return hit
    return start, end, d.nt.text[start:end]


def _topic_start(d: _Doc, start: int, end: int) -> int:
    """Where the topic of a clause begins: after leading time marks, punctuation and connectives."""
    m = _TOPIC_LEAD.match(d.marked, start, end)
    pos = m.end() if m else start
    lead = d.lex.lead_at.match(d.marked, pos, end)
    return lead.end() if lead else pos


def _entity_at(d: _Doc, start: int, end: int) -> str | None:
    """An organisation or area that opens the text at ``start`` (after connectives and verbs)."""
    return _entity_after_topic(d, _topic_start(d, start, end), end)


def _entity_after_topic(d: _Doc, topic: int, end: int) -> str | None:
    """An organisation or area that opens ``marked[topic:end]`` (up to the first mention mark)."""
    phrase = d.marked[topic:end]
    phrase = _MARKS_RUN.split(phrase)[0]
    return leading_entity(phrase)


def subject_for(d: _Doc, sent: Sentence, pos: int, exclude: tuple[int, int] | None = None
                ) -> tuple[str | None, str | None]:
    """(subject, source) for a value at normalised ``pos``: clause, sentence, then document.

    In the clause: an organisation or area opening it (江北国际机场…), else the
    nearest deixis or region word before the value (全市, 全国, 川渝), or a
    place name in topic position.  In the sentence: an organisation opening it,
    else its first subject word (a country word only when nothing narrower is
    named).  Else the document's main place.
    """
    hits = d.sentence_hits[sent.start]
    entities = d.sentence_entities[sent.start]
    if not hits and not entities:
        # most sentences name no place and no organisation: only the document's place is left
        return (d.places.main, "document") if d.places.main else (None, None)
    cs, _ = sent.clause_of(pos)

    def ok(s: int, e: int) -> bool:
        if _OBJECT_BEFORE.search(d.nt.text, max(0, s - 3), s):
            return False  # 占世界三分之二, 居全国第一: the place is the whole compared with, not the owner
        return exclude is None or e <= exclude[0] or s >= exclude[1]

    def within(start: int, end: int) -> list[tuple[int, int, str]]:
        return [h for h in hits if start <= h[0] < end and h[1] <= end]  # as _subjects_in

    topic = _topic_start(d, cs, pos)
    clause_entity = _entity_after_topic(d, topic, pos) if entities else None
    if clause_entity:
        return clause_entity, "clause"
    # (the cheap test first: ok() runs a regex)
    clause_hits = [h for h in within(cs, pos) if (h[2] in _DEIXIS_OR_REGION or h[0] <= topic)
                   and ok(h[0], h[1])]
    if clause_hits:
        hit = clause_hits[-1]
        if hit[2] in _COUNTRY and cs > sent.start:
            sentence_entity = _entity_at(d, sent.start, pos) if entities else None
            if sentence_entity:
                return sentence_entity, "sentence"
        if hit[2] not in _DEIXIS_OR_REGION:
            hit = _place_list(d, hit, pos)
        return d.places.resolve(hit[2]), "clause"
    if cs > sent.start:  # the clause does not open the sentence: look at the sentence's opening
        sentence_topic = _topic_start(d, sent.start, pos)
        sentence_entity = _entity_after_topic(d, sentence_topic, pos) if entities else None
        if sentence_entity:
            return sentence_entity, "sentence"
        sent_hits = [h for h in within(sent.start, cs) if (h[2] in _DEIXIS_OR_REGION or h[0] <= sentence_topic)
                     and ok(h[0], h[1])]
        narrow = [h for h in sent_hits if h[2] not in _COUNTRY]
        if narrow or sent_hits:
            hit = (narrow or sent_hits)[0]
            if hit[2] not in _DEIXIS_OR_REGION:
                hit = _place_list(d, hit, cs)
            return d.places.resolve(hit[2]), "sentence"
    after = [h for h in within(pos, sent.end) if ok(h[0], h[1])]
    if after and after[0][2] in CITY_DEIXIS + PROVINCE_DEIXIS:
        return d.places.resolve(after[0][2]), "sentence"
    if d.places.main:
        return d.places.main, "document"
    return None, None


# ----- periods ----------------------------------------------------------------------------------
_RATE_TYPES = frozenset({"growth", "cagr", "multiple", "pp_change", "change"})


def _block_at(d: _Doc, pos: int) -> Block | None:
    k = bisect.bisect_right(d.block_starts, pos) - 1
    return d.blocks[k] if k >= 0 else None


def _frame_period(base: int, end: int, claim_type: str, role: str, clause: str, lex: _Lexicon,
                  kind: str = "", left: str = "", duration: int | None = None) -> str:
    """The period of a value inside a review/plan frame from ``base`` to ``end`` (see gold conventions).

    Start levels get the base year, end levels the end year, changes and rates
    ``base/end``; flows and totals over the frame (新增, 累计, 每年 …, counts of
    things done, durations) and states held throughout get ``base+1/end``.
    """
    if role == "start":
        return str(base)
    if role == "end":
        return str(end)
    if claim_type in _RATE_TYPES or role in ("rate", "pp", "multiple", "delta"):
        return f"{base}/{end}"
    if kind == "duration" and duration == end - base:
        return f"{base + 1}/{end}"
    held, flow = _clause_frame_words(lex, clause)
    if held or flow:
        return f"{base + 1}/{end}"
    if kind == "count" and not _STOCK.search(left):
        return f"{base + 1}/{end}"
    return str(end)


def _clause_frame_words(lex: _Lexicon, clause: str) -> tuple[bool, bool]:
    """Whether a clause says a state is held (稳定在, 连续 …) and whether it speaks of a flow
    (新增, 累计 …); memoised per pack."""
    memo = _memo(lex, "frame")
    found = memo.get(clause)
    if found is None:
        found = memo[clause] = (bool(lex.held.search(clause)), bool(lex.flow.search(clause)))
    return found


_STOCK = regex.compile(r"(?:达到|达|突破|超过|超|增至|增加到|增长到|提高到|提升至|总数|总量|拥有|有|保有|共有|覆盖|累计达)\P{Han}*$|^$")


def _frame_years(d: _Doc, sent: Sentence, cs: int, loc: Located) -> int | None:
    """N when the clause speaks of N years (十年增加…, 五年累计…): the frame is the last N years."""
    for other in _year_durations(d, sent):
        if cs <= other.start <= loc.start:
            n = _whole_years(other.mention)
            if n is not None and 2 <= n <= 20 and not d.nt.text[other.end:other.end + 1] == "前":
                return n
    return None


def _year_durations(d: _Doc, sent: Sentence) -> list[Located]:
    """The sentence's durations in years (五年, 连续6年), in text order; listed once per sentence."""
    found = d.sentence_durations.get(sent.start)
    if found is None:
        found = d.sentence_durations[sent.start] = [
            o for o in sent.mentions if o.mention.kind == "duration" and o.mention.unit == "year"]
    return found


def _whole_years(m: Mention) -> int | None:
    """The number of years of a duration written as a whole number (五年, 10年), else None."""
    if m.kind != "duration" or m.unit != "year" or m.value is None:
        return None
    try:
        n = int(m.value)
    except (TypeError, ValueError):
        return None
    return n if n == m.value else None


_SINCE = regex.compile(r"(?:以来|来)")
_CONSECUTIVE = regex.compile(r"连续$")


def _consecutive_years(d: _Doc, sent: Sentence, cs: int, loc: Located) -> int | None:
    """N when the clause says 连续N年 at or before the value (the value holds for the last N years)."""
    for other in _year_durations(d, sent):
        if cs <= other.start <= loc.start and other.mention.kind == "duration" and other.mention.unit == "year" \
                and _CONSECUTIVE.search(d.nt.text, max(0, other.start - 2), other.start):
            try:
                n = int(other.mention.value)
            except (TypeError, ValueError):
                return None
            return n if 1 <= n <= 50 else None
    return None


def _time_value(m: Mention) -> str | None:
    v = m.value
    if isinstance(v, str) and v:
        return v
    if isinstance(v, (list, tuple)) and len(v) == 2:
        return f"{v[0]}/{v[1]}"
    return None


def _with_year(value: str, sent: Sentence, pick: Located, block: Block | None, doc_year: int | None) -> str:
    """A yearless time (二季度 → ``--Q2``, 2月份 → ``--02``) with the year of the nearest
    year written before it in the sentence, else of the document's year frame."""
    year = None
    for t in sent.mentions:
        if t.start >= pick.start:
            break
        tv = _time_value(t.mention)
        if tv and tv[:4].isdigit() and t.mention.kind in ("year", "quarter", "month", "date", "half_year"):
            year = int(tv[:4])
    if year is None and block is not None and block.kind == "year" and block.end is not None:
        year = block.end
    if year is None:
        year = doc_year
    if year is None:
        return value
    return _YEARLESS.sub(lambda m: f"{year}-" if m.group(1).isdigit() else str(year), value)


_YEARLESS = regex.compile(r"--(?=(.))")


def _sentence_times(d: _Doc, sent: Sentence) -> list[Located]:
    """The sentence's time expressions that date its values (not comparison bases: 比2020年), once per sentence."""
    times = d.sentence_times.get(sent.start)
    if times is None:
        text = d.nt.text
        times = d.sentence_times[sent.start] = [
            t for t in sent.mentions if t.mention.kind in TIME_KINDS and _time_value(t.mention)
            and not _COMPARISON_BASE.search(text[max(0, t.start - 3):t.start])]
    return times


def period_for(d: _Doc, sent: Sentence, loc: Located, claim_type: str, role: str
               ) -> tuple[str | None, str | None, bool]:
    """(period, source, planned) for a value: clause time, sentence time, then the document block."""
    cs, ce = loc.clause
    left = _left_context(d, sent, loc)
    block = _block_at(d, loc.start)
    planned = bool(block and block.planned)
    times = _sentence_times(d, sent)
    pick = None
    source = "clause"
    if times:  # (most sentences date nothing themselves)
        in_clause = [t for t in times if cs <= t.start < ce]
        before = [t for t in in_clause if t.start < loc.start]
        pick = before[-1] if before else (in_clause[0] if in_clause else None)
        if pick is None:
            sb = [t for t in times if t.start < loc.start]
            pick = sb[-1] if sb else None
            source = "sentence"
    if pick is not None:
        v = _time_value(pick.mention)
        if pick.mention.kind in ("plan_period", "year_range", "decade") and v and "/" in v:
            a, b = v.split("/", 1)
            if a[:4].isdigit() and b[:4].isdigit():
                return _frame_period(int(a[:4]) - 1, int(b[:4]), claim_type, role, d.nt.text[cs:ce], d.lex,
                                     loc.mention.kind, left, _whole_years(loc.mention)), source, planned
        frame_end = block.end if block is not None and block.end is not None else d.doc_year
        if pick.mention.kind == "year" and v and v[:4].isdigit() and frame_end \
                and _SINCE.match(d.nt.text, pick.end) and int(v[:4]) < frame_end:
            return f"{v[:4]}/{frame_end}", source, planned  # 2022年以来 → 2022 to the end of the frame
        if pick.mention.kind == "year" and v and v[:4].isdigit() and block and block.kind in ("review", "plan") \
                and (claim_type in _RATE_TYPES or role in ("rate", "pp", "multiple")) and block.base is not None \
                and int(v[:4]) == block.end:
            return f"{block.base}/{block.end}", source, planned
        if v and "--" in v:
            v = _with_year(v, sent, pick, block, d.doc_year)
        return v, source, planned
    if block is None or block.base is None or block.end is None:
        return None, None, planned
    # (most sentences hold no duration in years: then neither 连续N年 nor N年 frames the value)
    durations = _year_durations(d, sent)
    run = _consecutive_years(d, sent, cs, loc) if durations else None
    if run:
        return f"{block.end - run + 1}/{block.end}", "clause", planned  # 连续6年 … up to the frame's end
    if block.kind == "year":
        return str(block.end), "document", planned
    base = block.base
    span = _frame_years(d, sent, cs, loc) if durations else None
    if span and block.kind == "review":
        base = block.end - span
    return (_frame_period(base, block.end, claim_type, role, d.nt.text[cs:ce], d.lex, loc.mention.kind, left,
                          _whole_years(loc.mention)), "document", planned)


# ----- claims -----------------------------------------------------------------------------------
def _claim_id(doc: str, rule: str, locs: list[Located]) -> str:
    if len(locs) == 1:  # the common case, the same key without the join
        key = f"{doc}|{rule}|{locs[0].mention.start}-{locs[0].mention.end}"
    else:
        key = f"{doc}|{rule}|" + ",".join(f"{loc.mention.start}-{loc.mention.end}" for loc in locs)
    return "c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _span(d: _Doc, start: int, end: int) -> Span:
    # the values of one clause share its span (Span is frozen, so one object serves them all)
    span = d.spans.get((start, end))
    if span is None:
        s, e = d.nt.span_to_original(start, end)
        line, col = d.nt.line_col(s)
        span = d.spans[(start, end)] = Span(d.doc, s, e, line, col, d.nt.original[s:e])
    return span


def _qualifiers(d: _Doc, sent: Sentence, locs: list[Located], planned: bool, extra: list[str]) -> list[str]:
    quals: list[str] = []
    for loc in locs:
        for a in loc.mention.approx or []:
            if a not in quals:
                quals.append(a)
    for q in extra:
        if q not in quals:
            quals.append(q)
    first = locs[0]
    cs, _ = first.clause
    if "expected" not in quals and (planned or d.lex.target.search(d.nt.text, cs, first.start)):
        quals.append("expected")
    return quals


_TYPE_CHECKS: dict[str, tuple[str, ...]] = {
    "cagr": ("cagr", "time_range"), "change": ("change_direction",), "growth": ("growth",),
    "share": ("share",), "part_of_whole": ("part_of_whole",), "multiple": ("multiple",),
    "pp_change": ("pp_difference",)}


def _checks_for(claim_type: str, pattern_checks: list[str]) -> list[str]:
    """The checks a claim implies: its pattern's, else those of its type (a new list each time)."""
    if pattern_checks:
        return list(pattern_checks)
    return list(_TYPE_CHECKS.get(claim_type, ()))


def _nominal(d: _Doc, indicator_id: str | None, claim_type: str, clause: str, rule_nominal: bool | None) -> bool | None:
    if rule_nominal is not None:
        return rule_nominal
    if claim_type not in ("growth", "cagr"):
        return None
    if "现价" in clause or "名义" in clause:
        return True
    if "可比价" in clause or "实际" in clause:
        return False
    if indicator_id:
        ind = d.pack.indicators.get(indicator_id)
        if ind and ind.growth:
            return ind.growth == "nominal"
    return None


def _type_of_value(d: _Doc, loc: Located, left: str) -> str:
    """The claim type a single value reads as, from its kind and the words before it."""
    kind = loc.mention.kind
    if kind == "multiple":
        return "multiple"
    if kind == "percentage_points":
        return "pp_change"
    if kind not in ("percent", "amount", "count"):
        return "level"  # the words before it do not matter
    memo = d.memo["type"]
    ctype = memo.get((kind, left))
    if ctype is None:
        ctype = memo[(kind, left)] = _type_from_words(d.lex, kind, left)
    return ctype


def _type_from_words(lex: _Lexicon, kind: str, left: str) -> str:
    """The claim type of a percent, amount or count from the words before it (``left``)."""
    core = _MARKS_RUN.split(left)[-1]
    core = _APPROX_TAIL.sub("", core)
    grew = lex.growth_tail.search(core)
    if kind == "percent":
        if grew:
            return "cagr" if _CAGR_WORDS.search(grew.group(0)) else "growth"
        if _SHARE_WORDS.search(core) and "占" in core:
            return "share"
        return "level"
    if grew:
        return "change"
    if kind == "count":
        return "count"
    return "level"


_ROLE_OF_TYPE = {"growth": "rate", "cagr": "rate", "pp_change": "pp", "multiple": "multiple", "change": "delta",
                 "share": "share", "level": "value", "count": "value", "target": "value", "rank": "value"}


def _generic_claim(d: _Doc, sent: Sentence, loc: Located, claims: list[Claim]) -> Claim:
    """A claim for one value no pattern took: rule ``generic.nearest_indicator``."""
    left = _left_context(d, sent, loc)
    review_name = _review_duration(d, loc) if loc.mention.kind == "duration" else None
    if loc.mention.table:
        phrase, ctype = _table_cell(d, loc)
    elif review_name:
        phrase, ctype = review_name, "level"
    else:
        ctype = _type_of_value(d, loc, left)
        previous = _previous_measure(claims, loc)
        phrase, _ = indicator_for(d, sent, loc, ctype, previous)
    role = _ROLE_OF_TYPE.get(ctype, "value")
    period, psrc, planned = period_for(d, sent, loc, ctype, role)
    subject, ssrc = subject_for(d, sent, loc.start)
    quals = _qualifiers(d, sent, [loc], planned, [])
    if planned and ctype in ("level", "count"):
        ctype = "target"
    cs, ce = loc.clause
    ind_id = _resolve_indicator_id(d, phrase)
    attrs: dict[str, Any] = {}
    if ctype == "multiple":
        attrs["multiple_kind"] = _multiple_kind(loc, left)
    claim = Claim(
        id=_claim_id(d.doc, GENERIC_RULE, [loc]), doc=d.doc, claim_type=ctype, rule=GENERIC_RULE,
        values=[ClaimValue(role, loc.mention)], span=_span(d, cs, ce), indicator=phrase, indicator_id=ind_id,
        subject=subject, subject_source=ssrc, period=period, period_source=psrc, qualifiers=quals,
        checks=_checks_for(ctype, []), attrs=attrs,
        # (only growth rates can be nominal: the clause is cut out for them alone)
        nominal=_nominal(d, ind_id, ctype, d.nt.text[cs:ce], None) if ctype in ("growth", "cagr") else None)
    claim.attrs["_measure"] = _measure_of(phrase, ctype)
    return claim


_CELL_SEP = regex.compile(r"[\t\u3000]+|[ ]{2,}")
_HAS_NUMBER = regex.compile(r"(?<![\p{Han}A-Za-z])[-+]?\d")
_UNIT_PAREN = regex.compile(r"[（(][^（()）]{1,12}[)）]\s*$")
_CHANGE_BEFORE = regex.compile(r"(?:比|较|同比)[^，。；,;\d]{0,8}?(?:增加|减少|增长|下降|多|少|净增|净减|扩大|缩小)了?$")
_ROW_LEAD = regex.compile(r"^(?:其中|#|＃)[:：]?")


def _table_cell(d: _Doc, loc: Located) -> tuple[str | None, str]:
    """(indicator, claim type) of a number in a flattened table: row label + column header."""
    text = d.nt.text
    ls = text.rfind("\n", 0, loc.start) + 1
    le = text.find("\n", loc.start)
    le = len(text) if le < 0 else le
    line = text[ls:le]
    cells = [c for c in _CELL_SEP.split(line.strip()) if c]
    label = _ROW_LEAD.sub("", cells[0]).strip() if cells and not _HAS_NUMBER.match(cells[0]) else ""
    numeric = [c for c in cells if _HAS_NUMBER.match(c)]
    lo = bisect.bisect_left(d.located_starts, ls)
    hi = bisect.bisect_left(d.located_starts, loc.start)
    col = sum(1 for other in d.located[lo:hi] if other.mention.table)
    header = ""
    pos = ls - 1
    for _ in range(40):  # the header is the nearest line above without numbers
        if pos <= 0:
            break
        hs = text.rfind("\n", 0, pos) + 1
        hline = text[hs:pos].strip()
        pos = hs - 1
        if not hline or hline.startswith(("单位", "表")):
            if hline.startswith("表"):
                break
            continue
        if not _HAS_NUMBER.search(hline):
            hcells = [c for c in _CELL_SEP.split(hline) if c]
            if len(hcells) >= len(numeric) + 1:
                header = hcells[len(hcells) - len(numeric) + col]
            elif len(hcells) == len(numeric) and col < len(hcells):
                header = hcells[col]
            break
    header = _UNIT_PAREN.sub("", header).strip()
    phrase = (label + header) if header and header not in ("数值", "绝对数", "指标") else label
    if _SHARE_WORDS.search(header):
        ctype = "share"
    elif _GROWTH_HEADER.search(header):
        ctype = "growth"
    elif loc.mention.kind == "count":
        ctype = "count"
    else:
        ctype = "level"
    return phrase or None, ctype


_REVIEW_DURATION_CONTEXT = regex.compile(r"(?:这|过去|近|的|前)$")
_REVIEW_DURATION_AFTER = regex.compile(r"^(?:来|间|里|以来|中|，|,|是|的)")


def _review_duration(d: _Doc, loc: Located) -> str | None:
    """The name of the review period when ``loc`` is its length (五年来, 这五年, …的五年)."""
    m = loc.mention
    if m.kind != "duration" or m.unit != "year":
        return None
    block = _block_at(d, loc.start)
    if block is None or block.kind not in ("review", "plan") or block.base is None or block.end is None:
        return None
    try:
        n = int(m.value)
    except (TypeError, ValueError):
        return None
    if n != block.end - block.base:
        return None
    text = d.nt.text
    if _REVIEW_DURATION_CONTEXT.search(text[max(0, loc.start - 2):loc.start]) or \
            _REVIEW_DURATION_AFTER.match(text[loc.end:loc.end + 2]):
        return block.label
    return None


def _multiple_kind(loc: Located, left: str) -> str:
    text = loc.mention.text
    if "番" in text:
        return "doubling"
    if _MULT_TIMES_OF.search(_MARKS_RUN.sub("", left)) or left.endswith("的"):
        return "times_of"
    return "grew_by"


def _measure_of(phrase: str | None, ctype: str) -> str | None:
    """The indicator without its verb, for borrowing by a following 、增长X% value."""
    if not phrase:
        return None
    if ctype in _RATE_TYPES:
        return None
    return phrase


_BARE_RATE_PHRASE = regex.compile(r"^(?:年均|年平均|平均每年)?(?:增长|下降|增加|减少|提高|降低|上涨)(?:了)?$")
_RIGHT_AFTER = regex.compile(r"^[、，,]?\s*(?:年均|年平均|平均每年)?(?:增长|下降|增加|减少|提高|降低|上涨)(?:了)?$")
_TRAILING_CHANGE = regex.compile(r"(?:增加|增长|减少|下降|提高|降低|扩大|缩小)(?:了)?$")


def _borrow_measures(d: _Doc, sent_claims: list[Claim]) -> None:
    """十年增加近70万亿元、年均增长6.2%: a rate named only by its verb takes the measure of the
    value written right before it (国内生产总值 → 国内生产总值年均增长)."""
    for k in range(1, len(sent_claims)):
        c = sent_claims[k]
        # (a cheap test first: a bare rate phrase is at most 8 characters, 平均每年增长了 and the
        # final line break $ lets through)
        if c.attrs.get("group") is not None or len(c.indicator or "") > 8 \
                or not _BARE_RATE_PHRASE.match(c.indicator or ""):
            continue
        prev = sent_claims[k - 1]
        pm, cm = prev.values[-1].mention, c.values[0].mention
        between = d.nt.original[pm.end:cm.start]
        if not _RIGHT_AFTER.match(between):
            continue
        measure = _TRAILING_CHANGE.sub("", prev.indicator or "")
        if len(measure) < 2 or measure == prev.indicator and prev.claim_type in _RATE_TYPES:
            continue
        c.indicator = measure + (c.indicator or "")
        c.indicator_id = _resolve_indicator_id(d, c.indicator) or c.indicator_id
        c.nominal = _nominal(d, c.indicator_id, c.claim_type, c.span.text if c.span else "", None) \
            if c.nominal is None else c.nominal


def _previous_measure(sent_claims: list[Claim], loc: Located) -> str | None:
    """The measure of the nearest earlier level claim in the same sentence (…达到X亿元、增长Y%)."""
    best = None
    for c in sent_claims:
        first = c.values[0].mention
        if first.end <= loc.mention.start and c.attrs.get("_measure"):
            if best is None or first.start > best[0]:
                best = (first.start, c.attrs["_measure"])
    return best[1] if best else None


def _claims_from_match(d: _Doc, sent: Sentence, mt: _Match) -> list[Claim]:
    p = mt.pattern
    if p.claim_type == RESPECTIVELY_RULE_TYPE:
        return _respectively_claims(d, sent, mt)
    locs = [loc for _, loc in mt.values]
    main = locs[0]
    ctype = p.claim_type
    if ctype == "part_of_whole" and _CHANGE_BEFORE.search(d.nt.text, max(sent.start, main.start - 16), main.start):
        return []  # 比上年末减少208万人，其中…: a change is not the whole of the parts that follow
    # indicator: the {indicator} slot, else the generic phrase of the first value, else the rule's
    phrase = None
    if "indicator" in mt.texts:
        ind_start, _, ind_text = mt.texts["indicator"]
        if ctype == "share" and ind_start < main.start:
            # a share is named by the whole phrase: 第三产业增加值占地区生产总值的比重
            ind_text = _MARKS_RUN.split(d.marked[ind_start:main.start])[0]
        phrase = _clean_phrase(d, ind_text, breakers=ctype != "share") or None
    own_indicators: dict[int, str] = {}
    if ctype == "part_of_whole" and mt.indicators and mt.indicators[0][0] >= main.end:
        # 就业人员74041万人，其中城镇就业人员47032万人: each part names itself, the whole is named before it
        previous_end = main.end
        for role, loc in mt.values:
            if loc is main:
                continue
            own = [t for t in mt.indicators if previous_end <= t[0] and t[1] <= loc.start]
            if own:
                own_indicators[id(loc.mention)] = _clean_phrase(d, own[-1][2]) or own[-1][2]
            previous_end = loc.end
        phrase, _ = indicator_for(d, sent, main, "level")
    if phrase is None:
        phrase, _ = indicator_for(d, sent, main, ctype)
    ind_id = _resolve_indicator_id(d, phrase) or p.indicator
    if phrase is None and p.indicator:
        phrase = d.pack.indicators[p.indicator].name
    # subject
    subj_slot = mt.texts.get("subject")
    slot_subject = None
    if subj_slot:
        hits = _subjects_in(d, subj_slot[0], subj_slot[1])
        if hits:
            slot_subject = d.places.resolve(hits[-1][2])
            subj_slot = (hits[-1][0], hits[-1][1], hits[-1][2])
        else:
            slot_subject = leading_entity(subj_slot[2])
    if slot_subject:
        slot_src = "rule"
    else:
        slot_src = None
    if p.subject_roles and slot_subject:
        others = [loc for role, loc in mt.values if role not in p.subject_roles]
        pos = others[0].start if others else main.start
        subject, ssrc = subject_for(d, sent, pos, exclude=(subj_slot[0], subj_slot[1]))
        # the slot's own subject goes to its roles; find_subjects in the clause would see it again
        cs, _ = sent.clause_of(pos)
        if ssrc == "clause" and subject == slot_subject:
            sent_hits = [h for h in _subjects_in(d, sent.start, cs)]
            if sent_hits:
                subject, ssrc = d.places.resolve(sent_hits[0][2]), "sentence"
            elif d.places.main:
                subject, ssrc = d.places.main, "document"
    elif slot_subject:
        subject, ssrc = slot_subject, slot_src
    else:
        subject, ssrc = subject_for(d, sent, main.start)
    # period: bound years of the pattern, else per value (start → base year, end → end year …)
    attrs: dict[str, Any] = {}
    years = {role: loc for role, loc in mt.times}
    start_year = _year_of(years.get("start")) or _base_year(years.get("base"))
    end_year = _year_of(years.get("end"))
    value_periods: dict[int, str | None] = {}
    planned = False
    psrc: str | None = None
    for role, loc in mt.values:
        if role == "start" and start_year:
            value_periods[id(loc.mention)] = str(start_year)
        elif role == "end" and end_year:
            value_periods[id(loc.mention)] = str(end_year)
        else:
            vp, vsrc, vplanned = period_for(d, sent, loc, ctype, role)
            if role == "rate" and start_year and end_year:
                vp, vsrc = f"{start_year}/{end_year}", "rule"
            value_periods[id(loc.mention)] = vp
            planned = planned or vplanned
            psrc = psrc or vsrc
    by_role = {role: value_periods[id(loc.mention)] for role, loc in reversed(mt.values)}
    if ctype in ("change", "cagr"):
        # the change between two dated levels spans their years (较“十三五”末…增加X，增长R%)
        sp = str(start_year) if start_year else by_role.get("start")
        ep = str(end_year) if end_year else by_role.get("end")
        if sp and ep and "/" not in sp + ep and sp != ep:
            for role, loc in mt.values:
                if role in ("rate", "delta", "pp", "multiple"):
                    value_periods[id(loc.mention)] = f"{sp}/{ep}"
            by_role = {role: value_periods[id(loc.mention)] for role, loc in reversed(mt.values)}
    if p.period:
        period, psrc = p.period, "rule"
    elif ctype in ("cagr", "change"):
        sp = str(start_year) if start_year else by_role.get("start")
        ep = str(end_year) if end_year else by_role.get("end")
        if sp and ep and sp != ep and "/" not in sp + ep:
            period = f"{sp}/{ep}"
        else:
            period = by_role.get("rate") or by_role.get("delta") or ep or sp
        psrc = "rule" if (start_year and end_year) else psrc
    else:
        period = value_periods[id(main.mention)]
    if period and "/" in period and ctype in ("cagr", "change"):
        x, y = period.split("/", 1)
        if x[:4].isdigit() and y[:4].isdigit():
            attrs["start_year"], attrs["end_year"] = int(x[:4]), int(y[:4])
    if mt.times:
        attrs["time_spans"] = [{"role": f"{r}_year", "text": loc.mention.text, "start": loc.mention.start,
                                "end": loc.mention.end, "line": loc.mention.line, "col": loc.mention.col}
                               for r, loc in mt.times]
    if psrc is None and period:
        psrc = "rule"
    if mt.texts:
        # the spans of the pattern's text slots (indicator, subject, items), in original offsets
        attrs["slot_spans"] = {name: {"text": text, **_orig(d, s, e)} for name, (s, e, text) in mt.texts.items()}
    quals = _qualifiers(d, sent, locs, planned, p.qualifiers)
    cs, _ = sent.clause_of(mt.start)
    _, ce = sent.clause_of(max(mt.end - 1, mt.start))
    if ctype == "multiple":
        attrs["multiple_kind"] = _multiple_kind(main, _left_context(d, sent, main))
    claim = Claim(
        id=_claim_id(d.doc, p.id, locs), doc=d.doc, claim_type=ctype, rule=p.id,
        values=[ClaimValue(role, loc.mention) for role, loc in mt.values], span=_span(d, cs, ce),
        indicator=phrase, indicator_id=ind_id, subject=subject, subject_source=ssrc, period=period,
        period_source=psrc, qualifiers=quals, checks=_checks_for(ctype, p.checks),
        nominal=_nominal(d, ind_id, ctype, d.nt.text[cs:ce], p.nominal), attrs=attrs)
    # per-value subjects and periods (part_of_whole: 全国41个 … 中的39个; change: start/end years)
    per_value: dict[int, tuple[str | None, str | None, str | None]] = {}
    for role, loc in mt.values:
        v_subject = slot_subject if (p.subject_roles and role in p.subject_roles and slot_subject) else subject
        v_indicator = own_indicators.get(id(loc.mention), phrase)
        if role == "rate" and ctype in ("cagr", "change") and len(mt.values) > 1:
            # the rate of a change statement is named by its own words (…，年均复合增长率达到16.7%)
            own = _clean_phrase(d, _left_context(d, sent, loc))
            if own and _CAGR_WORDS.search(own):
                v_indicator = (phrase or "") + own
            elif own and d.lex.growth_tail.search(own):
                v_indicator = (phrase or "") + own
        per_value[id(loc.mention)] = (v_subject, value_periods.get(id(loc.mention), period), v_indicator)
    claim.attrs["_per_value"] = per_value
    claim.attrs["_times"] = [(r, loc.mention) for r, loc in mt.times]
    claim.attrs["_measure"] = phrase if ctype not in _RATE_TYPES else None
    return [claim]


def _base_year(loc: Located | None) -> int | None:
    """The year a comparison base stands for (“十三五”末 → 2020, 2019年 → 2019)."""
    if loc is None:
        return None
    v = _time_value(loc.mention)
    if v and "/" in v:
        end = v.split("/", 1)[1]
        return int(end[:4]) if end[:4].isdigit() else None
    return int(v[:4]) if v and v[:4].isdigit() else None


def _year_of(loc: Located | None) -> int | None:
    if loc is None:
        return None
    v = _time_value(loc.mention)
    if v and v[:4].isdigit():
        return int(v[:4])
    return None


def _split_items(d: _Doc, text: str, n_values: int) -> tuple[list[tuple[int, int, str]], str, str | None]:
    """Split a listed series into items: (items as (start, end, text) relative to ``text``, head, place).

    ``A、B和C等支柱产业`` → A, B, C; ``有色冶金、石化化工、装备制造产业增加值`` → items with the
    shared head ``产业增加值`` restored to each; a place glued in front (重庆汽车) is returned apart.
    """
    body = text
    offset = 0
    place = None
    subj, rest = strip_leading_subject(body)
    if subj and rest[:1] not in ("、", "，", ",", "和", "与", "及"):
        offset += len(body) - len(rest)
        # a place glued to the first item (重庆汽车) qualifies the items; 全市/我省 only scope them
        place = None if subj in _DEIXIS_OR_REGION else subj
        body = rest
    lead = d.lex.lead.match(body)
    if lead:
        offset += lead.end()
        body = body[lead.end():]
    body = _TRAILING_ALL.sub("", body)
    etc = _ETC.search(body)
    if etc:
        body = body[:etc.start()]
    pieces = _split_with_offsets(_SPLIT_ITEMS_COMMA, body)
    if len(pieces) < n_values:
        pieces = _split_with_offsets(_SPLIT_ITEMS, body)
    pieces = [(s + offset, e + offset, t) for s, e, t in pieces if t]
    head = ""
    owner = _owner_of(pieces[-1][2]) if len(pieces) >= 2 else None
    if owner and len(pieces[-1][2]) - len(owner) >= 2 and all(_owner_of(t) == t for _, _, t in pieces[:-1]):
        # 全国和自由贸易试验区负面清单条数: the items own the measure written after the last one
        ls, le, last = pieces[-1]
        head = _OWNED + last[len(owner):].lstrip("的")
        pieces[-1] = (ls, ls + len(owner), owner)
    elif len(pieces) >= 2 and "的" in pieces[-1][2][1:-2]:
        # 上海、北京、深圳的地区生产总值: the items own the measure written after 的
        ls, le, last = pieces[-1]
        k = last.index("的", 1)
        head = _OWNED + last[k + 1:]
        pieces[-1] = (ls, ls + k, last[:k])
    elif len(pieces) >= 2:
        *first, (ls, le, last) = pieces
        h = d.lex.head.search(last, 1)
        # a head of two or more characters written once after the last item (黄金、白银、镍产量)
        if h and len(h.group()) >= 2 and not any(h.group() in t for _, _, t in first):
            cut = h.start()
            # 第一产业、第二产业、第三产业增加值: the other items end with the head's first word
            # (产业), so only 增加值 is shared and the last item keeps 第三产业
            shared = ""
            for k in range(len(h.group()) - 1, 0, -1):
                if all(t.endswith(last[cut:cut + k]) for _, _, t in first):
                    cut += k
                    shared = _SHARED
                    break
            head = shared + last[cut:]
            pieces[-1] = (ls, ls + cut, last[:cut])
    return pieces, head, place


_OWNED = "\x00"  # marks a head that the items own (their subjects) rather than qualify
_SHARED = "\x01"  # marks a head every item takes (第一产业、第三产业 + 增加值)


def _owner_of(text: str) -> str | None:
    """The place or organisation ``text`` opens with (the whole text when it is one)."""
    if is_subject_word(text):
        return text
    entity = leading_entity(text)
    if entity:
        return entity
    subj, rest = strip_leading_subject(text)
    return subj if subj and subj != text else None


def _with_head(d: _Doc, item: str, head: str) -> str:
    """``item`` with the list's shared head restored (精炼铜 + 产量; 文化及相关产业 + 产业增加值 → …产业增加值)."""
    if head.startswith(_OWNED):
        return head[1:]
    if head.startswith(_SHARED):
        return item + head[1:]
    if not head or item.endswith(head):
        return item
    for k in range(min(len(item), len(head)) - 1, 1, -1):
        if item.endswith(head[:k]):
            return item + head[k:]
    tail = d.lex.head.search(item[-5:])
    if tail and item.endswith(tail.group()):
        return item  # already a complete measure (农产品网络零售额)
    return item + head


def _split_with_offsets(rx: Any, body: str) -> list[tuple[int, int, str]]:
    out = []
    last = 0
    for m in rx.finditer(body):
        out.append((last, m.start(), body[last:m.start()]))
        last = m.end()
    out.append((last, len(body), body[last:]))
    return [(s, e, t.strip()) for s, e, t in out]


def _respectively_claims(d: _Doc, sent: Sentence, mt: _Match) -> list[Claim]:
    p = mt.pattern
    locs = [loc for _, loc in mt.values]
    n = len(locs)
    items_slot = mt.texts.get("items")
    items: list[tuple[int, int, str]] = []
    head, place = "", None
    if items_slot:
        raw = items_slot[2]
        # leading time marks / subjects are not items
        core_start = 0
        mm = list(_MARKS_RUN.finditer(raw))
        if mm:
            core_start = mm[-1].end()
        core = raw[core_start:]
        lead_strip = len(core) - len(core.lstrip("，、 "))
        pieces, head, place = _split_items(d, core[lead_strip:], n)
        base = items_slot[0] + core_start + lead_strip
        items = [(base + s, base + e, t) for s, e, t in pieces]
    antecedents: list[str | None] = []
    if not items:
        # 完成产业类投资553.1亿元、研发投入133.5亿元，分别增长10.6%、10.3%: the items are earlier values
        before = [loc for loc in sent.mentions if loc.end <= locs[0].start and loc.mention.kind in QUANTITY_KINDS]
        for loc in before[-n:]:
            # the values of an earlier 分别 list of the sentence keep that list's measures
            known = d.list_measures.get(loc.start)
            ph = known if known is not None else indicator_for(d, sent, loc, "level")[0]
            antecedents.append(ph)
    matched_text = d.nt.text[mt.start:mt.end]
    after = matched_text.split("分别", 1)[-1]
    increase = bool(d.lex.increase_verb.search(after))
    decrease = bool(d.lex.decrease_verb.search(after))
    verb_m = d.lex.change_verb.search(after)
    verb = verb_m.group() if verb_m else ""
    group = "g" + hashlib.sha1(f"{d.doc}|{p.id}|{mt.start}-{mt.end}".encode()).hexdigest()[:12]
    claims: list[Claim] = []
    # the shared time/subject of the sentence
    urban_rural = None
    if len(items) == 1 and n == 2 and _URBAN_RURAL.match(items[0][2]):
        urban_rural = items[0][2]
        # the listed subjects are the two characters of 城乡 (城镇/城市 and 农村)
        s0 = items[0][0] + _URBAN_RURAL.match(urban_rural).start()
        items = [(s0, s0 + 1, urban_rural[0]), (s0 + 1, s0 + 2, urban_rural[1])]
    for k, loc in enumerate(locs):
        kind = loc.mention.kind
        if kind == "percentage_points":
            ctype, role = "pp_change", "pp"
        elif kind == "multiple":
            ctype, role = "multiple", "multiple"
        elif (increase or decrease) and kind == "percent":
            ctype, role = ("cagr", "rate") if _CAGR_WORDS.search(matched_text + (items_slot[2] if items_slot else "")) \
                else ("growth", "rate")
        elif increase or decrease:
            ctype, role = "change", "delta"
        elif kind == "percent" and _SHARE_WORDS.search(items_slot[2] if items_slot else ""):
            ctype, role = "share", "share"
        elif kind == "count":
            ctype, role = "count", "value"
        else:
            ctype, role = "level", "value"
        item = items[k][2] if k < len(items) and not urban_rural else None
        if urban_rural:
            # 城乡居民人均可支配收入分别增长X、Y → 城镇居民…, 农村居民…; 城乡低保标准 → 城市…, 农村…
            residents = urban_rural.startswith("城乡居民")
            rest = _URBAN_RURAL.sub("", urban_rural)
            item = (("城镇居民" if residents else "城市") if k == 0 else ("农村居民" if residents else "农村")) + rest
        measure = None
        if item is not None:
            measure = _with_head(d, item, head)
        elif k < len(antecedents):
            measure = antecedents[k]
        if place and item:
            subject, ssrc = d.places.resolve(place) + item, "clause"
        elif item and head.startswith(_OWNED):
            subject, ssrc = (d.places.resolve(item) if is_subject_word(item) else item), "clause"
        else:
            subject, ssrc = subject_for(d, sent, items_slot[0] if items_slot else loc.start)
        if measure:
            d.list_measures[loc.start] = measure
        needs_verb = ctype in _RATE_TYPES and verb and not (measure or "").endswith(verb)
        phrase = (measure or "") + (verb if needs_verb else "")
        phrase = phrase or None
        ind_id = _resolve_indicator_id(d, phrase)
        period, psrc, planned = period_for(d, sent, loc, ctype, role)
        quals = _qualifiers(d, sent, [loc], planned, p.qualifiers)
        if planned and ctype in ("level", "count"):
            ctype = "target"
        cs, _ = sent.clause_of(mt.start)
        _, ce = sent.clause_of(max(mt.end - 1, mt.start))
        attrs: dict[str, Any] = {"group": group, "respectively": True, "index": k}
        if k == 0:
            attrs["items"] = [{"text": t, **_orig(d, s, e)} for s, e, t in items]
            attrs["values"] = [{"text": x.mention.text, "start": x.mention.start, "end": x.mention.end}
                               for x in locs]
        if ctype == "multiple":
            attrs["multiple_kind"] = _multiple_kind(loc, _left_context(d, sent, loc))
        if ctype in ("cagr",) and period and "/" in period:
            a, b = period.split("/", 1)
            if a.isdigit() and b.isdigit():
                attrs["start_year"], attrs["end_year"] = int(a), int(b)
        claims.append(Claim(
            id=_claim_id(d.doc, p.id, [loc]), doc=d.doc, claim_type=ctype, rule=p.id,
            values=[ClaimValue(role, loc.mention)], span=_span(d, cs, ce), indicator=phrase, indicator_id=ind_id,
            subject=subject, subject_source=ssrc, period=period, period_source=psrc, qualifiers=quals,
            checks=_checks_for(ctype, []) + (list(p.checks) or ["respectively"] if k == 0 else []),
            nominal=_nominal(d, ind_id, ctype, d.nt.text[cs:ce], p.nominal), attrs=attrs))
    return claims


def _orig(d: _Doc, s: int, e: int) -> dict:
    os_, oe = d.nt.span_to_original(s, e)
    return {"start": os_, "end": oe}


def _fill_mentions(c: Claim) -> None:
    """Copy the claim's binding onto its mentions (the extract command's JSON fields)."""
    attrs = c.attrs
    per_value = attrs.pop("_per_value", None)
    times = attrs.pop("_times", ())
    attrs.pop("_measure", None)
    for cv in c.values:
        m = cv.mention
        if per_value and id(m) in per_value:
            subject, period, indicator = per_value[id(m)]
        else:
            subject, period, indicator = c.subject, c.period, c.indicator
        m.indicator, m.indicator_id = indicator, c.indicator_id
        m.subject, m.period = subject, period
        m.claim_id, m.claim_type, m.role, m.rule = c.id, c.claim_type, cv.role, c.rule
    for role, m in times:
        m.claim_id, m.claim_type, m.role, m.rule = c.id, c.claim_type, f"{role}_year", c.rule
        m.indicator, m.indicator_id = c.indicator, c.indicator_id
