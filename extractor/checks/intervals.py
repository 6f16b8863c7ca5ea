"""Decimal interval arithmetic for rounded published figures.

A number stated with ``d`` decimals stands for the interval
``[x − 0.5·10⁻ᵈ, x + 0.5·10⁻ᵈ)`` in the scale it was written in (``54万亿``
means 53.5–54.5 万亿); counts of things are exact; ``400余个`` means more than
400 (and less than 500); ``30%左右`` gets a configurable relative tolerance.
Intervals are propagated through monotone formulas by their end points.
Rounding is 四舍五入 (ROUND_HALF_UP), never Python's half-even.

Every interval here is treated as closed; the half-open upper end of a
rounding band only matters for values that sit exactly on it, where the
point check (:func:`rounds_to`) decides.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Callable, Iterable, Sequence

HALF = Decimal("0.5")
ABOUT_TOLERANCE = Decimal("0.05")  # 左右/约/近: ±5 % of the value unless configured
_about: ContextVar[Decimal] = ContextVar("about_tolerance", default=ABOUT_TOLERANCE)


@contextmanager
def about_tolerance(value: Decimal | float | str | None):
    """Use ``value`` (a fraction, 0.05 = ±5 %) as the tolerance of 左右/约 figures in this block."""
    if value is None:
        yield _about.get()
        return
    token = _about.set(Decimal(str(value)))
    try:
        yield _about.get()
    finally:
        _about.reset(token)
EXACT_UNITS = frozenset({"count"})


@dataclass(frozen=True, slots=True)
class Band:
    """What a stated (or computed) figure may really be: ``low ≤ x ≤ high``.

    ``None`` is an open end (−∞ or +∞). ``point`` is the value as written (or
    computed from the written values); ``note`` says how the band was made.
    """

    point: Decimal
    low: Decimal | None
    high: Decimal | None
    note: str = ""

    @property
    def bounded(self) -> bool:
        """True when both ends are finite."""
        return self.low is not None and self.high is not None

    @property
    def width(self) -> Decimal | None:
        """``high − low``, or None when the band is open."""
        if not self.bounded:
            return None
        return self.high - self.low  # type: ignore[operator]

    def contains(self, x: Decimal) -> bool:
        """True when ``x`` lies in the band (closed)."""
        return (self.low is None or x >= self.low) and (self.high is None or x <= self.high)

    def overlaps(self, other: "Band") -> bool:
        """True when the two bands share at least one value."""
        if self.high is not None and other.low is not None and self.high < other.low:
            return False
        if other.high is not None and self.low is not None and other.high < self.low:
            return False
        return True

    def scaled(self, factor: Decimal) -> "Band":
        """The band multiplied by a positive constant."""
        return Band(self.point * factor, None if self.low is None else self.low * factor,
                    None if self.high is None else self.high * factor, self.note)


def exact(x: Decimal | int | str, note: str = "exact") -> Band:
    """A band of width zero."""
    d = Decimal(x)
    return Band(d, d, d, note)


def decimals_of(text: str) -> int:
    """Number of decimals written in ``text`` ("88.4" → 1, "120" → 0, "8.0" → 1)."""
    digits = text.replace(",", "").replace("，", "").strip()
    if "." not in digits:
        return 0
    frac = digits.split(".", 1)[1]
    n = 0
    for ch in frac:
        if not ch.isdigit():
            break
        n += 1
    return n


def _trailing_unit(number_text: str) -> Decimal:
    """The place value of the last significant digit of an integer ("13" → 1, "400" → 100)."""
    digits = number_text.lstrip("-").split(".")[0].lstrip("0") or "0"
    stripped = digits.rstrip("0")
    return Decimal(10) ** (len(digits) - len(stripped)) if stripped else Decimal(1)


def stated_band(value: Decimal, number_text: str, *, decimals: int | None = None,
                approx: Iterable[str] = (), unit: str | None = None, bound_word: bool = False,
                about_tolerance: Decimal | None = None) -> Band:
    """The band a stated figure stands for.

    ``value`` is the figure in its base scale (亿 multiplied out), ``number_text``
    the number as written (before the scale word), ``decimals`` the decimals
    written (derived from ``number_text`` when None). ``bound_word`` marks a
    bound morpheme glued to the number (多/余: "13亿多" is 13–14 亿), which
    closes an otherwise open ``more_than``.
    """
    approx = set(approx or ())
    if about_tolerance is None:
        about_tolerance = _about.get()
    d = decimals_of(number_text) if decimals is None else decimals
    try:
        written = Decimal(number_text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        written = value
    scale = value / written if written not in (0, Decimal(0)) else Decimal(1)
    if unit in EXACT_UNITS and d == 0 and not approx:
        half = Decimal(0)
        note = "exact"
    else:
        half = HALF * Decimal(10) ** (-d) * scale
        note = f"±{_fmt(HALF * Decimal(10) ** (-d))} (rounding of {number_text})" if d or half else "exact"
    low: Decimal | None = value - half
    high: Decimal | None = value + half
    if "about" in approx:
        tol = max(abs(value) * about_tolerance, half)
        low, high = value - tol, value + tol
        note = f"±{_fmt(about_tolerance * 100)}% (左右/约)"
    if "more_than" in approx or "at_least" in approx:
        low = value
        if bound_word and d == 0:
            high = value + _trailing_unit(number_text) * scale
            note = f"{number_text}多: ({_fmt(value)}, {_fmt(high)})"
        else:
            high = None
            note = f"≥ {number_text}"
    if "less_than" in approx or "at_most" in approx:
        high = value
        low = Decimal(0) if value >= 0 else None
        note = f"≤ {number_text}"
    return Band(value, low, high, note)


def _fmt(x: Decimal) -> str:
    """A Decimal without exponent or trailing zeros."""
    s = format(x.normalize(), "f")
    return s


def fmt(x: Decimal | None, places: int | None = None) -> str:
    """Format a Decimal for messages (``places`` decimals, half-up); '∞' for None."""
    if x is None:
        return "∞"
    if places is not None:
        return format(round_half_up(x, places), "f")
    return _fmt(x)


def round_half_up(x: Decimal, places: int) -> Decimal:
    """四舍五入 to ``places`` decimals."""
    return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rounds_to(x: Decimal, stated: Decimal, places: int) -> bool:
    """True when ``x`` rounded half-up to ``places`` decimals equals ``stated``."""
    return round_half_up(x, places) == round_half_up(stated, places)


# ----- propagation -------------------------------------------------------------------


def monotone(fn: Callable[..., Decimal], bands: Sequence[Band],
             increasing: Sequence[bool], note: str = "") -> Band:
    """Apply ``fn`` to bands, given for each argument whether ``fn`` rises with it.

    The low end takes each argument's low (if increasing) or high (if
    decreasing) end, and vice versa; an open end gives an open result end.
    """
    with localcontext() as ctx:
        ctx.prec = 40
        point = fn(*[b.point for b in bands])
        lows = [b.low if inc else b.high for b, inc in zip(bands, increasing)]
        highs = [b.high if inc else b.low for b, inc in zip(bands, increasing)]
        low = None if any(v is None for v in lows) else _safe(fn, lows)
        high = None if any(v is None for v in highs) else _safe(fn, highs)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Band(point, low, high, note)


def _safe(fn: Callable[..., Decimal], args: Sequence[Decimal | None]) -> Decimal | None:
    try:
        return fn(*args)
    except (InvalidOperation, ZeroDivisionError, ValueError):
        return None


def add(*bands: Band) -> Band:
    """Sum of bands."""
    return monotone(lambda *xs: sum(xs, Decimal(0)), bands, [True] * len(bands), "sum")


def sub(a: Band, b: Band) -> Band:
    """``a − b``."""
    return monotone(lambda x, y: x - y, [a, b], [True, False], "difference")


def ratio(a: Band, b: Band) -> Band:
    """``a / b`` for positive ``a`` and ``b``."""
    return monotone(lambda x, y: x / y, [a, b], [True, False], "ratio")


def cagr_percent(start: Band, end: Band, years: Decimal) -> Band:
    """``((end/start)^(1/years) − 1) × 100`` for positive levels."""
    inv = Decimal(1) / years

    def fn(s: Decimal, e: Decimal) -> Decimal:
        return ((e / s) ** inv - 1) * 100

    return monotone(fn, [start, end], [False, True], "cagr")


def growth_percent(start: Band, end: Band) -> Band:
    """``(end/start − 1) × 100``."""
    return monotone(lambda s, e: (e / s - 1) * 100, [start, end], [False, True], "growth")


def share_percent(part: Band, whole: Band) -> Band:
    """``part / whole × 100``."""
    return monotone(lambda p, w: p / w * 100, [part, whole], [True, False], "share")


def compound_percent(rates: Sequence[Band], years: Sequence[Decimal]) -> Band:
    """The average yearly rate (in %) of consecutive periods with average rates ``rates``."""
    total = sum(years, Decimal(0))

    def fn(*rs: Decimal) -> Decimal:
        prod = Decimal(1)
        for r, n in zip(rs, years):
            prod *= (1 + r / 100) ** n
        return (prod ** (Decimal(1) / total) - 1) * 100

    return monotone(fn, list(rates), [True] * len(rates), "compound")


# ----- verdicts ----------------------------------------------------------------------

WIDE_FACTOR = Decimal(20)
WIDE_RELATIVE = Decimal("0.2")


def judge_equal(computed: Band, stated: Band, places: int | None = None,
                approx: Iterable[str] = (), thresholds: Iterable[Decimal] = ()) -> tuple[str, str | None]:
    """Verdict of ``computed ≈ stated`` and, when not testable, the reason.

    ``consistent`` when the value computed from the written figures rounds to
    the stated one (or lies in its tolerance band); ``consistent_by_rounding_only``
    when only the rounding bands of the inputs make the two agree;
    ``inconsistent`` when they cannot agree; ``inconsistent_decision`` when,
    on top of that, the sign differs (增长 vs 下降) or a ``threshold`` lies between the
    stated and the computed value (a share above or below half); ``not_testable`` when the
    computed band is open or far wider than the stated one.
    """
    approx = set(approx or ())
    if computed.low is None and computed.high is None:
        return "not_testable", "computed value unbounded"
    if not approx and stated.bounded and stated.low != stated.high:
        # a rounding band: the values that round (half up) to the stated figure
        point_ok = stated.low <= computed.point < stated.high  # type: ignore[operator]
    else:
        point_ok = stated.contains(computed.point)
    if point_ok:
        verdict = "consistent"
    elif computed.overlaps(stated):
        verdict = "consistent_by_rounding_only"
    else:
        if _sign(stated.point) * _sign_of_band(computed) < 0:
            return "inconsistent_decision", None
        for t in thresholds:
            # e.g. a share stated above half while the figures give less than half
            if (stated.point > t and computed.high is not None and computed.high < t) or \
                    (stated.point < t and computed.low is not None and computed.low > t):
                return "inconsistent_decision", f"the stated value and the computed one lie on opposite sides of {t}"
        return "inconsistent", None
    if computed.bounded and stated.bounded:
        limit = max(WIDE_FACTOR * (stated.width or Decimal(0)), WIDE_RELATIVE * abs(computed.point))
        if computed.width and computed.width > limit and limit > 0:
            return "not_testable", "rounding bands of the inputs too wide to test the stated value"
    elif not computed.bounded and verdict != "consistent":
        return "not_testable", "computed band is open"
    return verdict, None


def judge_at_most(part: Band, whole: Band, approx: bool = False) -> str:
    """Verdict of ``part ≤ whole`` with rounding bands.

    ``approx`` marks figures stated as bounds or approximations (13亿多, 超过2万亿):
    there any value the wording admits counts as consistent, since it is what
    was said, not a rounding artefact.
    """
    if part.high is not None and whole.low is not None and part.high <= whole.low:
        return "consistent"
    if part.point <= whole.point:
        return "consistent"
    if part.low is None or whole.high is None or part.low <= whole.high:
        return "consistent" if approx else "consistent_by_rounding_only"
    return "inconsistent"


def _sign(x: Decimal) -> int:
    return (x > 0) - (x < 0)


def _sign_of_band(b: Band) -> int:
    if b.low is not None and b.low > 0:
        return 1
    if b.high is not None and b.high < 0:
        return -1
    return 0
