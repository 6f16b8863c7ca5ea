"""Checks declared in rule files (``[[check]]`` tables → ``pack.checks``).

Types: ``sum`` (total against parts), ``share`` (share against part/whole×100),
``ratio`` (part not above whole), ``difference`` (total = first part − the
others) and ``expression`` (a comparison over indicator ids, evaluated by the
safe evaluator of :mod:`.expression`). Names are indicator ids; values come
from the document's claims with those ids, matched by period (and subject when
both are stated). A per-check ``tolerance`` widens the comparison; ``severity``
sets the severity of a failed check.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from ..model import Claim
from . import messages as msg
from .arithmetic import Operand, operand_from_mention
from .base import DocContext
from .expression import ExpressionError, compare, evaluate, holds, names_in
from .intervals import fmt

VALUE_ROLES = ("value", "share", "end", "rate", "part", "whole", "pp", "multiple", "start")
# a declared sum or expression relates levels unless the check names other claim types
DEFAULT_CLAIM_TYPES = frozenset({"level", "target", "count", "share", "change", "part_of_whole"})


def _value_operand(name: str, c: Claim) -> Operand | None:
    for role in VALUE_ROLES:
        m = c.value(role)
        if m is not None:
            return operand_from_mention(name, m, c.id, role)
    return None


def _expression_of(check) -> str | None:
    f = check.fields
    t = check.type
    if t == "expression":
        return f.get("expression")
    if t == "sum":
        return f"{f['total']} == " + "(" + "+".join(f["parts"]) + ")"
    if t == "difference":
        parts = list(f["parts"])
        return f"{f['total']} == " + parts[0] + "".join(f"-{p}" for p in parts[1:])
    if t == "share":
        return f"{f['part']}/{f['whole']}*100 == {f['share']}"
    if t == "ratio":
        return f"{f['part']} <= {f['whole']}"
    return None


def check_declared(ctx: DocContext, pack, claims: Iterable[Claim]) -> None:
    """Evaluate every declared check of ``pack`` on one document's claims."""
    checks = list(getattr(pack, "checks", None) or [])
    if not checks:
        return
    claims = list(claims)
    by_types: dict[frozenset[str], dict[str, list[Claim]]] = {}  # most checks take the default types
    for chk in checks:
        wanted = chk.fields.get("claim_types")
        types = frozenset(wanted) if isinstance(wanted, list) else DEFAULT_CLAIM_TYPES
        by_id = by_types.get(types)
        if by_id is None:
            by_id = by_types[types] = {}
            for c in claims:
                if c.indicator_id and c.claim_type in types and c.attrs.get("group") is None:
                    by_id.setdefault(c.indicator_id, []).append(c)
        source = _expression_of(chk)
        if not source:
            continue
        try:
            names = sorted(set(names_in(source)))
        except ExpressionError:
            continue
        if not names or any(n not in by_id for n in names):
            continue
        periods = set.intersection(*[{c.period for c in by_id[n]} for n in names])
        for period in sorted(periods, key=lambda p: str(p)):
            chosen = {n: next(c for c in by_id[n] if c.period == period) for n in names}
            ops = {n: _value_operand(n, c) for n, c in chosen.items()}
            if any(o is None for o in ops.values()):
                continue
            if chk.type in ("sum", "difference", "ratio") and len({chosen[n].value(o.role).unit  # type: ignore[union-attr]
                                                                   for n, o in ops.items() if o}) > 1:
                continue
            _evaluate(ctx, chk, source, ops, period)  # type: ignore[arg-type]


def _evaluate(ctx: DocContext, chk, source: str, ops: dict[str, Operand], period) -> None:
    tol_field = chk.fields.get("tolerance")
    tolerance = None if tol_field is None else Decimal(str(tol_field))
    try:
        cmp = compare(source, {n: o.band for n, o in ops.items()})
        verdict, diff = holds(cmp, tolerance)
    except ExpressionError as exc:
        verdict, diff = "not_testable", None
        reason = str(exc)
    else:
        reason = None
    severity = chk.fields.get("severity", "warning") if verdict in ("inconsistent",) else "info"
    formula, stated_name = spreadsheet_formula(source, set(ops))
    stated = ops[stated_name].text if stated_name else None
    spans = [o.span for o in ops.values()]
    values = "，".join(f"{n}={o.text}" for n, o in ops.items())
    point = "" if diff is None else fmt(diff.point, 4)
    default_zh = f"规则检查{chk.id}（{source}）：{values}；差值{point}。"
    default_en = f"Declared check {chk.id} ({source}): {values}; difference {point}."
    message = chk.fields.get("message") or default_zh
    message_en = chk.fields.get("message_en") or default_en
    if verdict != "consistent":
        message = f"{message}（{msg.ZH.get('verdict_' + verdict, verdict)}）"
    try:
        computed = evaluate(formula, {n: o.band for n, o in ops.items()})
    except ExpressionError:
        computed = None
    tol_text = None if tolerance is None else f"±{tolerance} (rule {chk.id})"
    if stated_name is None and "==" not in source:
        tol_text = (tol_text + "; " if tol_text else "") + f"{formula} >= 0"
    ctx.add(chk.id, verdict, spans, message, message_en, severity=severity, formula=formula,
            inputs=[o.formula_input() for n, o in ops.items() if n != stated_name], stated=stated,
            computed=computed, tolerance=tol_text,
            claims=[o.claim_id for o in ops.values() if o.claim_id], reason=reason)


def spreadsheet_formula(source: str, names: set[str]) -> tuple[str, str | None]:
    """A value formula (no comparison) for a declared check, and the name of the stated input.

    ``a/b*100 == s`` → (``a/b*100``, ``s``); ``a <= b`` → (``(b)-(a)``, None), which must
    be ≥ 0; ``a == b+c`` → (``(a)-(b+c)``, None), which must be 0.
    """
    for op in ("==", "<=", ">=", "<", ">"):
        if op in source:
            left, right = (x.strip() for x in source.split(op, 1))
            if op == "==":
                if right in names:
                    return left, right
                if left in names:
                    return right, left
                return f"({left})-({right})", None
            if op in ("<=", "<"):
                return f"({right})-({left})", None
            return f"({left})-({right})", None
    return source.strip(), None
