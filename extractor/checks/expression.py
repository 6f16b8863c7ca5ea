"""A small safe evaluator (no ``eval``) for formulas and rule-declared checks.

Grammar (the same for our formulas and, with names replaced by cells, Excel)::

    comparison := expr [("==" | "<=" | ">=" | "<" | ">") expr]
    expr       := term (("+" | "-") term)*
    term       := power (("*" | "/") power)*
    power      := unary ("^" power)?
    unary      := "-" unary | atom
    atom       := NUMBER | NAME | FUNC "(" expr ("," expr)* ")" | "(" expr ")"
    FUNC       := SUM | ABS | MIN | MAX

Values are :class:`~.intervals.Band` intervals, so a formula over rounded
figures yields the interval of values it may take.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from typing import Callable, Mapping

import regex

from .intervals import Band, exact

_TOKEN = regex.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>==|<=|>=|[-+*/^(),<>]))")
FUNCTIONS = ("SUM", "ABS", "MIN", "MAX")
COMPARISONS = ("==", "<=", ">=", "<", ">")


class ExpressionError(ValueError):
    """A formula that does not parse or cannot be evaluated."""


def tokenize(source: str) -> list[tuple[str, str]]:
    """Tokens of ``source`` as (kind, text); raises ExpressionError on anything else."""
    out: list[tuple[str, str]] = []
    pos = 0
    source = source.rstrip()
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if not m or m.end() == pos:
            raise ExpressionError(f"unexpected character at {pos}: {source[pos:pos + 10]!r}")
        kind = m.lastgroup or "op"
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def names_in(source: str) -> list[str]:
    """The variable names used in a formula (functions excluded)."""
    return list(_names(source))


@functools.lru_cache(maxsize=1024)
def _names(source: str) -> tuple[str, ...]:
    # the checks build their formulas from a few templates: each is tokenized once
    return tuple(t for k, t in tokenize(source) if k == "name" and t not in FUNCTIONS)


# ----- interval operations (general, not only monotone) -----------------------------------


def _corners(fn: Callable[[Decimal, Decimal], Decimal], a: Band, b: Band) -> Band:
    with localcontext() as ctx:
        ctx.prec = 40
        point = fn(a.point, b.point)
        if not (a.bounded and b.bounded):
            return Band(point, None, None, "open")
        vals = []
        for x in (a.low, a.high):
            for y in (b.low, b.high):
                try:
                    vals.append(fn(x, y))  # type: ignore[arg-type]
                except (InvalidOperation, ZeroDivisionError) as exc:
                    raise ExpressionError(str(exc)) from exc
    return Band(point, min(vals), max(vals))


def _add(a: Band, b: Band) -> Band:
    low = None if a.low is None or b.low is None else a.low + b.low
    high = None if a.high is None or b.high is None else a.high + b.high
    return Band(a.point + b.point, low, high)


def _neg(a: Band) -> Band:
    return Band(-a.point, None if a.high is None else -a.high, None if a.low is None else -a.low)


def _div(a: Band, b: Band) -> Band:
    if b.point == 0 or (b.low is not None and b.high is not None and b.low <= 0 <= b.high):
        raise ExpressionError("division by an interval that contains zero")
    return _corners(lambda x, y: x / y, a, b)


def _pow(a: Band, b: Band) -> Band:
    if a.low is not None and a.low < 0 and not (b.bounded and b.low == b.high and b.point == b.point.to_integral()):
        raise ExpressionError("fractional power of a negative number")
    return _corners(lambda x, y: x ** y, a, b)


def _func(name: str, args: list[Band]) -> Band:
    if name == "SUM":
        out = exact(0)
        for a in args:
            out = _add(out, a)
        return out
    if name == "ABS":
        if len(args) != 1:
            raise ExpressionError("ABS takes one argument")
        a = args[0]
        if a.low is not None and a.low >= 0:
            return a
        if a.high is not None and a.high <= 0:
            return _neg(a)
        hi = None if a.low is None or a.high is None else max(-a.low, a.high)
        return Band(abs(a.point), Decimal(0), hi)
    if name in ("MIN", "MAX"):
        if not args:
            raise ExpressionError(f"{name} needs arguments")
        pick = min if name == "MIN" else max
        lows = [a.low for a in args]
        highs = [a.high for a in args]
        if name == "MIN":
            low = None if any(x is None for x in lows) else min(lows)  # type: ignore[type-var]
            high = min(x for x in highs if x is not None) if any(x is not None for x in highs) else None
        else:
            low = max(x for x in lows if x is not None) if any(x is not None for x in lows) else None
            high = None if any(x is None for x in highs) else max(highs)  # type: ignore[type-var]
        return Band(pick(a.point for a in args), low, high)
    raise ExpressionError(f"unknown function {name}")


# ----- parser ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Comparison:
    """The two sides of a comparison and its operator (None for a bare expression)."""

    left: Band
    op: str | None
    right: Band | None


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], env: Mapping[str, Band]):
        self.toks = tokens
        self.i = 0
        self.env = env

    def peek(self) -> str | None:
        return self.toks[self.i][1] if self.i < len(self.toks) else None

    def take(self, expected: str | None = None) -> tuple[str, str]:
        if self.i >= len(self.toks):
            raise ExpressionError("unexpected end of formula")
        tok = self.toks[self.i]
        if expected is not None and tok[1] != expected:
            raise ExpressionError(f"expected {expected!r}, got {tok[1]!r}")
        self.i += 1
        return tok

    def comparison(self) -> Comparison:
        left = self.expr()
        if self.peek() in COMPARISONS:
            op = self.take()[1]
            right = self.expr()
            out = Comparison(left, op, right)
        else:
            out = Comparison(left, None, None)
        if self.i != len(self.toks):
            raise ExpressionError(f"unexpected {self.peek()!r}")
        return out

    def expr(self) -> Band:
        v = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()[1]
            r = self.term()
            v = _add(v, r) if op == "+" else _add(v, _neg(r))
        return v

    def term(self) -> Band:
        v = self.power()
        while self.peek() in ("*", "/"):
            op = self.take()[1]
            r = self.power()
            v = _corners(lambda x, y: x * y, v, r) if op == "*" else _div(v, r)
        return v

    def power(self) -> Band:
        base = self.unary()
        if self.peek() == "^":
            self.take()
            return _pow(base, self.power())
        return base

    def unary(self) -> Band:
        if self.peek() == "-":
            self.take()
            return _neg(self.unary())
        return self.atom()

    def atom(self) -> Band:
        kind, text = self.take()
        if kind == "num":
            return exact(Decimal(text))
        if kind == "name":
            if text in FUNCTIONS:
                self.take("(")
                args = [self.expr()]
                while self.peek() == ",":
                    self.take()
                    args.append(self.expr())
                self.take(")")
                return _func(text, args)
            if text not in self.env:
                raise ExpressionError(f"unknown name {text}")
            return self.env[text]
        if text == "(":
            v = self.expr()
            self.take(")")
            return v
        raise ExpressionError(f"unexpected {text!r}")


def evaluate(source: str, env: Mapping[str, Band | Decimal | int | str]) -> Band:
    """The interval of a formula without comparison over ``env`` (Bands or exact numbers)."""
    cmp = compare(source, env)
    if cmp.op is not None:
        raise ExpressionError("a comparison where a value was expected")
    return cmp.left


def compare(source: str, env: Mapping[str, Band | Decimal | int | str]) -> Comparison:
    """Parse and evaluate ``source`` (an expression with at most one comparison)."""
    bands = {k: v if isinstance(v, Band) else exact(v) for k, v in env.items()}
    return _Parser(tokenize(source), bands).comparison()


def holds(cmp: Comparison, tolerance: Decimal | None = None) -> tuple[str, Band | None]:
    """Verdict of a comparison: consistent when it holds for the written values,
    consistent_by_rounding_only when only within the bands (± tolerance), else inconsistent."""
    left, right, op = cmp.left, cmp.right, cmp.op
    if op is None or right is None:
        return "not_testable", None
    tol = tolerance or Decimal(0)
    diff = _add(left, _neg(right))
    lo = None if diff.low is None else diff.low - tol
    hi = None if diff.high is None else diff.high + tol
    p = diff.point
    if op == "==":
        # the right side is usually a stated (rounded) figure: its band decides the point check
        point_ok = abs(p) <= tol or (right.bounded and right.low - tol <= left.point  # type: ignore[operator]
                                     <= right.high + tol)  # type: ignore[operator]
        possible = (lo is None or lo <= 0) and (hi is None or hi >= 0)
    elif op in ("<=", "<"):
        point_ok = p <= tol if op == "<=" else p < tol
        possible = lo is None or lo <= 0
    else:
        point_ok = p >= -tol if op == ">=" else p > -tol
        possible = hi is None or hi >= 0
    if point_ok:
        return "consistent", diff
    if possible:
        return "consistent_by_rounding_only", diff
    return "inconsistent", diff
