"""Time expressions: years, ranges, quarters, half-years, months, dates, plan periods, decades, centuries.

One compiled pattern finds every candidate in the normalised text; each match
is turned into a :class:`TimeMatch` with an ISO-like value:

=================  =====================  ==================
text               kind                   value
=================  =====================  ==================
2023年             year                   2023
2023—2027年        year_range             2023/2027
2024年一季度        quarter                2024Q1
2024年前三季度      quarter                2024Q1/2024Q3
2024年上半年        half_year              2024H1
2024年7月           month                  2024-07
2026年1月28日       date                   2026-01-28
二〇二六年一月二十七日 date                2026-01-27
3月26日             date                   --03-26
十四五              plan_period            2021/2025
上世纪80年代        decade                 1980/1989
21世纪              century                2001/2100
=================  =====================  ==================

Deictic words (今年, 去年, 全年) are not resolved here.
"""
from __future__ import annotations

from dataclasses import dataclass

import re

import regex

from .numerals import CN_DIGITS, NumeralError, parse_number

# TIME_PATTERN is written in the syntax the standard ``re`` shares with ``regex`` (fixed-width
# lookbehinds, no \p{..}): ``re`` runs it (and the recogniser's scan) about twice as fast.
# ``\s`` as ``regex`` reads it, the Unicode White_Space characters, for use inside a class: the
# standard re's ``\s`` also matches the separators \x1c-\x1f, which are no space here.
WHITE_SPACE = r"\t\n\x0b\x0c\r\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
SPACE = rf"[{WHITE_SPACE}]"

_CN_YEAR = r"[〇零一二三四五六七八九]{4}"
_AR_YEAR = r"(?:1[6-9]|20|21)\d{2}"
_YEAR = rf"(?:{_AR_YEAR}|{_CN_YEAR})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_QUARTER = r"(?:第?[一二三四1-4]季度)"
_SEP = rf"{SPACE}*(?:[-—–~～]{{1,2}}|至|到){SPACE}*"
_S = r"[ \t]?"  # a stray space, as in "2024 年"
_FACING = "透过|站在|回望|回首|迈入|迈向|面向|奔向|锚定|展望|决胜"  # 迈向2035, 站在“2025”

TIME_PATTERN = (
    rf"""
    (?=(?<![\d.])(?:(?:1[6-9]|2[01])\d{{2}}(?!\d)|\d{{1,2}}(?:[ \t]?(?:月|世纪|年代)|{SPACE}*(?:[-—–~～]|至|到))|\d0[ \t]?年代)
       |[〇零一二三四五六七八九]{{4}}|[一二三四五六七八九十]{{1,3}}(?:[ \t]?月|世纪|年代)|十[一二三四五六七八九]五|上世纪|二十世纪
       |[前第]?[一二三四]季度|[上下]半年)
    (?:
    (?P<iso>(?<![\d.]){_AR_YEAR}(?P<isosep>[-./])(?:1[0-2]|0?[1-9])(?P=isosep)(?:3[01]|[12]\d|0?[1-9])(?![\d.]))
  | (?P<range>(?<![\d.]){_YEAR}(?:{_S}年)?{_SEP}{_YEAR}{_S}年(?!代))
  | (?P<date>(?<![\d.]){_YEAR}{_S}年{_S}{_MONTH}{_S}月{_S}{_DAY}{_S}[日号])
  | (?P<quarter>(?<![\d.]){_YEAR}{_S}年{_S}(?:前[一二三四1-4]季度|{_QUARTER}))
  | (?P<halfyear>(?<![\d.]){_YEAR}{_S}年{_S}[上下]半年)
  | (?P<mrange>(?<![\d.]){_YEAR}{_S}年{_S}{_MONTH}{_SEP}{_MONTH}{_S}月份?)
  | (?P<month>(?<![\d.]){_YEAR}{_S}年{_S}{_MONTH}{_S}月份?)
  | (?P<decade>(?:上世纪|20世纪|二十世纪)?(?:(?<![\d.])(?:1[89]|20)?\d0|(?<![〇零一二两三四五六七八九十])[一二三四五六七八九]{{1,2}}十){_S}年代)
  | (?P<century>(?<![\d.])(?:\d{{1,2}}|二十一|二十|十[一-九]?|[一二三四五六七八九])世纪)
  | (?P<year>(?<![\d.]){_YEAR}{_S}年(?!代|级|龄|纪|限|轻|薪)(?:度)?)
  | (?P<bareyear>(?:(?<={_FACING})|(?<=(?:{_FACING})[“"]))(?:19|20)\d{{2}}(?![\d.年%]))
  | (?P<mday>(?<![\d.年]){_MONTH}{_S}月{_S}{_DAY}{_S}[日号])
  | (?P<bmrange>(?<![\d.年月]){_MONTH}{_SEP}{_MONTH}{_S}月份?(?![日号\d]))
  | (?P<bmonth>(?<![\d.月]|(?<![今去上明本])年){_MONTH}{_S}月(?:份|(?=[底末初中上下以起前后，。、；：”’）]|{SPACE})))
  | (?P<bhalf>(?<!\d|(?<![今去上明本])年)[上下]半年(?!度))
  | (?P<bquarter>(?<![\d季个]|(?<![今去上明本])年|[〇零一二三四五六七八九十])(?<![〇零一二三四五六七八九十][ \t])(?:前[一二三四1-4]|第?[一二三四1-4])季度)
  | (?P<plan>(?<![〇零一二两三四五六七八九十百千第])十[一二三四五六七八九]五(?![〇零一二两三四五六七八九十百千万亿]))
    )
    """
)
_TIME = re.compile(TIME_PATTERN, re.X)
_DIGITS = regex.compile(r"\d+")


@dataclass(slots=True)
class TimeMatch:
    """A time expression found in normalised text (offsets into the normalised text)."""

    start: int
    end: int
    kind: str
    value: str


def _num(s: str) -> int:
    """An Arabic or Chinese integer (years written digit by digit included)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    return int(parse_number(s).value)


_ISO_SEP = regex.compile(r"[-./]")
_CENTURY_PREFIX = regex.compile(r"^(?:上世纪|20世纪|二十世纪)")
_YEAR_TOKEN = regex.compile(rf"{_AR_YEAR}|{_CN_YEAR}")
_QUARTER_NOISE = regex.compile(r"[第季度]")
_DAY_NOISE = regex.compile(r"[日号\s]")
_MONTH_SEP = regex.compile(r"[-—–~～至到]+")


def _years(s: str) -> list[int]:
    return [_num(y) for y in _YEAR_TOKEN.findall(s)]


def _ymd(s: str) -> tuple[int, int, int | None]:
    y_part, _, rest = s.partition("年")
    m_part, _, d_part = rest.partition("月")
    day = _DAY_NOISE.sub("", d_part)
    return _num(y_part), _num(m_part), (_num(day) if day else None)


def plan_period_years(n: int) -> tuple[int, int]:
    """Years of the n-th five-year plan (n ≥ 3; the 3rd started in 1966 after a gap)."""
    if n == 1:
        return 1953, 1957
    if n == 2:
        return 1958, 1962
    start = 1966 + 5 * (n - 3)
    return start, start + 4


def _value(kind: str, text: str) -> str | None:
    t = text.replace(" ", "").replace("\t", "")
    if kind == "iso":
        y, m, d = (int(x) for x in _ISO_SEP.split(t))
        return f"{y:04d}-{m:02d}-{d:02d}"
    if kind == "range":
        ys = _years(t)
        if len(ys) != 2 or ys[1] < ys[0]:
            return None
        return f"{ys[0]}/{ys[1]}"
    if kind == "date":
        y, m, d = _ymd(t)
        if not (1 <= m <= 12 and d and 1 <= d <= 31):
            return None
        return f"{y:04d}-{m:02d}-{d:02d}"
    if kind == "quarter":
        y = _years(t)[0]
        q = t.split("年", 1)[1]
        if q.startswith("前"):
            n = _num(q[1])
            return f"{y}Q1/{y}Q{n}" if 1 <= n <= 4 else None
        n = _num(_QUARTER_NOISE.sub("", q))
        return f"{y}Q{n}" if 1 <= n <= 4 else None
    if kind == "halfyear":
        y = _years(t)[0]
        return f"{y}H1" if "上半年" in t else f"{y}H2"
    if kind == "mrange":
        y, rest = t.split("年", 1)
        a, b = _MONTH_SEP.split(rest.replace("月份", "").replace("月", ""), maxsplit=1)
        ma, mb, yy = _num(a), _num(b), _num(y)
        return f"{yy:04d}-{ma:02d}/{yy:04d}-{mb:02d}" if 1 <= ma < mb <= 12 else None
    if kind == "bmrange":
        a, b = _MONTH_SEP.split(t.replace("月份", "").replace("月", ""), maxsplit=1)
        ma, mb = _num(a), _num(b)
        return f"--{ma:02d}/--{mb:02d}" if 1 <= ma < mb <= 12 else None
    if kind == "bmonth":
        m = _num(t.replace("月份", "").replace("月", ""))
        return f"--{m:02d}" if 1 <= m <= 12 else None
    if kind == "bhalf":
        return "--H1" if t.startswith("上") else "--H2"
    if kind == "bquarter":
        if t.startswith("前"):
            n = _num(t[1])
            return f"--Q1/--Q{n}" if 1 <= n <= 4 else None
        n = _num(_QUARTER_NOISE.sub("", t))
        return f"--Q{n}" if 1 <= n <= 4 else None
    if kind == "month":
        y, rest = t.split("年", 1)
        m = _num(rest.replace("月份", "").replace("月", ""))
        return f"{_num(y):04d}-{m:02d}" if 1 <= m <= 12 else None
    if kind == "mday":
        m_part, _, d_part = t.partition("月")
        m, d = _num(m_part), _num(_DAY_NOISE.sub("", d_part))
        return f"--{m:02d}-{d:02d}" if 1 <= m <= 12 and 1 <= d <= 31 else None
    if kind == "decade":
        body = _CENTURY_PREFIX.sub("", t).replace("年代", "")
        nineteen = len(body) < len(t.replace("年代", ""))
        if body.isdigit():
            if len(body) == 4:
                y = int(body)
                return f"{y}/{y + 9}"
            dd = int(body)
            century = 1900 if (nineteen or dd >= 30) else 2000
            return f"{century + dd}/{century + dd + 9}"
        digits = [CN_DIGITS[c] for c in body[:-1]]  # 八十 → [8], 七八十 → [7, 8]
        century = 1900 if (nineteen or digits[0] >= 3) else 2000
        return f"{century + digits[0] * 10}/{century + digits[-1] * 10 + 9}"
    if kind == "century":
        c = _num(t.replace("世纪", ""))
        return f"{(c - 1) * 100 + 1}/{c * 100}" if 1 <= c <= 30 else None
    if kind in ("year", "bareyear"):
        return str(_years(t)[0])
    if kind == "plan":
        n = _num(t[:-1])
        a, b = plan_period_years(n)
        return f"{a}/{b}"
    return None


_KIND = {"iso": "date", "range": "year_range", "date": "date", "quarter": "quarter", "halfyear": "half_year",
         "month": "month", "mrange": "month", "mday": "date", "decade": "decade", "century": "century", "year": "year", "bareyear": "year",
         "plan": "plan_period", "bmrange": "month", "bmonth": "month", "bquarter": "quarter", "bhalf": "half_year"}


def time_from_match(m) -> TimeMatch | None:
    """The TimeMatch of a match of :data:`TIME_PATTERN` (alone or inside a larger pattern), or None."""
    pattern = m.re
    entry = _KIND_INDEX.get(id(pattern))
    if entry is None:
        entry = _KIND_INDEX[id(pattern)] = (pattern, tuple((kind, pattern.groupindex[kind]) for kind in _KIND))
    kinds = entry[1]
    for kind, i in kinds:
        text = m.group(i)
        if text is None:
            continue
        try:
            value = _value(kind, text)
        except (NumeralError, ValueError, IndexError, AttributeError):
            return None
        if value is None:
            return None
        return TimeMatch(m.start(i), m.end(i), _KIND[kind], value)
    return None


# per pattern that embeds TIME_PATTERN, by id: the pattern (kept, so its id stays its own) and
# (kind, group number) in the order of _KIND. Keyed by id because hashing a compiled ``re`` pattern
# hashes its whole program (tens of microseconds for the recogniser's scan).
_KIND_INDEX: dict[int, tuple[object, tuple[tuple[str, int], ...]]] = {}


def find_times(text: str) -> list[TimeMatch]:
    """Every time expression in normalised ``text``, in order, non-overlapping."""
    out: list[TimeMatch] = []
    for m in _TIME.finditer(text):
        t = time_from_match(m)
        if t is not None:
            out.append(t)
    return out


_PUB_LABEL = regex.compile(r"(?:时间|日期|发布时间|发布日期|发表时间)\s*[:：]\s*")


def publication_date(text: str, head: int = 600) -> str | None:
    """The publication date stated near the top of ``text`` (ISO), or None.

    A labelled date (时间：2026-02-03) wins; otherwise the first full date in the head.
    """
    window = text[:head]
    dates = [t for t in find_times(window) if t.kind == "date" and not t.value.startswith("--")]
    for t in dates:
        if _PUB_LABEL.search(window[max(0, t.start - 8):t.start]):
            return t.value
    return dates[0].value if dates else None
