"""Numerals: Arabic, Chinese and mixed number strings → exact ``Decimal``.

Handles the forms found in Chinese statistical writing::

    3 / 1,234.5 / -0.5 / 3.5万 / 1.2万亿 / 1万6千 / 1亿3千多万 / 3万多亿
    三 / 十二 / 一百二十 / 两千 / 〇 零 / 二〇二三 (digit by digit) / 二十三点五
    百分之十五 (→ 15, a percent) / 三分之二 (→ 66.666…, a percent) / 3成 (→ 30)

The main entry point is :func:`parse_number`, which returns a
:class:`ParsedNumber` with the value, the scale word, the approximation
morphemes written inside the numeral (多/余/几) and the written precision.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from functools import lru_cache

import regex

CN_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

CN_DIGIT_CHARS = "".join(CN_DIGITS)
CN_NUMERAL_CHARS = CN_DIGIT_CHARS + "十百千万亿"

_TOKEN = regex.compile(
    r"(?P<arabic>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"|(?P<cnpoint>点)"
    r"|(?P<digit>[〇零一二两三四五六七八九])"
    r"|(?P<small>[十百千])"
    r"|(?P<big>[万亿])"
    r"|(?P<approx>[多余几])"
)
_FRACTION = regex.compile(r"^(?P<den>.+?)分之(?P<num>.+)$")
_DECIMALS = regex.compile(r"\.(\d+)")
_DIGIT_SEQUENCE = regex.compile(r"^[〇零一二三四五六七八九]{2,}$")


class NumeralError(ValueError):
    """The string is not a numeral this module understands."""


@dataclass(slots=True)
class ParsedNumber:
    """A parsed numeral: value, how it was written and what qualifies it."""

    value: Decimal
    text: str
    decimals: int = 0
    scale_word: str | None = None
    approx: list[str] = field(default_factory=list)
    chinese: bool = False


def _digit_sequence(s: str) -> Decimal:
    """二〇二三 → 2023 (each character one digit)."""
    return Decimal("".join(str(CN_DIGITS[c]) for c in s))


def _scale_word(s: str) -> str | None:
    """The largest magnitude word written: 万亿 (also 万…亿), 亿 or 万."""
    wan, yi = s.find("万"), s.rfind("亿")
    if yi != -1 and wan != -1 and wan < yi:
        return "万亿"
    if yi != -1:
        return "亿"
    if wan != -1:
        return "万"
    return None


def _decimal_places(s: str) -> int:
    m = _DECIMALS.search(s)
    if m:
        return len(m.group(1))
    if "点" in s:
        return len(s.split("点", 1)[1].rstrip("万亿多余几"))
    return 0


def _accumulate(s: str) -> Decimal:
    """Positional value of a (mixed) numeral without fractions or signs."""
    total = Decimal(0)     # parts already multiplied by 亿
    wan_part = Decimal(0)  # parts multiplied by 万, below 亿
    section = Decimal(0)   # below 万
    current: Decimal | None = None
    pos = 0
    seen = False
    for m in _TOKEN.finditer(s):
        if m.start() != pos:
            raise NumeralError(f"unexpected {s[pos:m.start()]!r} in {s!r}")
        pos = m.end()
        kind = m.lastgroup
        tok = m.group()
        if kind == "arabic":
            current = Decimal(tok.replace(",", ""))
            seen = True
        elif kind == "digit":
            current = Decimal(CN_DIGITS[tok])
            seen = True
        elif kind == "cnpoint":
            raise NumeralError("decimal point handled by the caller")
        elif kind == "small":
            section += (current if current is not None else Decimal(1)) * SMALL_UNITS[tok]
            current = None
            seen = True
        elif kind == "big":
            written = current is not None or section != 0  # a bare 万/亿 counts as one
            if tok == "万":
                wan_part += ((section + (current or 0)) if written else Decimal(1)) * BIG_UNITS[tok]
            else:
                below = total + wan_part + section + (current or 0)
                total = (below if (written or total or wan_part) else Decimal(1)) * BIG_UNITS[tok]
                wan_part = Decimal(0)
            section = Decimal(0)
            current = None
            seen = True
        # approx morphemes (多/余/几) carry no value of their own
    if pos != len(s) or not seen:
        raise NumeralError(f"not a numeral: {s!r}")
    return total + wan_part + section + (current or 0)


@lru_cache(maxsize=8192)
def _parse_cached(s: str) -> ParsedNumber:
    text = s
    sign = 1
    if s.startswith(("+", "-")):
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    if not s:
        raise NumeralError("empty numeral")
    approx: list[str] = []
    if any(c in s for c in "多余"):
        approx.append("more_than")
    if "几" in s:
        if s.startswith("几"):
            raise NumeralError(f"indefinite numeral: {text!r}")
        if "more_than" not in approx:
            approx.append("more_than")
    chinese = any(c in CN_NUMERAL_CHARS for c in s.replace("万", "").replace("亿", "")) and not s[0].isdigit()
    frac = _FRACTION.match(s)
    if frac:
        den = _parse_cached(frac.group("den")).value
        num = _parse_cached(frac.group("num")).value
        if den == 0:
            raise NumeralError("zero denominator")
        with localcontext() as ctx:
            ctx.prec = 28
            value = num * 100 / den
        return ParsedNumber(value, text, 0, None, approx, True)
    if _DIGIT_SEQUENCE.match(s):
        return ParsedNumber(sign * _digit_sequence(s), text, 0, None, approx, True)
    if "点" in s:
        head, _, tail = s.partition("点")
        scale = ""
        while tail and tail[-1] in "万亿":
            scale = tail[-1] + scale
            tail = tail[:-1]
        if not tail or any(c not in CN_DIGITS for c in tail):
            raise NumeralError(f"bad decimal part in {text!r}")
        whole = _accumulate(head) if head else Decimal(0)
        value = Decimal(f"{whole}.{''.join(str(CN_DIGITS[c]) for c in tail)}")
        if scale:
            value *= _accumulate("1" + scale)
        return ParsedNumber(sign * value, text, len(tail), _scale_word(scale), approx, True)
    value = _accumulate(s)
    return ParsedNumber(sign * value, text, _decimal_places(s), _scale_word(s), approx, chinese)


# 五六十, 十二三, 三四百万, 二十五六, 一两: two neighbouring digits name an approximate range
_APPROX_RANGE = regex.compile(
    r"^(?P<head>(?:[〇零一二两三四五六七八九]?[十百千万亿])*)(?P<a>[一两二三四五六七八])(?P<b>[两二三四五六七八九])(?P<tail>[十百千万亿]*)$"
)


_UNIT_RANK = {"十": 1, "百": 2, "千": 3, "万": 4, "亿": 8}


@lru_cache(maxsize=2048)
def approx_range(s: str) -> tuple[Decimal, Decimal] | None:
    """``五六十`` → (50, 60), ``十二三`` → (12, 13), ``三四百万`` → (3e6, 4e6); None for other numerals.

    The two digits must be neighbours (b = a + 1): 三五 is not a range.
    """
    m = _APPROX_RANGE.match(s)
    if m is None:
        return None
    a, b = CN_DIGITS[m.group("a")], CN_DIGITS[m.group("b")]
    if b != a + 1:
        return None
    head, tail = m.group("head"), m.group("tail")
    try:
        base = _accumulate(head) if head else Decimal(0)
        mult = _accumulate("1" + tail) if tail else Decimal(1)
    except NumeralError:
        return None
    if head and tail:
        if head[-1] == "十" and tail[0] in "万亿":
            return (base + a) * mult, (base + b) * mult  # 十二三万 → 12万..13万
        if _UNIT_RANK[head[-1]] > _UNIT_RANK[tail[0]] and len(tail) == 1:
            return base + a * mult, base + b * mult  # 三千五六百 → 3500..3600
        return None
    if head and not tail:
        # the pair fills the place below the head's last unit: 十二三 → 12..13, 三千五六 → 3500..3600
        last = head[-1]
        mult = {"十": 1, "百": 10, "千": 100, "万": 1000, "亿": 10 ** 7}[last]
    return base + a * mult, base + b * mult


def parse_number(s: str) -> ParsedNumber:
    """Parse an Arabic, Chinese or mixed numeral; raise :class:`NumeralError` if it is none.

    >>> parse_number("1.2万亿").value
    Decimal('1.2E+12')
    >>> parse_number("一百二十").value
    Decimal('120')
    """
    p = _parse_cached(s)
    return ParsedNumber(p.value, p.text, p.decimals, p.scale_word, list(p.approx), p.chinese)


def to_decimal(s: str) -> Decimal:
    """The value of numeral ``s`` as a Decimal (``百分之十五`` → 15)."""
    if s.startswith("百分之"):
        return parse_number(s[3:]).value
    return parse_number(s).value


def percent_from_fraction(s: str) -> Decimal:
    """``三分之二`` → 66.666…, ``百分之十五`` → 15, ``一半`` → 50, ``3成``/``七成`` → 30/70 (percent values)."""
    if s.startswith("百分之"):
        return parse_number(s[3:]).value
    if s == "一半":
        return Decimal(50)
    if s.endswith("成") and len(s) > 1:
        return parse_number(s[:-1]).value * 10
    return parse_number(s).value


def chinese_numeral(n: int) -> str:
    """Write a non-negative integer below 10¹⁶ in Chinese numerals (一百二十, 三万零五)."""
    if n < 0 or n >= 10 ** 16:
        raise ValueError("out of range")
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"

    def below_wan(x: int) -> str:
        out = []
        zero = False
        for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit_value % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out.append("零")
                zero = False
            out.append(digits[d] + unit)
        return "".join(out)

    groups = [(n // 10 ** 12) % 10 ** 4, (n // 10 ** 8) % 10 ** 4, (n // 10 ** 4) % 10 ** 4, n % 10 ** 4]
    names = ["万", "亿", "万", ""]
    parts: list[str] = []
    started = False
    pending_zero = False
    for i, (g, name) in enumerate(zip(groups, names)):
        if g == 0:
            if started:
                pending_zero = True
                if i == 1:  # 一万亿: the 亿 of the upper 万 group
                    parts.append("亿")
            continue
        if started and (pending_zero or g < 1000):
            parts.append("零")
        pending_zero = False
        parts.append(below_wan(g) + name)
        started = True
    s = "".join(parts)
    if s.startswith("一十"):
        s = s[1:]
    return s
