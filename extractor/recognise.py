"""Stage 3: recognise every quantity and time expression.

Design (one compiled scan, no per-character Python loops):

1. ``_SCAN`` — one pattern with two layers: the time expressions of
   :mod:`extractor.timex` first, then quantity candidates anchored on a numeral
   (Arabic digits, Chinese numerals, 百分之…, …分之…, 一半, 翻番, 上千…, ratios)
   followed by an optional range, unit word or classifier (one alternation
   built from ``data/lexicon.toml``) and a bound morpheme (以上, 左右, 多 …).
   A selective lookahead lets the engine skip positions where no quantity can
   start; bare numbers are dropped before any further Python work.
2. For each candidate, cheap local checks with precompiled patterns decide
   whether it is a quantity (ordinals 第N, codes 5G/19BFX090, labels 四链,
   indefinites 一批, sessions 十九届五中全会, ranks 第3位 … are not) and fill
   kind, value, unit, approx and direction.
3. Bare numbers inside a list whose last member carries the unit inherit it
   (分别净减少10.6万、3.8万、3.3万平方公里); numbers after 比值/指数 are ratios and
   index values; flattened tables are read by :mod:`extractor.tables`.

Speed: every pattern runs on the standard ``re``, which matches these patterns
about twice as fast as ``regex`` and costs less per call (so they avoid the
syntax only ``regex`` has: named lists, ``\\p{..}``, variable-width lookbehinds);
match groups are read by number (a name lookup costs ~10x more), one
first-character class guards both layers, the end-anchored context patterns
(约/超过 before a number, the verb of a change, relief nouns) run only when the
character before the number can end one of their words, and windows are
searched in place (``pos``/``endpos``) rather than sliced.

Offsets are mapped back to the original text with ``nt.span_to_original``;
base values come from the pint registry through the cached factors of
:mod:`extractor.units`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from .model import Mention
from .normalise import NormalisedText
from .numerals import NumeralError, ParsedNumber, _parse_cached, approx_range, parse_number
from .timex import SPACE, TIME_PATTERN, WHITE_SPACE, TimeMatch, publication_date, time_from_match
from .units import UnitWord, base_factor, load_lexicon, unit_alternation

LEXICON: dict[str, UnitWord] = load_lexicon()
# the unit words as one alternation, longest first (个百分点 before 个月 before 个)
_UNITS = f"(?:{unit_alternation(LEXICON)})"
# \p{Han} (the Han script, as the regex module 2026.5 has it) written out for the standard re
_HAN = ("[\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
        "\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6"
        "\U00020000-\U0002a6df\U0002a700-\U0002b81d\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0"
        "\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479]")

_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# 千/百/十 that begin a unit word (千瓦, 千伏, 千米, 千克, 百分点) are not part of the numeral
_NOT_UNIT = r"(?![瓦伏米克]|分点|分之)"
_CN_ATOM = rf"(?:[〇零一二两三四五六七八九几]|[十百千]{_NOT_UNIT}|(?<=[〇零一二两三四五六七八九十])点(?=[〇零一二三四五六七八九]))"
_SCALE_ATOM = r"[万亿]"
# after the first number, Arabic digits only continue a numeral before 千/百/十 (1万6千, 1亿3千多万)
_ATOM = rf"(?:\d+(?=[千百十]){_NOT_UNIT}|{_CN_ATOM}|{_SCALE_ATOM}|[多余](?=[万亿\d〇零一二两三四五六七八九十百千]))"
_START = rf"(?:{_ARABIC}|[〇零一二两三四五六七八九十]|[百千]{_NOT_UNIT}|[万亿])"
_NUM = rf"(?:{_START}{_ATOM}*)"
_ANUM = rf"(?:{_ARABIC}{_ATOM}*)"
_CNUM = rf"(?:(?:[〇零一二两三四五六七八九十]|[百千]{_NOT_UNIT}|[万亿]){_ATOM}*)"
_CN_NUM = rf"(?:[〇零一二两三四五六七八九十百千]+)"
_SIGN = r"(?:(?<![\dA-Za-z.%)）])[-+](?=\d))"
_RANGE_SEP = r"(?:[-—–~～]{1,2}|至|到)"

_CN_RUN = r"[〇零一二两三四五六七八九十百千万亿几点]*"
# first characters of unit words: a Chinese numeral followed by none of them cannot be a quantity
_UNIT_FIRST = re.escape("".join(sorted({w[0] for w in LEXICON})))

# (the lookaheads opening frac and ratio only restate what follows, 分之 / a colon after the digits:
# they spare the engine the backtracking through every number that is neither)
CANDIDATE_PATTERN = (
    rf"""
    (?=[\d+-]|[〇零一二两三四五六七八九十百千万亿]{_CN_RUN}[{_UNIT_FIRST}多余\-—–~～至到{WHITE_SPACE}分半]|上[百千万亿]|翻
       |[一二两三四五六七八九十][〇零一二两三四五六七八九十百千]*[万亿])
    (?:
        (?P<pct_cn>百分之(?P<pct_n>{_CN_NUM}(?:点[〇零一二三四五六七八九]+)?|{_ARABIC}))
      | (?P<frac>(?=[〇零一二两三四五六七八九十百千万亿\d]*分之)(?P<f_den>{_CN_NUM}?[万亿]?|\d+)分之(?P<f_num>{_CN_NUM}|\d+))
      | (?P<half>(?<![〇零一二两三四五六七八九十])一半)
      | (?P<double>翻了?(?P<d_n>[一两三四]|\d)?番)
      | (?P<shang>(?<![千百万成])上(?P<s_n>[百千万亿]+))
      | (?P<ratio>(?<![\d.:：])(?=[\d,.]*[:：]){_ARABIC}(?:[:：]{_ARABIC})+(?![\d:：]))
      | (?P<slash>(?<![\d/.:])(?P<sl_n>\d{{1,3}})/(?P<sl_d>\d{{1,4}})(?![\d/.:%]))
      | (?P<num>{_SIGN}?{_ANUM}|(?={_CN_RUN}[{_UNIT_FIRST}多余\-—–~～至到{WHITE_SPACE}]){_CNUM}(?=(?:{SPACE}?{_RANGE_SEP}{SPACE}?{_NUM})?[多余]?(?:{_UNITS})))(?P<pct1>%)?
        (?:{SPACE}?(?P<rsep>{_RANGE_SEP}){SPACE}?(?P<num2>{_NUM}))?
      | (?P<cnscaled>[一二两三四五六七八九十][〇零一二两三四五六七八九十百千多余]*[万亿]+)(?={_HAN}|[，。；、）！？])
    )
    (?P<mid>[多余](?={_UNITS}))?
    (?P<unit>{_UNITS})?
    (?P<half_unit>(?<=[年月天时])半)?
    (?P<bound>及以上|及以下|以上|以下|以内|之内|左右|内|多|余)?
    """
)
# one scan for both layers: time expressions first, then quantity candidates
# (the leading class is every character either layer can start with: one cheap test per position);
# the standard re runs this pattern about twice as fast as regex (see :data:`timex.TIME_PATTERN`)
_SCAN = re.compile(rf"(?=[\d+\-〇零一二两三四五六七八九十百千万亿上下翻前第])(?:(?P<timex>{TIME_PATTERN})|(?P<qty>{CANDIDATE_PATTERN}))",
                   re.X)

BOUND_APPROX = {"及以上": "at_least", "及以下": "at_most", "以上": "more_than", "以下": "at_most", "以内": "at_most", "之内": "at_most",
                "内": "at_most", "左右": "about", "多": "more_than", "余": "more_than"}

# governing words right before the number (outside the span)
_PRE_APPROX = re.compile(
    r"(?:(?P<about>大约|约为|约|大概|近|接近|将近|逼近)"
    r"|(?P<more_than>超过|超|逾|突破|首次突破|高于|多于|迈上|跨过|跨上|跃上)"
    r"|(?P<at_least>不少于|至少|不低于|起码)"
    r"|(?P<at_most>不超过|最多|不高于|控制在|至多)"
    r"|(?P<less_than>不到|不足|低于|少于))$"
)
_EXPECTED = re.compile(r"预计|力争|争取|目标|预期|确保|推动实现|将达到|拟|今年再|全年要|要(?:新增|完成|实现|达到|控制|保持|下降|降低|提高|增长|减少)")
_PAST = re.compile(r"去年|上年|过去|已经|已|以来|累计|比上年|较上年|同比")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_INC = r"增长|增加|提高|提升|净增|多了|上涨|上升|扩大|增产|(?<!新)增|加快|回升|升值|增速|涨幅|增幅"
_DEC = r"下降|减少|降低|压减|压降|缩减|缩小|缩短|回落|下滑|减产|减税|降费|减|降|压缩|削减|节约|贬值|降幅"
_DIRECTION = re.compile(rf"(?P<inc>{_INC})|(?P<dec>{_DEC})")
# the verb right before the number, allowing 了, a bound word and 为/达 (增速超过30%, 涨幅2%)
_DIR_TAIL = re.compile(
    rf"(?:{_INC}|{_DEC})(?:了)?(?:分别)?(?:为|达|达到)?(?:约|近|超过|超|逾|接近|将近|大约|不到|不足|达)?$"
)
# the last characters of the words these end-anchored patterns can match: a one-character test
# tells most positions apart before any regex runs
_PRE_APPROX_LAST = frozenset(w[-1] for w in re.findall(f"{_HAN}+", _PRE_APPROX.pattern))
_DIR_TAIL_LAST = frozenset(w[-1] for w in re.findall(f"{_HAN}+", _DIR_TAIL.pattern))
# relief measures: 降低利息负担1.2万亿元, 减轻市场主体负担3万多亿元, 压减政府性基金项目30%
_RELIEF_NOUNS = ("负担", "成本", "费用", "项目", "收费")
_RELIEF_NOUN = re.compile("|".join(_RELIEF_NOUNS))
_RELIEF = re.compile(r"(?:减轻|降低|压减|削减|减少|减免)[^，。；、\d]{0,8}(?:负担|成本|费用|项目|收费)(?:超过|约|近)?$")
# the characters _RELIEF can end with (a noun of _RELIEF_NOUNS, or 超过/约/近 after it)
_RELIEF_LAST = frozenset(w[-1] for w in _RELIEF_NOUNS) | frozenset("过约近")
_DIRECTION_LAST = _DIR_TAIL_LAST | _RELIEF_LAST
_SESSION_AFTER = re.compile(
    r"(?:全国)?(?:人民代表大会|人大|全会|中全会|全体会议|代表大会|党代会|政协|历次|常委会|"
    r"[一二三四五六七八九十]+[中次届])"
)
_BODY_BEFORE = re.compile(r"届|人大|政协|党代会|代表大会")  # 十四届全国人大二次会议
_TIMES_WORD_AFTER = re.compile(r"(?:产业|方(?![面案式法向])|元)")  # 三次产业, 三次方, 三次元
_RANK_BEFORE = re.compile(r"(?:排名|位列|位居|名列|排在|排位)[^，。；]{0,8}$")
_GRADE_AFTER = re.compile(r"(?:创新药|新药|疫苗|水质|水体|医疗器械|医院|公路|支流|资质|标准)")
_GRADE_BEFORE = re.compile(r"(?:保持|达到|属于|评为|(?<!分)为|(?<![分归])属)$")  # 分为三类 is a count
_LEVEL_BEFORE = re.compile(r"[省市县区乡镇村级层]$")
_QUAKE = re.compile(r"^(?:以上|及以上|左右)?(?:的)?(?:地震|强震)|(?:里氏|发生|震级)$")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ONE_TIME_OK_BEFORE = re.compile(r"(?:学前|过去|近|最近|用|历时|满|仅|不到|超过|连续|长达|达|前|后|每隔|这)$")
_ONE_TIME_OK_AFTER = re.compile(r"^(?:来|内|以内|以上|多|半|间|后|之内|左右)")
_CHENG_BAD_AFTER = re.compile(r"^(?:为|立|功|果|员|本|熟|绩|交|长|型|效|就|品|都|团|套|片|群|批|规模|不变|气候|体系)")
_PAIR_LABEL_WORDS = frozenset({"线", "类", "产", "号", "等", "档", "流", "代", "星", "甲", "乙"})
# N日 is a duration only where it reads as one (15日内, 之日起30日); else a day of the month (18日发布)
_DAY_DURATION_BEFORE = re.compile(r"(?:之日起|日起|起|为期|期限为?|满|超过|不少于|不超过|不得超过|连续|长达|历时|逾期|提前|延长|缩短|需要|需|用时|平均)$")
_FRACTION_BEFORE = re.compile(r"(?:近|约|超过|超|逾|不到|不足|占|达|达到|为|是|有|仅|只有|的|将近|接近|大约|高达|至少|了)$")
_FRACTION_AFTER = re.compile(r"的|以上|以下|左右|多|强|弱")
_CN_DIGIT_IN = re.compile(r"[一二两三四五六七八九]")
_NOT_COUNTED = frozenset("分之倍年月日")  # 三千万分之一; units the candidate pattern did not take
_LIST_SEP = re.compile(r"^(?:、|和|及|与|或)$")
_RATIO_CONTEXT = re.compile(r"(?:比值|之比|收入比|倍差)[^，。；]{0,10}$")
_INDEX_CONTEXT = re.compile(r"(?:指数|性别比|上年=100|上年为100)[^，。；]{0,8}$")
_ZERO_UNIT = Decimal(1)
_RATIO_SPLIT = re.compile(r"[:：]")
_LIST_CHARS = frozenset("、和及与或")
_BARE_SCALE_APPROX = re.compile(r"(?:近|约|超|逾|达|有|突破|超过)$")
_ORDINAL_LIST = re.compile(r"第[〇零一二三四五六七八九十百\d]{1,4}[、，]$")
# numeral + unit-like character that form ordinary words
_VOCABULARY = frozenset({"十字", "三轮", "万一", "一一", "十分", "百分"})

# unit words with a rule of their own in _candidates (a quick test spares the others every check)
_CHECKED_UNITS = frozenset(w for w, uw in LEXICON.items()
                           if uw.chinese_only or uw.scaled_only or uw.restricted or w in ("级", "成", "年"))

# units that describe time spans: only these survive after a bare 一
_TIME_UNITS = frozenset({"年", "周年", "个月", "个多月", "个季度", "个工作日", "工作日", "天", "小时", "个小时", "个多小时",
                         "分钟", "周", "个星期"})


@dataclass(slots=True)
class _Candidate:
    """A recognised quantity in normalised-text offsets, before mapping."""

    start: int
    end: int
    kind: str
    value: object
    value_text: str
    unit: str | None
    pint: str | None
    classifier: str | None = None
    scale_word: str | None = None
    approx: list[str] | None = None
    decimals: int | None = None
    bare: bool = False
    table: bool = False
    direction: str | None = None
    class_about: bool = False  # the about comes from a magnitude class (万亿级), not from the text


def document_date(nt: NormalisedText) -> str | None:
    """The publication date of the document when it states one near the top (ISO)."""
    return publication_date(nt.text)


def _norm_value(v: Decimal, scaled: bool = True) -> Decimal:
    """Scaled integral values without exponent or trailing zeros (3.5万 → 35000, 1.2E+12 → 1200000000000).

    Unscaled values keep their written precision (8.0 stays 8.0).
    """
    exp = v.as_tuple().exponent
    if (exp > 0 or (scaled and exp != 0)) and v == v.to_integral_value():
        try:
            return v.quantize(_ZERO_UNIT)
        except ArithmeticError:  # more digits than the context holds: keep the exponent form
            return v
    return v


def _is_chinese(s: str) -> bool:
    """True for numerals written in Chinese characters (the candidate pattern starts Arabic ones with a digit or sign)."""
    return not (s[:1].isdigit() or s[1:2].isdigit())


def _bare_scale(s: str) -> bool:
    """A numeral made only of scale words (百/千/万/亿): 千亿, 万 — no digit written."""
    return not s.strip("百千万亿")


def _approx_before(text: str, start: int) -> list[str]:
    """The bound set by a governing word right before the number (约, 超过, 不少于 …)."""
    if not start or text[start - 1] not in _PRE_APPROX_LAST:
        return []  # every governing word ends in one of these characters
    m = _PRE_APPROX.search(text, max(0, start - 6), start)
    return [m.lastgroup] if m else []


class _GoalIndex:
    """Where 预计/力争/目标… are, so each mention is a bisect and two comparisons, not a window scan."""

    __slots__ = ("triggers", "ends")

    def __init__(self, text: str):
        self.triggers = [m.start() for m in _EXPECTED.finditer(text)]
        # the first sentence end at or after each trigger (len(text) when none follows)
        self.ends = [m.start() if (m := _SENTENCE_END.search(text, t)) else len(text) for t in self.triggers]

    def expected(self, start: int) -> bool:
        """A target or forecast word earlier in the sentence (a 预期目标 list runs over ；), within 160 chars."""
        k = bisect_right(self.triggers, start - 1)
        if not k:
            return False
        # no sentence end between the trigger and the number: the first one after the trigger is not before it
        return start - self.triggers[k - 1] <= 160 and self.ends[k - 1] >= start


def _expected(text: str, start: int) -> bool:
    """``_GoalIndex(text).expected(start)`` for one position."""
    return _GoalIndex(text).expected(start)


_SENTENCE_PUNCT = re.compile(r"[。！？]")
_PLAN_HEADING = re.compile(r"工作安排|重点工作|目标任务|主要任务|为民实事|民生实事|工作的建议|总体要求|预期目标")
_REVIEW_HEADING = re.compile(r"回顾|过去")
_REVIEW_LEADS = ("回顾", "过去")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])")


def _heading_starts(text: str, matches, is_plan: bool) -> list[tuple[int, bool]]:
    """(line start, is_plan) of the heading lines among the lines of ``matches`` (a plan or review word)."""
    out = []
    for m in matches:
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.end())
        line = text[a:b if b != -1 else len(text)].strip()
        if len(line) > 40 or _SENTENCE_PUNCT.search(line):
            continue  # running text, not a heading
        if not is_plan and not _NUMBERED.match(line):
            continue
        if is_plan or not _PLAN_HEADING.search(line):
            out.append((a, is_plan))
    return out


def plan_zones(text: str) -> list[tuple[int, int]]:
    """Stretches of text under a plan/target heading (三、2026年工作安排 … up to the next review heading).

    Figures there are goals: they get ``expected`` (README_reports_a convention 7).
    """
    events = _heading_starts(text, _PLAN_HEADING.finditer(text), True)
    if not events:
        return []  # review headings only close zones: none are needed
    events += _heading_starts(text, finditer_led(_REVIEW_HEADING, text, _REVIEW_LEADS), False)
    events.sort()
    zones: list[tuple[int, int]] = []
    start: int | None = None
    for pos, is_plan in events:
        if is_plan and start is None:
            start = pos
        elif not is_plan and start is not None and pos > start:
            zones.append((start, pos))
            start = None
    if start is not None:
        zones.append((start, len(text)))
    return zones


def _in_zones(pos: int, zones: list[tuple[int, int]]) -> bool:
    """True when ``pos`` lies in one of the sorted, disjoint ``zones``."""
    k = bisect_right(zones, (pos, _BIG)) - 1
    return k >= 0 and zones[k][0] <= pos < zones[k][1]


_BIG = 1 << 62


def _direction(text: str, start: int) -> str | None:
    """increase/decrease from the verb governing the number (README_reports_a convention 1)."""
    if text.startswith("翻", start):
        return "increase"  # 翻番, 翻一番
    a = start - 16 if start > 16 else 0
    m = _DIR_TAIL.search(text, a, start) if start and text[start - 1] in _DIR_TAIL_LAST else None
    if m:
        d = _DIRECTION.search(m.group())
        if d is not None:
            return "increase" if d.lastgroup == "inc" else "decrease"
    if start and text[start - 1] in _RELIEF_LAST and _RELIEF_NOUN.search(text, a, start) \
            and _RELIEF.search(text[a:start]):
        return "decrease"
    return None


def _merge_approx(*lists) -> list[str]:
    out: list[str] = []
    for lst in lists:
        for a in lst or ():
            if a not in out:
                out.append(a)
    if "expected" in out:
        out.remove("expected")
        out.append("expected")
    return out


_PARSED: dict[str, ParsedNumber | None] = {}
_PARSED_MAX = 65536


def _parse(s: str) -> ParsedNumber | None:
    """The cached parse of ``s`` (shared: callers copy ``approx`` before changing it), or None.

    A plain dict in front of the parser's LRU cache: most numerals repeat, and a dict hit is
    a fraction of the cost of the LRU wrapper plus the exception guard.
    """
    try:
        return _PARSED[s]
    except KeyError:
        pass
    try:
        p: ParsedNumber | None = _parse_cached(s)
    except (NumeralError, ArithmeticError, ValueError):
        p = None
    if len(_PARSED) >= _PARSED_MAX:
        _PARSED.clear()
    _PARSED[s] = p
    return p


def _reject_chinese(num: str, uw: UnitWord | None, text: str, s: int, e_unit: int, bound: str | None,
                    mid: str | None = None) -> bool:
    """Rules for numerals written in Chinese characters (labels, indefinites, ordinals)."""
    if uw is None:
        return True  # 四链, 两重, 三农: a numeral fused into a label
    word = uw.word
    if uw.arabic_only:
        return True
    if num.startswith("几") or num in ("零", "〇"):
        return True  # 几个 (indefinite); 零部件, 零售 (vocabulary)
    if num + word in _VOCABULARY:
        return True
    if num == "二" and uw.classifier and not (word == "人" and text[e_unit:e_unit + 1] != "转"):
        return True  # cardinal 2 + classifier is 两个/两轮; 二轮, 二期 are ordinals (二人 counts, 二人转 does not)
    # (the ordinal list ends in 、/， right before the number, or before a line break there, as $ allows)
    if text[s - 1:s] in "、，\n" and _ORDINAL_LIST.search(text, max(0, s - 8), s):
        return True  # 第一、二轮
    if _bare_scale(num):
        # 千亿元, 万亿级 are amounts; 千余家, 近千家 are counts; 万家, 千人, 百年 are not quantities
        approximate = mid or _BARE_SCALE_APPROX.search(text[max(0, s - 3):s])
        if uw.kind == "amount" or word == "级":
            # 千亿元, 万亿级, 超亿元 are amounts; a lone 万吨 / 亿元 (a unit cell, 单位：亿元) is not
            return not (len(num) > 1 or word in ("级", "元级", "吨级") or approximate)
        return not (approximate and uw.kind in ("count", "duration") and not uw.restricted)
    if num == "一":
        if uw.kind in ("multiple", "percent", "percentage_points", "permille"):
            return word == "成" and text[e_unit:e_unit + 2] == "不变"  # 一倍, 一成, 一个百分点 (not 一成不变)
        if word in _TIME_UNITS:
            return not ("多" in word or bound or _ONE_TIME_OK_BEFORE.search(text[max(0, s - 4):s])
                        or _ONE_TIME_OK_AFTER.match(text[e_unit:e_unit + 3]))
        return True  # 一批, 一个, 一种, 一方面: indefinites
    if len(num) == 2 and num[0] in "一二三四五六七八九" and num[1] in "一二三四五六七八九" and num[0] != num[1]:
        # 三四线, 二三级, 一二产: adjacent numerals name ranks/lines; 三四个, 八九成 are approximate ranges
        return bool(uw.restricted) or word in _PAIR_LABEL_WORDS or approx_range(num) is None
    after = text[e_unit:e_unit + 1]
    if uw.classifier and after and after in "〇零一二两三四五六七八九十" and word not in _TIME_UNITS:
        return True  # 五位一体, 三位一体, 五个一工程: labels built on numerals
    if word == "年" and text[e_unit:e_unit + 1] == "级":
        return True  # 三年级 (school grade)
    return False


def _restricted_ok(uw: UnitWord, num: str, text: str, s: int, e_unit: int) -> bool:
    """Context rules for classifiers that also form ordinals, ranks and grades."""
    r = uw.restricted
    pre = text[max(0, s - 12):s]
    post = text[e_unit:e_unit + 8]
    if r == "session":  # 十九届五中全会, 人大五次会议, 六届八次全会, 三次产业 (召开12次会议 is a count)
        if _SESSION_AFTER.match(post) or (uw.word == "次" and _TIMES_WORD_AFTER.match(post)):
            return False
        return not (post.startswith("会议") and _BODY_BEFORE.search(pre))
    if r == "rank":  # 第3位, 排名由369位上升到235位, 前5位, 前10名
        return not (_RANK_BEFORE.search(pre) or pre.endswith("前"))
    if r == "grade":  # 1类创新药, 水质保持二类
        return not (_GRADE_AFTER.match(post) or (_is_chinese(num) and _GRADE_BEFORE.search(pre)))
    if r == "phase":  # 一期/二期(工程) are phases; 分两期, 举办3期培训班 are counts
        if not _is_chinese(num):
            return not post.startswith(("工程", "项目", "建设"))
        return num == "两" or pre.endswith("分")
    if r == "level":  # 省市县三级 is a count; 三级医院, 5A级, 一级公路 are grades
        if any(c in num for c in "万亿"):
            return True  # 十亿级, 万亿级: magnitude classes
        if not _is_chinese(num):  # 6.2级地震: an earthquake magnitude
            return bool(_QUAKE.search(text[max(0, s - 3):s]) or _QUAKE.match(post))
        return _is_chinese(num) and bool(_LEVEL_BEFORE.search(pre)) and not _GRADE_AFTER.match(post)
    if r == "day":
        return bool(_DAY_DURATION_BEFORE.search(pre)) or post.startswith(("内", "以内", "之内", "以上", "以下", "左右", "后", "多"))
    if r == "big":  # 三大, 四大 are counts; 十九大, 二十大 are congresses
        p = _parse(num)
        # “6”大 counts; 618大促 (a shopping festival) is a label: Arabic + 大 only for small numbers
        return p is not None and (p.value < 10 or (not _is_chinese(num) and p.value < 100)) \
            and not post.startswith(("会", "全会"))
    return True


_GROUPS = ("pct_cn", "frac", "half", "double", "shang", "ratio", "num", "pct1", "num2", "mid", "unit",
           "half_unit", "bound", "rsep", "slash", "cnscaled")

# group numbers, looked up once: a match's group by number is ~10x cheaper than by name
_GROUP_INDEX = tuple(_SCAN.groupindex[g] for g in _GROUPS)
_G_BOUND = _SCAN.groupindex["bound"]
_G_D_N = _SCAN.groupindex["d_n"]
_G_DOUBLE = _SCAN.groupindex["double"]
_G_F_DEN = _SCAN.groupindex["f_den"]
_G_F_NUM = _SCAN.groupindex["f_num"]
_G_FRAC = _SCAN.groupindex["frac"]
_G_HALF = _SCAN.groupindex["half"]
_G_NUM = _SCAN.groupindex["num"]
_G_PCT1 = _SCAN.groupindex["pct1"]
_G_PCT_CN = _SCAN.groupindex["pct_cn"]
_G_PCT_N = _SCAN.groupindex["pct_n"]
_G_RATIO = _SCAN.groupindex["ratio"]
_G_RSEP = _SCAN.groupindex["rsep"]
_G_S_N = _SCAN.groupindex["s_n"]
_G_SHANG = _SCAN.groupindex["shang"]
_G_SL_D = _SCAN.groupindex["sl_d"]
_G_SL_N = _SCAN.groupindex["sl_n"]
_G_SLASH = _SCAN.groupindex["slash"]
_G_UNIT = _SCAN.groupindex["unit"]


def _candidates(text: str, times: list[TimeMatch] | None = None) -> list[_Candidate]:
    """Quantity candidates of ``text``; time expressions found by the same scan go to ``times``."""
    out: list[_Candidate] = []
    for m in _SCAN.finditer(text):
        if m.lastgroup == "timex":
            t = time_from_match(m)
            if t is not None and times is not None:
                times.append(t)
            continue
        s, e = m.span()
        if e == m.end(_G_NUM) and text[e - 1] not in "万亿" and text[e:e + 1] not in _LIST_CHARS:
            window = text[s - 20 if s > 20 else 0:s]
            if "比" not in window and "指数" not in window and "=100" not in window:
                continue  # a bare number (code, label, footnote, table cell): nothing to report
        (pct_cn_g, frac_g, half_g, double_g, shang_g, ratio_g, num_g, pct1_g, num2_g, mid_g, unit_g,
         half_unit_g, bound_g, rsep_g, slash_g, cnscaled_g) = m.group(*_GROUP_INDEX)
        pre1 = text[s - 1:s] if s else ""
        if pre1 and (pre1 in "第每.．/#№" or pre1 in _ASCII_LETTERS):
            continue  # ordinals (第3位), rate bases (每10万人口), codes (PM2.5, No.3)
        if pre1 and pre1 in "数几" and not text[s].isdigit():
            continue  # indefinites: 数十家, 几十个 (but 托位数4.59个 is a number)
        unit_word = unit_g
        uw = LEXICON.get(unit_word) if unit_word else None
        bound = bound_g
        e_unit = m.end(_G_UNIT) if unit_word else (m.end(_G_BOUND) if bound else e)
        if bound and e_unit < e:
            e_unit = m.start(_G_BOUND)
        half = bool(half_unit_g) and uw is not None and uw.kind in ("duration", "age")
        if half_unit_g and not half:
            continue
        if text[e:e + 1] in _ASCII_LETTERS:
            continue  # 5G, 19BFX090, Tier1: codes and technology names
        approx_in: list[str] = [BOUND_APPROX[bound]] if bound else []
        if mid_g:
            approx_in.insert(0, "more_than")
        if pct_cn_g:
            p = _parse(m.group(_G_PCT_N))
            if p is None:
                continue
            end = e if (bound and not unit_word) else m.end(_G_PCT_CN)
            out.append(_Candidate(s, end, "percent", p.value, m.group(_G_PCT_N), "%", "percent",
                                  approx=approx_in if end == e else [], decimals=p.decimals))
            continue
        if frac_g:
            den, numr = _parse(m.group(_G_F_DEN)), _parse(m.group(_G_F_NUM))
            if den is None or numr is None or den.value == 0 or numr.value > den.value:
                continue
            end = e if (bound and not unit_word) else m.end(_G_FRAC)
            if den.value == 1000:  # 千分之三 is 3‰
                kind, val, unit, pint_unit = "permille", numr.value, "‰", "permille"
            else:
                kind, val, unit, pint_unit = "percent", numr.value * 100 / den.value, "%", "percent"
            out.append(_Candidate(s, end, kind, val, frac_g, unit, pint_unit,
                                  approx=approx_in if end == e else [], decimals=0))
            continue
        if half_g:
            end = e if (bound and not unit_word) else m.end(_G_HALF)
            out.append(_Candidate(s, end, "percent", Decimal(50), "一半", "%", "percent",
                                  approx=approx_in if end == e else [], decimals=0))
            continue
        if double_g:
            n = m.group(_G_D_N)
            k = 1 if not n else int(parse_number(n).value)
            out.append(_Candidate(s, m.end(_G_DOUBLE), "multiple", Decimal(2) ** k, double_g, "times",
                                  "times", decimals=0))
            continue
        if shang_g:
            p = _parse(m.group(_G_S_N))
            if p is None:
                continue
            if uw is not None and (uw.kind not in ("count", "amount") or uw.restricted or uw.arabic_only):
                uw, unit_word = None, None
            if uw is None and not text[m.end(_G_SHANG):m.end(_G_SHANG) + 1].strip():
                continue
            end = m.end(_G_UNIT) if unit_word else m.end(_G_SHANG)
            kind = uw.kind if uw else "count"
            out.append(_Candidate(s, end, kind, p.value, m.group(_G_S_N), uw.unit if uw else "count",
                                  uw.pint if uw else "count", classifier=unit_word if uw and uw.classifier else None,
                                  scale_word=p.scale_word, approx=["at_least"], decimals=0))
            continue
        if slash_g:
            # 1/3, 近1/3的订单: a fraction when the context reads as one (not a date 3/5, not a code)
            numr, den = int(m.group(_G_SL_N)), int(m.group(_G_SL_D))
            if not (0 < numr < den) or not (_FRACTION_BEFORE.search(text, max(0, s - 4), s)
                                            or _FRACTION_AFTER.match(text, m.end(_G_SLASH))):
                continue
            end = e if (bound and not unit_word) else m.end(_G_SLASH)
            if unit_word and not bound:
                continue  # 1/3吨: not a share
            out.append(_Candidate(s, end, "percent", Decimal(numr * 100) / Decimal(den), slash_g, "%", "percent",
                                  approx=approx_in if end == e else [], decimals=0))
            continue
        if cnscaled_g:
            # 一千多万农村人口, 三千万群众: a Chinese numeral with a scale word before a counted noun
            if unit_g or bound or not _CN_DIGIT_IN.search(cnscaled_g):
                continue  # 十万火急, 千万, 亿万: no digit written
            p = _parse(cnscaled_g)
            if p is None or text[e:e + 1] in _NOT_COUNTED:
                continue
            out.append(_Candidate(s, e, "count", _norm_value(p.value), cnscaled_g, "count", "count",
                                  scale_word=p.scale_word, approx=list(p.approx), decimals=0))
            continue
        if ratio_g:
            terms = _RATIO_SPLIT.split(ratio_g)
            if not (len(terms) >= 3 or any("." in t for t in terms) or terms[-1] == "1"):
                continue
            end = e if (bound and not unit_word) else m.end(_G_RATIO)
            out.append(_Candidate(s, end, "ratio", tuple(Decimal(t.replace(",", "")) for t in terms),
                                  ratio_g, "ratio", "ratio", approx=approx_in if end == e else [],
                                  decimals=max((len(t.split(".")[1]) if "." in t else 0) for t in terms)))
            continue
        # plain numerals, ranges
        num = num_g
        num2 = num2_g
        pct1 = pct1_g
        if num2 is not None and pct1 and unit_word != "%":
            # 10%至15万: not a range; re-read the first number alone
            num2 = None
            uw, unit_word, bound = LEXICON["%"], "%", None
            e = m.end(_G_PCT1)
            e_unit = e
        elif pct1 and num2 is None:
            # 16.7%, followed by something the unit group took (e.g. 16.7%左右 or a stray unit)
            uw, unit_word = LEXICON["%"], "%"
            e = m.end(_G_PCT1)
            e_unit = e
            if bound and m.start(_G_BOUND) == e:
                e = m.end(_G_BOUND)
            elif unit_g:
                bound = None
        p1 = _parse(num)
        if p1 is None:
            continue
        chinese = not (num[:1].isdigit() or num[1:2].isdigit())  # _is_chinese, inline on the hot path
        p2 = _parse(num2) if num2 else None
        if num2 and p2 is None:
            continue
        if chinese and _reject_chinese(num, uw, text, s, e_unit, bound or ("半" if half else None), mid_g):
            continue
        if uw is not None and uw.word in _CHECKED_UNITS:
            if uw.chinese_only and not chinese:
                if uw.word != "大" and uw.word != "县":
                    uw = None
            if uw is not None and uw.scaled_only and p1.scale_word is None:
                continue
            if uw is not None and uw.restricted and not _restricted_ok(uw, num, text, s, e_unit):
                continue
            if uw is not None and uw.word == "级" and not chinese:
                # 6.2级地震 is a magnitude; other Arabic + 级 are grades (5A级, L3级)
                if not _QUAKE.search(text[max(0, s - 3):s]) and not _QUAKE.match(text[e_unit:e_unit + 4]):
                    if p1.scale_word is None:
                        continue
            if uw is not None and uw.word == "成" and (_CHENG_BAD_AFTER.match(text[e_unit:e_unit + 4]) or p1.scale_word):
                continue
            if uw is not None and uw.word == "年" and not chinese and p2 is None and len(num) == 4 and num[:2] in ("19", "20"):
                continue  # a year, handled by the time pass
        if uw is None and num2 is not None:
            continue  # 2026-02 etc. without a unit
        value: object
        approx = list(p1.approx) + approx_in
        if p2 is not None:
            bare2 = _parse(num2.rstrip("万亿")) if p2.scale_word is not None else None
            if p1.scale_word is None and bare2 is not None and bare2.value and p1.value < bare2.value:
                low = p1.value * (p2.value / bare2.value)  # 3—5万: the scale word is written once
            else:
                low = p1.value
            value = (_norm_value(low, p1.scale_word is not None or p2.scale_word is not None),
                     _norm_value(p2.value, p2.scale_word is not None))
        elif chinese and (rng := approx_range(num)) is not None:
            value = rng  # 两三个, 三四年, 五六十名, 十二三年: an approximate range
            if "about" not in approx:
                approx.append("about")
        else:
            # a parsed numeral without a scale word never carries a positive exponent: nothing to normalise
            value = p1.value if (p1.scale_word is None and not half) else \
                _norm_value(p1.value + (Decimal("0.5") if half else 0), p1.scale_word is not None)
        scale_word = p1.scale_word or (p2.scale_word if p2 else None)
        if uw is None:
            # bare numbers: kept only with a scale word (40.8万青年) — or later, by list/ratio context
            sign = num.startswith(("+", "-"))
            cand = _Candidate(s, e if bound else m.end(_G_NUM), "count", value, num, "count", "count",
                              scale_word=scale_word, approx=approx if bound else list(p1.approx),
                              decimals=p1.decimals, bare=p1.scale_word is None or sign or chinese)
            if bound and not cand.bare:
                cand.end = e
            if chinese:
                continue
            out.append(cand)
            continue
        factor = uw.factor
        kind = uw.kind
        unit = uw.unit
        class_about = False
        if uw.approx and uw.approx not in approx:
            approx.append(uw.approx)
            class_about = uw.approx == "about"
        if uw.word == "级":
            if _is_chinese(num) and not _bare_scale(num.replace("十", "")) and not any(c in num for c in "万亿"):
                kind, unit = "count", "count"
            elif p1.scale_word or _bare_scale(num):
                kind, unit = "amount", "CNY"
                if "about" not in approx:
                    approx.append("about")
                    class_about = True
            else:
                kind, unit = "amount", "magnitude"
        pint_unit = uw.pint if uw.word != "级" else {"count": "count", "CNY": "CNY"}.get(unit, "magnitude")
        if factor != 1:
            value = tuple(v * factor for v in value) if isinstance(value, tuple) else _norm_value(value * factor)
        # positional (start … decimals, in field order): a keyword call costs twice as much
        cand = _Candidate(s, e, kind, value, num if not num2 else f"{num}{m.group(_G_RSEP)}{num2}", unit,
                          pint_unit, unit_word if uw.classifier else None, scale_word, approx, p1.decimals)
        if class_about:
            cand.class_about = True
        out.append(cand)
    return out


def _inherit_list_units(text: str, cands: list[_Candidate]) -> None:
    """Bare numbers in a list take the unit written once at its end (10.6万、3.8万、3.3万平方公里)."""
    nxt: _Candidate | None = None
    for c in reversed(cands):
        plain_count = c.kind == "count" and c.unit == "count" and c.classifier is None
        if plain_count and nxt is not None and not nxt.bare and _LIST_SEP.match(text[c.end:nxt.start] or "x"):
            year_like = isinstance(c.value, Decimal) and len(c.value_text) == 4 and c.value_text[:2] in ("19", "20")
            if not (year_like and nxt.unit == "year"):  # 2022、2023年 are years, not durations
                c.kind, c.unit, c.pint, c.classifier = nxt.kind, nxt.unit, nxt.pint, nxt.classifier
                c.bare = False
        nxt = c


def _context_kinds(text: str, cands: list[_Candidate]) -> None:
    """Bare numbers after 比值/之比 are ratios (x∶1); after 指数/性别比 they are index values."""
    for c in cands:
        if not c.bare or not isinstance(c.value, Decimal) or c.value_text.startswith(("+", "-")):
            continue
        pre = text[max(0, c.start - 20):c.start]
        if pre.endswith(("=", "＝")) or (c.value == 100 and pre.endswith("为") and "（" in pre[-8:]):
            continue  # the base of an index (上年=100, 以女性为100)
        if _RATIO_CONTEXT.search(pre):
            c.kind, c.unit, c.pint, c.bare = "ratio", "ratio", "ratio", False
        elif _INDEX_CONTEXT.search(pre):
            c.kind, c.unit, c.pint, c.bare = "index", "index", "index_point", False


_YEAR_LIST = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:、|和|及|与)$")


def _year_lists(text: str, times: list[TimeMatch]) -> None:
    """2022、2023年: the years listed before a year take its 年."""
    extra: list[TimeMatch] = []
    for t in times:
        if t.kind != "year":
            continue
        end = t.start
        while True:
            m = _YEAR_LIST.search(text, max(0, end - 6), end)
            if not m:
                break
            extra.append(TimeMatch(m.start(1), m.end(1), "year", m.group(1)))
            end = m.start(1)
    if extra:
        times.extend(extra)
        times.sort(key=lambda t: t.start)


_RELATIVE_YEAR = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "明年": 1}
_RELATIVE_BEFORE = re.compile(r"(今年|本年|去年|上年|明年)(?:同期)?(?:的)?$")
_EXPLICIT_YEAR = re.compile(r"^(?:19|20|21)\d{2}")


def document_year(text: str, times: list[TimeMatch]) -> int | None:
    """The year a document is about: a year in its title line, else its publication date, else its first year."""
    title_end = text.find("\n", 0, 200)
    head = [t for t in times if t.start < 600 and _EXPLICIT_YEAR.match(t.value)]
    for t in head:
        if title_end != -1 and t.end <= title_end and t.kind == "year":
            return int(t.value[:4])
    pub = publication_date(text)
    if pub and _EXPLICIT_YEAR.match(pub):
        return int(pub[:4])
    return int(head[0].value[:4]) if head else None


def _resolve_bare_quarters(text: str, times: list[TimeMatch]) -> None:
    """一季度, 前三季度, 上半年 without a year: the year of 今年/去年 before it, the last year named earlier in
    the paragraph, else the document's year; without any, the value stays year-less (--Q2)."""
    if not any(t.value.startswith(("--Q", "--H")) for t in times):
        return
    doc_year = document_year(text, times)
    last_year: int | None = None
    para_start = -1
    for t in times:
        if not t.value.startswith(("--Q", "--H")):
            if _EXPLICIT_YEAR.match(t.value):
                last_year, para_start = int(t.value[:4]), text.rfind("\n", 0, t.start)
            continue
        rel = _RELATIVE_BEFORE.search(text, max(0, t.start - 5), t.start)
        if rel and doc_year is not None:
            year = doc_year + _RELATIVE_YEAR[rel.group(1)]
        elif last_year is not None and text.rfind("\n", 0, t.start) == para_start:
            year = last_year
        else:
            year = doc_year
        if year is not None:
            t.value = t.value.replace("--", str(year))


def _propagate_directions(text: str, cands: list[_Candidate]) -> None:
    """分别增长22.1%、15.1%: list members after the first take the first member's verb."""
    prev: _Candidate | None = None
    for c in cands:
        if c.bare:
            continue
        if c.direction is None and not c.table:
            start = c.start
            # _direction finds nothing unless the number is 翻… or follows a character its patterns end with
            if text.startswith("翻", start) or (start and text[start - 1] in _DIRECTION_LAST):
                c.direction = _direction(text, start)
            if c.direction is None and prev is not None and prev.direction and c.kind == prev.kind \
                    and text[prev.end:c.start] in ("、", "和", "及", "与"):
                c.direction = prev.direction
        prev = c


_BASE: dict[str, tuple[Decimal, str] | None] = {}


def _base(pint_unit: str) -> tuple[Decimal, str] | None:
    """``(factor, base unit as written in records)`` of a unit (``meter ** 2`` → ``meter2``), or None
    when pint cannot convert it; cached per unit, since the same few dozen units recur in every document."""
    try:
        return _BASE[pint_unit]
    except KeyError:
        pass
    try:
        factor, unit = base_factor(pint_unit)
        base: tuple[Decimal, str] | None = (factor, unit.replace("**", "").replace(" ", ""))
    except Exception:  # an unknown unit expression: the mention keeps no base value
        base = None
    _BASE[pint_unit] = base
    return base


from .tables import finditer_led, table_candidates  # noqa: E402  (tables needs _Candidate only at call time)


def recognise(nt: NormalisedText, doc: str) -> list[Mention]:
    """Every quantity and time mention in ``nt``, sorted by start offset, non-overlapping."""
    text = nt.text
    times: list[TimeMatch] = []
    cands = _candidates(text, times)
    _year_lists(text, times)
    _resolve_bare_quarters(text, times)
    _inherit_list_units(text, cands)
    _context_kinds(text, cands)
    table_cands = table_candidates(text, cands)
    _propagate_directions(text, cands)

    records: list = [*times, *(c for c in cands if not c.bare), *table_cands]
    # by start, longer first, then in the order listed above: a plain tuple sort, no key function per span
    order = sorted((r.start, r.start - r.end, i) for i, r in enumerate(records))
    out: list[Mention] = []
    last_end = -1
    zones = plan_zones(text)
    goals = _GoalIndex(text)
    original = nt.original
    # normalisation replaces characters one to one unless it removed line breaks: then offsets move
    same_offsets = len(text) == len(original)
    # line and column of each mention, counting the line breaks since the previous one (offsets grow)
    line, line_start, counted = 1, 0, 0
    for s, neg_len, i in order:
        e = s - neg_len
        if s < last_end or e <= s:
            continue
        os_, oe = (s, e) if same_offsets else nt.span_to_original(s, e)
        breaks = original.count("\n", counted, os_)
        if breaks:
            line += breaks
            line_start = original.rfind("\n", counted, os_) + 1
        counted = os_
        col = os_ - line_start + 1
        raw = original[os_:oe]
        obj = records[i]
        if type(obj) is TimeMatch:
            out.append(Mention(doc, os_, oe, line, col, raw, obj.kind, obj.value, raw, None))
            last_end = e
            continue
        c = obj
        before = _approx_before(text, s) if s and text[s - 1] in _PRE_APPROX_LAST else []
        inside = c.approx or []
        if before and c.class_about:
            inside = [a for a in inside if a != "about"]  # 突破十亿级: more_than, not about
        goal = goals.expected(s) or (zones and _in_zones(s, zones) and not _PAST.search(
            text, s - 30 if s > 30 else 0, s))
        if before or goal or len(inside) > 1:
            approx = _merge_approx(before, inside, ["expected"] if goal else [])
        else:
            approx = list(inside)
        base_value = base_unit = None
        base = _base(c.pint or "count")
        if base is not None:
            factor, unit = base
            value = c.value
            try:
                base_value = tuple(v * factor for v in value) if isinstance(value, tuple) else value * factor
                base_unit = unit
            except Exception:  # a value the factor cannot scale: keep the mention, no base value
                base_value = None
        # positional arguments: a keyword call of this 25-field dataclass costs twice as much
        m = Mention(doc, os_, oe, line, col, raw, c.kind, c.value, c.value_text, c.unit,
                    c.classifier, c.scale_word, base_value, base_unit, approx,
                    c.direction if c.kind not in ("ratio", "index") else None, c.decimals)
        if c.table:
            m.table = True
        out.append(m)
        last_end = e
    return out
