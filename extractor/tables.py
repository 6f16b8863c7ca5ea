"""Flattened tables: numbers take their unit from the column header or the 单位 line.

Statistical communiqués carry tables that arrive as plain text, e.g.::

    表1  2023年年末人口数及其构成
    单位：万人
    指标            年末数      比重（%）
    全国人口        140967      100.0
    其中：城镇      93267       66.16

A table starts at a title line (表1, 表一 …) or a 单位 line; its header is the
last line of cells without numbers before the first row of numbers; it ends at
a line of running prose (ending in 。) or at the next table.  Each number that
stands as a cell of its own becomes a quantity with ``table=True``: the unit
comes from the column header (``比重（%）``, ``年末数（万人）``), else from a unit
cell in the row (``粮食  万吨  70650  1.6``), else from the 单位 line.  Values
keep their sign (``-0.5``) and are multiplied by the unit's scale word.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

import regex

from .numerals import NumeralError, parse_number
from .timex import TimeMatch
from .units import UnitWord, load_lexicon

# literal-first, found through finditer_led; the line-start check is done in Python
_TABLE_START = re.compile(r"表[ \t]*[\d一二三四五六七八九十]+|单位[ \t]*[:：]")
_TABLE_START_LEADS = ("表", "单位")
_LINE = regex.compile(r"(?m)^.*$")
_UNIT_LINE = regex.compile(r"单位[ \t]*[:：][ \t]*(?P<u>[^\s，,。；;、]+(?:[、，,][ \t]*[%‰])?)")
_UNIT_LIST_SEP = regex.compile(r"[、，,][ \t]*")
# header words of a rate column: such a column takes the % of a unit line that lists two units (单位：亿元、%)
_RATE_HEADER = regex.compile(r"增长|增速|增幅|下降|比重|占比|构成|幅度|率")
_CELL_SPLIT = regex.compile(r"[\t\u3000]+|[ ]{2,}")
_NUM_CELL = regex.compile(r"(?<!\S)[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\S)|(?<!\S)[-+]?\d+(?:\.\d+)?(?!\S)")
# 年末数（万人）, 比重(%), and a bare sign after the words: 比上年增长%, 比上年±%
_HEADER_UNIT = regex.compile(r"(?:[（(](?P<u>[^（()）]{1,12})[)）]|(?<=[\p{Han}±])(?P<u2>[%‰]))\s*$")
_YEAR_CELL = regex.compile(r"(?:19|20)\d{2}")
_SCALED = regex.compile(r"^(?P<scale>万亿|千万|百万|十万|亿|万|千|百)?(?P<word>.+)$")
_TITLE = regex.compile(r"^(?:表[ \t]*[\d一二三四五六七八九十]+|注[:：]|资料来源)")
# a parenthesised unit closing a line (年末数（万人）, 比上年增长（%）); literal-first for speed
_UNIT_AT_LINE_END = re.compile(
    r"[（(](?:%|‰|[十百千万亿]{0,2}(?:元|人|户|吨|公里|千瓦|千瓦时|亩|公顷|个|家|件|辆|套|人次|立方米|平方米|平方公里|美元))"
    r"[)）][ \t]*(?=\n|$)")
_UNIT_AT_LINE_END_LEADS = ("（", "(")
_HEADER_CELL_HEAD = regex.compile(r"[ \t]*[^\s\d（()）。，；][^\n。，；]{0,14}")
_PROSE_END = regex.compile(r"[。！？]\s*$")
_INCREASE = regex.compile(r"增长|增加(?!值)|提高|上涨|上升|增速")  # 增加值 (value added) is a level
_DECREASE = regex.compile(r"下降|减少|降低")
_SCALE_VALUES = {"万亿": Decimal(10) ** 12, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6,
                 "十万": Decimal(10) ** 5, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4,
                 "千": Decimal(1000), "百": Decimal(100)}
MAX_TABLE_LINES = 400


def resolve_unit(phrase: str) -> tuple[Decimal, str | None, UnitWord] | None:
    """``万人`` → (10000, "万", 人), ``%`` → (1, None, %), ``亿元`` → (1e8, "亿", 元); None if unknown."""
    lex = load_lexicon()
    phrase = phrase.strip().replace("％", "%")
    if phrase in lex:
        return Decimal(1), None, lex[phrase]
    m = _SCALED.match(phrase)
    if m and m.group("scale") and m.group("word") in lex:
        scale = m.group("scale")
        return _SCALE_VALUES[scale], scale, lex[m.group("word")]
    return None


def _cells(line: str) -> list[str]:
    """The cells of a table line: split at tabs or runs of spaces, else at single spaces."""
    cells = [c for c in _CELL_SPLIT.split(line.strip()) if c]
    if len(cells) == 1 and " " in cells[0]:
        cells = cells[0].split()
    return cells


def _label_unit(cell: str) -> tuple[Decimal, str | None, UnitWord] | None:
    """The unit written in parentheses at the end of a row label, or None."""
    m = _HEADER_UNIT.search(cell)
    return resolve_unit(m.group("u") or m.group("u2")) if m else None


def _header_units(cells: list[str]) -> list[tuple[Decimal, str | None, UnitWord] | None]:
    out = []
    for c in cells:
        m = _HEADER_UNIT.search(c)
        out.append(resolve_unit(m.group("u") or m.group("u2")) if m else None)
    return out


def _direction(header: str) -> str | None:
    if _INCREASE.search(header):
        return "increase"
    if _DECREASE.search(header):
        return "decrease"
    return None


def _is_prose(stripped: str) -> bool:
    """A line of running text (ends a table): long, with sentence punctuation, and no number cells."""
    if stripped.startswith(("注：", "注:", "资料来源", "数据来源")):
        return True
    if len(stripped) <= 30 or _NUM_CELL.search(stripped):
        return False
    return bool(_PROSE_END.search(stripped)) or stripped.count("，") >= 2


def finditer_led(pattern: re.Pattern, text: str, leads: tuple[str, ...]) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for a pattern every match of which starts with one of ``leads``.

    ``str.find`` jumps from one lead to the next several times faster than the regex engine tests
    every character of a text against the pattern's first characters.
    """
    nexts = [(k, lead) for lead in leads if (k := text.find(lead)) != -1]  # next place of each lead
    while nexts:
        k, _ = min(nexts)
        m = pattern.match(text, k)
        pos = k + 1
        if m is not None:
            yield m
            pos = max(pos, m.end())
        nexts = [(j, lead) if j >= pos else (text.find(lead, pos), lead) for j, lead in nexts]
        nexts = [(j, lead) for j, lead in nexts if j != -1]


def _table_starts(text: str) -> list[tuple[int, bool]]:
    """(offset, is_title) of every line that opens a table: 表N titles, 单位 lines, unit-headed cells."""
    out = []
    for m in finditer_led(_TABLE_START, text, _TABLE_START_LEADS):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start:m.start()].strip():  # only at the start of a line
            out.append((line_start, m.group().startswith("表")))
    for m in finditer_led(_UNIT_AT_LINE_END, text, _UNIT_AT_LINE_END_LEADS):
        start = text.rfind("\n", 0, m.start()) + 1
        if not _HEADER_CELL_HEAD.fullmatch(text, start, m.start()):
            continue  # not a short header cell of its own
        # back up over the short header cells written before it (指标 / 年末数 …)
        for _ in range(4):
            prev_end = start - 1
            if prev_end <= 0:
                break
            prev_start = text.rfind("\n", 0, prev_end) + 1
            prev = text[prev_start:prev_end].strip()
            if not prev or len(prev) > 16 or _NUM_CELL.search(prev) or _is_prose(prev):
                break
            start = prev_start
        out.append((start, False))
    out.sort()
    return out


def _table_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each table region in ``text``."""
    starts = _table_starts(text)
    spans: list[tuple[int, int]] = []
    for i, (s, _title) in enumerate(starts):
        if spans and s < spans[-1][1]:
            continue
        limit = next((o for o, title in starts[i + 1:] if title), len(text))
        end = s
        n = 0
        blanks = 0
        seen_numbers = False
        for lm in _LINE.finditer(text, s, limit):
            n += 1
            if n > MAX_TABLE_LINES:
                break
            stripped = lm.group().strip()
            if n > 1 and stripped and _is_prose(stripped):
                break
            blanks = blanks + 1 if not stripped else 0
            if blanks >= 2 and seen_numbers:
                break
            if _NUM_CELL.search(stripped):
                seen_numbers = True
            end = lm.end()
        if end > s and seen_numbers:
            spans.append((s, end))
    return spans


def _make(start: int, end: int, numtext: str, unit, header_text: str):
    """One table quantity, or None when the cell is not a number."""
    from .recognise import _Candidate, _norm_value

    scale, scale_word, uw = unit
    try:
        p = parse_number(numtext.lstrip("+"))
    except (NumeralError, ArithmeticError):
        return None
    value = _norm_value(p.value * scale * uw.factor, scale != 1 or uw.factor != 1)
    cand = _Candidate(start, end, uw.kind, value, numtext, uw.unit, uw.pint,
                      classifier=uw.word if uw.classifier else None,
                      scale_word=scale_word if scale_word in ("万", "亿", "万亿") else None,
                      approx=[], decimals=p.decimals, table=True)
    cand.direction = _direction(header_text)
    return cand


def _cell_columns(line: str, cells: list[str], nums: list) -> list[int | None]:
    """The index of the cell each number match of ``line`` lies in."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for c in cells:
        k = line.find(c, pos)
        bounds.append((k, k + len(c)))
        pos = k + len(c)
    cols: list[int | None] = []
    for nm in nums:
        cols.append(next((i for i, (a, b) in enumerate(bounds) if a <= nm.start() < b), None))
    return cols


def _unit_line_units(spec: str):
    """(default unit, unit of rate columns) of a 单位 line: ``亿元`` → (亿元, None); ``亿元、%`` → (亿元, %)."""
    parts = _UNIT_LIST_SEP.split(spec)
    if len(parts) == 1:
        return resolve_unit(spec), None
    units = [resolve_unit(p) for p in parts]
    rates = [u for u in units if u is not None and u[2].kind in ("percent", "permille")]
    levels = [u for u in units if u is not None and u[2].kind not in ("percent", "permille")]
    return (levels[0] if levels else None), (rates[0] if rates else None)


def _grid_table(text: str, t_start: int, t_end: int, out: list) -> None:
    """Rows written on one line each, cells separated by tabs or runs of spaces."""
    default = rate_default = None
    header: list[str] = []
    header_units: list = []
    for lm in _LINE.finditer(text, t_start, t_end):
        line = lm.group()
        um = _UNIT_LINE.search(line)
        if um:
            default, rate_default = _unit_line_units(um.group("u"))
            continue
        nums = list(_NUM_CELL.finditer(line))
        cells = _cells(line)
        if not nums:
            if len(cells) >= 2:
                header, header_units = cells, _header_units(cells)
            continue
        if len(cells) < 2:
            continue
        row_unit = None  # a unit cell in the row (指标 单位 数值 …) or a unit in the label (国内生产总值（亿元）)
        for c in cells:
            if not _NUM_CELL.fullmatch(c):
                r = resolve_unit(c) or _label_unit(c)
                if r is not None:
                    row_unit = r
        n = len(nums)
        # when the row has as many cells as the header, each number sits in its own column
        # (a missing value written — keeps the columns after it in place); else count from the right
        aligned = _cell_columns(line, cells, nums) if header and len(cells) == len(header) else None
        for i, nm in enumerate(nums):
            col = aligned[i] if aligned is not None else len(header) - n + i
            if col == 0 or (aligned is None and i == 0 and cells[0] == nm.group()):
                # the label column: a year there (2020  2105.33 …) is the row's time, not a quantity
                if _YEAR_CELL.fullmatch(nm.group()):
                    out.append(TimeMatch(lm.start() + nm.start(), lm.start() + nm.end(), "year", nm.group()))
                continue
            hu = header_units[col] if header and 0 <= col < len(header_units) else None
            hdr = header[col] if header and 0 <= col < len(header) else ""
            unit = hu or row_unit or (rate_default if rate_default and _RATE_HEADER.search(hdr) else default)
            if unit is None:
                continue
            cand = _make(lm.start() + nm.start(), lm.start() + nm.end(), nm.group(), unit, hdr)
            if cand is not None:
                out.append(cand)


def _column_table(text: str, t_start: int, t_end: int, out: list) -> None:
    """One cell per line: header cells, then per row a label line and its value lines."""
    default = None
    header: list[str] = []
    header_units: list = []
    in_header = True
    idx = 0
    row_unit = None
    for lm in _LINE.finditer(text, t_start, t_end):
        cell = lm.group().strip()
        if not cell or _TITLE.match(cell):
            continue
        um = _UNIT_LINE.search(cell)
        if um:
            default = _unit_line_units(um.group("u"))[0]
            continue
        numeric = _NUM_CELL.fullmatch(cell) is not None
        if in_header:
            if not numeric:
                header.append(cell)
                continue
            in_header = False
            if len(header) < 2:
                return
            idx, row_unit = 0, None
            if len(header) >= 3 and "单位" in header[1:2] and resolve_unit(header[-1]) is not None:
                row_unit, idx = resolve_unit(header.pop()), 1  # the first row's 单位 cell
            label = header.pop()  # the last header-looking line is the first row's label
            if row_unit is None:
                row_unit = _label_unit(label)
            header_units = _header_units(header)
        if numeric:
            col = 1 + idx
            idx += 1
            hu = header_units[col] if col < len(header_units) else None
            unit = hu or row_unit or default
            if unit is None:
                continue
            off = lm.start() + lm.group().index(cell)
            cand = _make(off, off + len(cell), cell, unit, header[col] if col < len(header) else "")
            if cand is not None:
                out.append(cand)
        elif idx == 0 and row_unit is None and resolve_unit(cell) is not None and "单位" in header[1:2]:
            row_unit, idx = resolve_unit(cell), 1  # the 单位 column of this row
        else:
            idx, row_unit = 0, _label_unit(cell)  # a new row label, perhaps with its unit: 人均GDP（元）


def table_candidates(text: str, prose=None) -> list:
    """Quantities in the flattened tables of normalised ``text`` (``_Candidate`` records, table=True)."""
    if "单位" not in text and "表" not in text and "）" not in text and ")" not in text:
        return []
    out: list = []
    for t_start, t_end in _table_spans(text):
        lines = [ln for ln in text[t_start:t_end].split("\n") if ln.strip()]
        single = sum(1 for ln in lines if len(_cells(ln)) == 1)
        if lines and single >= 0.8 * len(lines) and len(lines) >= 4:
            _column_table(text, t_start, t_end, out)
        else:
            _grid_table(text, t_start, t_end, out)
    return out
