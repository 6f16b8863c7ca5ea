"""Figures read directly from a clause, for the sentence-level arithmetic checks.

The recogniser's mentions are the main source of numbers; this small reader
covers the patterns the arithmetic checks need in statistical prose
(Arabic number + scale word + unit + bound), so a 其中 sum or a 年均 sentence
can be tested even when no claim was bound. Every figure keeps the number as
written and its rounding band.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, getcontext

import regex

from ..model import Mention
from .intervals import _about, Band, decimals_of, stated_band

# patterns used inside functions, compiled once
_NUMBER = regex.compile(r"\d+(?:\.\d+)?")
_MORE_THAN_WORD = regex.compile(r"\d(?:万亿|亿|万)?[多余]")

SCALES = {"万亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11, "百亿": Decimal(10) ** 10,
          "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6,
          "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}
_UNITS = ("个百分点|百分点|%|‰|倍|美元|港元|欧元|日元|元|人次|万人次|人|户|家|个|吨标准煤|吨公里|吨|"
          "平方公里|平方米|立方米|公里|千米|千瓦时|千瓦|公顷|亩|标准箱|件|项|所|辆|台|套|张|斤|公斤|千克|"
          "床|名|座|条|部|块|艘|架|只|头|册|小时|分钟|个工作日|工作日")
# Compiled with the standard ``re``: the pattern uses no ``regex`` feature, and ``re`` finds its
# candidates faster once told which characters a figure can start with (the lookahead: a 约/近/…
# word, a minus sign or a digit), where ``regex`` tries the optional prefix at every position.
_QTY = re.compile(
    r"(?=[约近接超突逾不至大\-\d])"
    r"(?P<pre>约|近|接近|超过|突破|逾|不到|不足|不超过|至少|大约)?"
    r"(?:(?<![\d.\-])(?P<neg>-))?(?P<num>(?<![\d.])\d+(?:\.\d+)?)"
    r"(?P<b1>多|余)?(?P<scale>万(?:多|余)亿|万亿|千亿|百亿|亿|千万|百万|万|千(?!瓦|克|米))?(?P<b2>多|余)?"
    r"(?P<unit>" + _UNITS + r")?"
    r"(?P<suf>以上|以下|以内|左右|多)?")
_QTY_GROUPS = ("pre", "neg", "num", "b1", "scale", "b2", "unit", "suf")
# the groups of _QTY are exactly these, in this order: read_quantities takes them by m.groups()
assert tuple(sorted(_QTY.groupindex, key=_QTY.groupindex.get)) == _QTY_GROUPS and _QTY.groups == len(_QTY_GROUPS)
_NUM_GROUP = _QTY.groupindex["num"]
COUNT_UNITS = frozenset("人户家个件项所辆台套张床名座条部块艘架只头册") | {"人次"}
PERCENT_UNITS = frozenset({"%"})


@dataclass(slots=True)
class Qty:
    """One figure in the normalised text: number as written, value, unit and band."""

    start: int
    end: int
    text: str
    number_text: str
    value: Decimal
    unit: str
    scale: str | None
    approx: list[str] = field(default_factory=list)
    band: Band | None = None
    written: str = ""  # number, scale word and unit as written, without 约/超过 (88.4亿元, 5200万户)

    @property
    def places(self) -> int:
        return decimals_of(self.number_text)

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_year(self) -> bool:
        return self.unit == "" and self.scale is None and len(self.number_text) == 4 and \
            self.number_text[:2] in ("19", "20")


@functools.lru_cache(maxsize=65536)
def _value_and_band(num_text: str, negative: bool, scale: str | None, approx: tuple[str, ...], unit: str,
                    bound: bool, tolerance: str, prec: int, rounding: str) -> tuple[Decimal, Band]:
    """The value and rounding band of a figure as written; the same figure recurs across a corpus.

    ``tolerance``, ``prec`` and ``rounding`` are in the key because the band depends on them (the
    约 tolerance in force and the decimal context); Band is frozen, so sharing it is safe.
    """
    num = Decimal(num_text) * (-1 if negative else 1)
    value = num * SCALES[scale] if scale else num
    band = stated_band(value, ("-" if negative else "") + num_text, approx=list(approx), unit=unit,
                       bound_word=bound)
    return value, band


def read_quantities(text: str, start: int = 0, end: int | None = None) -> list[Qty]:
    """Every figure in ``text[start:end]`` (years excluded when followed by 年)."""
    end = len(text) if end is None else end
    out: list[Qty] = []
    # the band's cache key: the 约 tolerance and decimal context in force, the same for every figure here
    context = getcontext()
    tolerance, prec, rounding = str(_about.get()), context.prec, context.rounding
    for m in _QTY.finditer(text, start, end):
        pre, neg, num_text, b1, scale, b2, unit, suf = m.groups()
        unit = unit or ""
        num_end = m.end(_NUM_GROUP)
        if not scale and not unit and text.startswith("年", num_end):
            continue  # a year or a duration in years: not a figure of this reader
        if scale == "千" and unit == "" and not b2:
            continue
        approx: list[str] = []
        split_scale = bool(scale and len(scale) == 3)  # 3万多亿元: more than 3万亿
        bound = bool(b1 or b2 or suf == "多" or split_scale)
        if pre or suf or bound:  # (most figures are written plainly: nothing to test)
            if pre in ("约", "近", "接近", "大约") or suf == "左右":
                approx.append("about")
            if pre in ("超过", "突破", "逾") or suf == "以上" or bound:
                approx.append("more_than")
            if pre in ("不到", "不足", "不超过") or suf in ("以下", "以内"):
                approx.append("at_most")
            if pre == "至少":
                approx.append("at_least")
        if split_scale:
            scale = "万亿"
        # a count is exact only as written in units (401家); 1000万人 is rounded to 万
        kind_unit = "count" if unit in COUNT_UNITS and not scale else unit
        value, band = _value_and_band(num_text, bool(neg), scale, tuple(approx), kind_unit, bound,
                                      tolerance, prec, rounding)
        num_start = num_end - len(num_text)
        s = m.start() if pre or neg else num_start
        w0 = num_start - 1 if neg else num_start  # the minus sign sits right before the number
        e = m.end()
        figure = text[s:e]
        out.append(Qty(s, e, figure, num_text, value, unit, scale, approx, band,
                       figure if w0 == s else text[w0:e]))
    return out


def from_mention(m: Mention) -> Band | None:
    """The rounding band of a recogniser mention (None for ranges, ratios and times)."""
    if not isinstance(m.value, Decimal):
        return None
    unit = "count" if m.kind == "count" and not m.scale_word else m.unit
    context = getcontext()
    # str(value) is in the key because equal Decimals (5.2, 5.20) hash alike but print differently
    return _mention_band(m.value, str(m.value), m.value_text or "", m.text, m.decimals, tuple(m.approx), unit,
                         str(_about.get()), context.prec, context.rounding)


@functools.lru_cache(maxsize=65536)
def _mention_band(value: Decimal, value_str: str, number_text: str, text: str, decimals: int | None,
                  approx: tuple[str, ...], unit: str | None, tolerance: str, prec: int, rounding: str) -> Band:
    """The band of a mention's figure; the same figure recurs across a corpus (see ``_value_and_band``
    for why the tolerance and the decimal context are in the key)."""
    num = _NUMBER.search(number_text.replace(",", ""))
    if num is None:
        return Band(value, value, value, "exact")
    bound = bool(_MORE_THAN_WORD.search(text))
    return stated_band(value, num.group(), decimals=decimals, approx=approx, unit=unit, bound_word=bound)
