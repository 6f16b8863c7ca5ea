"""Table rows against totals in flattened statistical tables.

A flattened table (see :mod:`extractor.tables` for the layout) starts at a
title line (表1 …) or a 单位 line; cells are separated by tabs, ideographic
spaces or two or more spaces. For each level column (not a growth-rate
column) the checks are:

* a total row (合计/总计/全部/全市/全国… or 地区生产总值) against the top-level
  rows that follow it (or precede a 合计 row at the bottom): equal within
  rounding; when the top-level rows add up only in part (sub-items written
  without 其中), the leading rows that match the total are taken;
* a row against its 其中 sub-rows: equal within rounding when the sub-rows are
  a known exhaustive split (城镇/乡村, 男/女, 三次产业 …), else no sub-row
  above the row (a 其中 list need not be complete).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

import regex

from .arithmetic import Operand, check_sum
from .base import DocContext
from .intervals import add, stated_band
from .sentences import _exhaustive

_TABLE_START = regex.compile(r"(?m)^[ \t\u3000]*(?:表[ \t]*[\d一二三四五六七八九十]+|单位[ \t]*[:：])")
# the line starts where _TABLE_START may match (after the blanks, 表 or 单位), found from the \n
# before them: a literal the engine finds fast, where (?m)^ is tried at every position
_TABLE_LINE = regex.compile(r"\n[ \t\u3000]*[表单]")
_CELL = regex.compile(r"[^\t\u3000 ]+(?: [^\t\u3000 ]+)*")
_NUM = regex.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_PROSE_END = regex.compile(r"[。！？]\s*$")
_RATE_HEADER = regex.compile(r"增长|增速|同比|比上年|百分点|增减|发展速度|%|％")
_SHARE_HEADER = regex.compile(r"比重|构成|占比")
_TOTAL_LABEL = regex.compile(r"^(?:合计|总计|总数|总额|总量|全部|全市|全省|全区|全国|全县|总人口|地区生产总值|国内生产总值|"
                             r"生产总值|\p{Han}{0,6}总(?:额|量|计|数|值))")
_BOTTOM_TOTAL = regex.compile(r"^(?:合计|总计)")
_AVERAGE = regex.compile(r"人均|平均|每")
_SUB = regex.compile(r"^(?:其中[:：]?|#|内[:：])")


@dataclass(slots=True)
class Row:
    """One table row: its label, indentation, whether it opens a 其中 group, and its numeric cells."""

    label: str
    indent: int
    sub_marker: bool
    cells: list[tuple[int, int, str]]  # (start, end, text) in the normalised text, right-aligned columns
    line_start: int = 0
    children: list["Row"] = field(default_factory=list)


def _table_starts(text: str) -> Iterator[regex.Match]:
    """``_TABLE_START.finditer(text)``, tried only at the line starts that may hold a match."""
    for pos in [0] + [m.start() + 1 for m in _TABLE_LINE.finditer(text)]:
        m = _TABLE_START.match(text, pos)
        if m:
            yield m


def _table_blocks(text: str) -> list[list[tuple[int, str]]]:
    blocks = []
    if "表" not in text and "单位" not in text:
        return blocks  # no table starts here (_TABLE_START needs one of the two)
    for m in _table_starts(text):
        lines: list[tuple[int, str]] = []
        pos = m.start()
        while pos < len(text) and len(lines) < 400:
            end = text.find("\n", pos)
            end = len(text) if end == -1 else end
            line = text[pos:end]
            if lines and _TABLE_START.match(line):
                break
            if lines and _PROSE_END.search(line) and len(line.strip()) > 30:
                break
            lines.append((pos, line))
            pos = end + 1
        blocks.append(lines)
    return blocks


def _rows(block: list[tuple[int, str]]) -> tuple[list[str], list[Row]]:
    header: list[str] = []
    rows: list[Row] = []
    for pos, line in block:
        cells = [(pos + c.start(), pos + c.end(), c.group()) for c in _CELL.finditer(line)]
        if not cells:
            continue
        nums = [c for c in cells if _NUM.match(c[2])]
        if not nums:
            if not rows:
                header = [c[2] for c in cells]
            continue
        labels = [c for c in cells if not _NUM.match(c[2])]
        if not labels or labels[0][0] > nums[0][0] or len(labels) > 1:
            continue  # rows with a unit cell or without a label are not summed
        label = labels[0][2]
        indent = len(line) - len(line.lstrip(" \t\u3000"))
        rows.append(Row(_SUB.sub("", label), indent, bool(_SUB.match(label)), nums, pos))
    return header, rows


def _column_kinds(header: list[str], width: int) -> list[str]:
    """'level', 'share' or 'rate' for each of the ``width`` right-aligned numeric columns."""
    heads = header[-width:] if len(header) > width else [""] * width
    kinds = []
    for i in range(width):
        h = heads[i] if i < len(heads) else ""
        kinds.append("share" if _SHARE_HEADER.search(h) else "rate" if _RATE_HEADER.search(h) else "level")
    return kinds


def _operand(ctx: DocContext, name: str, cell: tuple[int, int, str]) -> Operand:
    text = cell[2].replace(",", "")
    band = stated_band(Decimal(text), text.lstrip("+"))
    places = len(text.split(".")[1]) if "." in text else 0
    return Operand(name, band, text, ctx.span(cell[0], cell[1]), places)


_YEAR_LABEL = regex.compile(r"^(?:19|20)\d\d(?:年)?$")


def _check_column_totals(ctx: DocContext, block: list[tuple[int, str]]) -> None:
    """Tables whose columns split a total column (年份 | 地区生产总值 | 第一产业 | 第二产业 | 第三产业):
    on every row the part columns add up to the total column."""
    header: list[str] | None = None
    heading = " ".join(line for _, line in block[:3])
    if _RATE_HEADER.search(heading) or _RATE_TABLE.search(heading):
        return  # 居民消费价格比上年涨跌幅度 (单位：%): rates of a whole and its parts do not add up
    for pos, line in block:
        cells = [(pos + c.start(), pos + c.end(), c.group()) for c in _CELL.finditer(line)]
        if not cells:
            continue
        if header is None:
            if len(cells) >= 4 and not any(_NUM.match(c[2]) for c in cells):
                names = [_UNIT_SUFFIX.sub("", c[2]) for c in cells[1:]]
                if _TOTAL_LABEL.match(names[0]) and _exhaustive(names[1:]) and not _AVERAGE.search(" ".join(names)):
                    header = names
            continue
        label, nums = cells[0], cells[1:]
        if _NUM.match(label[2]) and not _YEAR_LABEL.match(label[2]):
            continue
        if len(nums) != len(header) or not all(_NUM.match(c[2]) for c in nums):
            continue
        total = _operand(ctx, "total", nums[0])
        parts = [_operand(ctx, f"part{i + 1}", c) for i, c in enumerate(nums[1:])]
        check_sum(ctx, total, parts, exhaustive=True, what=f"表中{label[2]}{header[0]}的分项之和")


_RATE_TABLE = regex.compile(r"涨跌|涨幅|增速|增幅|指数|价格|单位[ \t]*[:：][ \t]*(?:%|％|‰)")
_UNIT_SUFFIX = regex.compile(r"[（(][^（）()]{0,10}[)）]$")


def check_tables(ctx: DocContext) -> None:
    """Totals and 其中 groups of every flattened table in the document."""
    for block in _table_blocks(ctx.text):
        _check_column_totals(ctx, block)
        header, rows = _rows(block)
        if len(rows) < 3:
            continue
        heading = " ".join(line for _, line in block[:4])
        if _AVERAGE.search(heading):
            continue  # 人均/平均 figures do not add up
        width = max(len(r.cells) for r in rows)
        if any(len(r.cells) != width for r in rows):
            continue
        kinds = _column_kinds(header, width)
        top = _hierarchy(rows)
        for col, kind in enumerate(kinds):
            if kind == "rate":
                continue
            _check_top(ctx, top, col)
            for parent in top:
                if parent.children:
                    _check_children(ctx, parent, parent.children, col)
        if "level" in kinds and "share" in kinds:
            _check_share_column(ctx, top, kinds.index("level"), kinds.index("share"))


def _check_share_column(ctx: DocContext, top: list[Row], level: int, share: int) -> None:
    """比重 cells against row / total × 100, the total being the row whose share is 100."""
    from .arithmetic import check_share

    totals = [r for r in top if r.cells[share][2] in ("100", "100.0", "100.00")]
    if len(totals) != 1:
        return
    total = totals[0]
    whole = _operand(ctx, "whole", total.cells[level])
    for group in ([r for r in top if r is not total], total.children):
        shares = [_operand(ctx, "share", r.cells[share]) for r in group]
        # a column written to add up to exactly 100 (one last digit moved by the office)
        adjusted = len(shares) >= 2 and sum(op.band.point for op in shares) == 100
        for r, op in zip(group, shares):
            check_share(ctx, op, _operand(ctx, "part", r.cells[level]), whole, what=f"表中{r.label}的比重",
                        adjusted=adjusted)


def _hierarchy(rows: list[Row]) -> list[Row]:
    """Top-level rows with their 其中 sub-rows (a 其中 row and the more indented rows after it)."""
    base = min(r.indent for r in rows)
    top: list[Row] = []
    in_sub = False
    for r in rows:
        if r.sub_marker and top:
            in_sub = True
            top[-1].children.append(r)
        elif in_sub and r.indent > base and top:
            top[-1].children.append(r)
        elif r.indent > base and top and not _TOTAL_LABEL.match(r.label):
            top[-1].children.append(r)
        else:
            in_sub = False
            top.append(r)
    return top


_SUM_LABEL = regex.compile(r"^(?:合计|总计|总数|合  计|总  计)")
# rows that nearly make their total are read as a complete list with a slip; a larger shortfall
# means the table lists only the main rows (主要行业, 部分城市)
NEAR_COMPLETE = Decimal("0.01")


def _check_top(ctx: DocContext, top: list[Row], col: int) -> None:
    if len(top) < 3:
        return
    if _BOTTOM_TOTAL.match(top[-1].label):
        total, parts = top[-1], top[:-1]
        complete = True
    elif _TOTAL_LABEL.match(top[0].label) or _exhaustive([r.label for r in top[1:]]):
        total, parts = top[0], top[1:]
        complete = bool(_SUM_LABEL.match(total.label)) or _exhaustive([r.label for r in parts])
    else:
        return
    t = _operand(ctx, "total", total.cells[col])
    ops = [_operand(ctx, f"part{i + 1}", r.cells[col]) for i, r in enumerate(parts)]
    # leading rows that already make the total (later rows then are sub-items written without 其中)
    for k in range(2, len(ops)):
        if add(*[o.band for o in ops[:k]]).overlaps(t.band) and not add(*[o.band for o in ops]).overlaps(t.band):
            ops = ops[:k]
            break
    if not complete:
        parts_sum = add(*[o.band for o in ops])
        short = t.band.point - parts_sum.point
        if short > 0 and not parts_sum.overlaps(t.band) and short > abs(t.band.point) * NEAR_COMPLETE:
            # 地区生产总值 above 农林牧渔业, 工业, 建筑业 …: the rows listed need not be all of them
            check_sum(ctx, t, ops, exhaustive=False, what=f"表中{total.label}的分项")
            return
    check_sum(ctx, t, ops, exhaustive=True, what=f"表中{total.label}的分项之和")


def _check_children(ctx: DocContext, parent: Row, children: list[Row], col: int) -> None:
    groups: list[list[Row]] = []
    for r in children:
        if r.sub_marker or not groups:
            groups.append([r])
        else:
            groups[-1].append(r)
    t = _operand(ctx, "total", parent.cells[col])
    for g in groups:
        ops = [_operand(ctx, f"part{i + 1}", r.cells[col]) for i, r in enumerate(g)]
        exhaustive = len(g) >= 2 and _exhaustive([r.label for r in g])
        if len(g) == 1 and not exhaustive:
            ops_single = ops[0]
            if ops_single.band.point > t.band.point and ops_single.band.low > t.band.high:  # type: ignore[operator]
                check_sum(ctx, t, ops, exhaustive=False, what=f"表中{parent.label}的分项")
            continue
        check_sum(ctx, t, ops, exhaustive=exhaustive, what=f"表中{parent.label}的分项之和")
