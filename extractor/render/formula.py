"""Turn a finding's formula (names over its inputs) into a spreadsheet formula.

The shared formula syntax (see ``Finding``) allows numbers, input names,
``+ - * / ^ ( ) ,`` and the functions SUM, ABS, MIN and MAX, so once every name
is replaced by a cell reference the text is a valid Excel formula.  Anything
else makes :func:`to_excel` refuse, so no text can reach a cell as a formula
unless it is this arithmetic.
"""
from __future__ import annotations

from typing import Mapping

from ..checks.expression import COMPARISONS, ExpressionError, tokenize

FUNCTIONS = frozenset({"SUM", "ABS", "MIN", "MAX"})


class FormulaError(ValueError):
    """The formula uses something outside the shared syntax, or an unknown name."""


def tokens(formula: str) -> list[tuple[str, str]]:
    """Split ``formula`` into (kind, text) tokens with the checks' own tokenizer.

    Comparisons belong to rule-declared checks, not to a cell's arithmetic, so
    they are refused here like anything else outside the shared syntax.
    """
    try:
        out = tokenize(formula)
    except ExpressionError as exc:
        raise FormulaError(f"{exc} in {formula!r}") from None
    for kind, text in out:
        if kind == "op" and text in COMPARISONS:
            raise FormulaError(f"comparison {text!r} in {formula!r} is not cell arithmetic")
    return out


def names(formula: str) -> list[str]:
    """The input names a formula uses (functions excluded), in order of first use."""
    seen: list[str] = []
    toks = tokens(formula)
    for i, (kind, text) in enumerate(toks):
        if kind == "name" and not _is_function(toks, i) and text not in seen:
            seen.append(text)
    return seen


def _is_function(toks: list[tuple[str, str]], i: int) -> bool:
    kind, text = toks[i]
    return (kind == "name" and text.upper() in FUNCTIONS
            and i + 1 < len(toks) and toks[i + 1] == ("op", "("))


def to_excel(formula: str, refs: Mapping[str, str]) -> str:
    """``formula`` with each name replaced by its cell reference, with a leading ``=``.

    >>> to_excel("((end/start)^(1/(end_year-start_year))-1)*100",
    ...          {"end": "B2", "start": "B1", "end_year": "B4", "start_year": "B3"})
    '=((B2/B1)^(1/(B4-B3))-1)*100'
    """
    toks = tokens(formula)
    if not toks:
        raise FormulaError("empty formula")
    depth = 0
    parts: list[str] = []
    for i, (kind, text) in enumerate(toks):
        if kind == "name":
            if _is_function(toks, i):
                parts.append(text.upper())
            elif text in refs:
                parts.append(refs[text])
            else:
                raise FormulaError(f"name {text!r} is not an input of the formula")
        else:
            if text == "(":
                depth += 1
            elif text == ")":
                depth -= 1
                if depth < 0:
                    raise FormulaError(f"unbalanced parentheses in {formula!r}")
            parts.append(text)
    if depth:
        raise FormulaError(f"unbalanced parentheses in {formula!r}")
    return "=" + "".join(parts)
