"""Text-structure checks that need no claims.

* ``ordinal_sequence``: 一是/二是…, 一要/二要…, 首先/其次/再次/最后, 第一，第二，…,
  part headings 一、二、 and section headings （一）（二）: lists that skip or repeat;
* ``discourse_pair``: 一方面 … 另一方面 (a repeated or unpaired 一方面);
* ``enumeration_count``: 三大X / 四个方面 / 四链 against the items listed
  right before or after (、 and 和 lists, ordinal lists, items sharing the head);
* ``char_count``: 十二字 / 二字 against the quoted characters;
* ``respectively``: subjects against values of a 分别 list;
* ``part_of_whole``: 41个…中的39个;
* ``time_range``: 2023—2027年 (start before end).

All positions are found in the normalised text and mapped back to original
offsets for the findings. Structure problems get verdict ``inconsistent``
with severity ``warning``: they are drafting slips a reader should see, not
wrong figures.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterator

import regex

from . import messages as msg
from ..model import FormulaInput
from .base import DocContext, matches_from
from .intervals import exact

# patterns used inside functions, compiled once
_HEAD_SEPARATOR = regex.compile(r"的|和|与|及")
_SENTENCE_MARK = regex.compile(r"[。；;]")
_CLAUSE_RUN = regex.compile(r"[^，,。；;：:！？!?\n]+")
_NAME_RUN = regex.compile(r"\p{Han}{2,4}")
_NAME_SEPARATOR = regex.compile(r"[、和]")
_DIGIT = regex.compile(r"\d")
_LATIN_LETTER = regex.compile(r"[A-Za-z]")

STRUCTURE_SEVERITY = "warning"

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM = "一二三四五六七八九十两"


def cn_int(text: str) -> int | None:
    """Value of a small Chinese or Arabic integer ("十二" → 12, "两" → 2, "3" → 3)."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGIT and ch not in "十百" for ch in text):
        return None
    if "百" in text:
        head, _, rest = text.partition("百")
        h = _CN_DIGIT.get(head, 1) if head else 1
        return h * 100 + (cn_int(rest.lstrip("零")) or 0 if rest else 0)
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = _CN_DIGIT.get(head, 1) if head else 1
        return tens * 10 + (_CN_DIGIT.get(tail, 0) if tail else 0)
    if len(text) == 1:
        return _CN_DIGIT[text]
    return None


# ----- ordinal sequences ---------------------------------------------------------------

_BOUNDARY = r"(?:(?<=^)|(?<=[。；;：:！？!?\n\s“”\"（(）)，,]))"
_ORDINAL_FAMILIES: list[tuple[str, regex.Pattern, int]] = [
    # (family, pattern with group "n", max gap in characters inside one list)
    ("是", regex.compile(_BOUNDARY + r"(?P<n>[一二三四五六七八九十]{1,2})是(?!否|不是|指)"), 2500),
    ("要", regex.compile(_BOUNDARY + r"(?P<n>[一二三四五六七八九十]{1,2})要(?![求素点])"), 2500),
    ("第", regex.compile(_BOUNDARY + r"第(?P<n>[一二三四五六七八九十]{1,2})(?=[，,、：:])"), 2500),
    ("第次", regex.compile(r"第(?P<n>[一二三四五六七八九十]{1,2})次(?=\p{Han})"), 600),
    ("、", regex.compile(r"(?m)^[ \t\u3000#]*(?P<n>[一二三四五六七八九十]{1,3})、"), 10 ** 9),
    ("（）", regex.compile(r"(?m)^[ \t\u3000#]*[（(](?P<n>[一二三四五六七八九十]{1,3})[）)]"), 10 ** 9),
]
_SEQ_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}
_SEQ = regex.compile(_BOUNDARY + r"(?P<w>首先|其次|再次|最后)(?![一二三四五六七八九十]\p{Han}|的)")


# where a match of _SEQ can start (see ``matches_from``)
_SEQ_AT = re.compile(r"首先|其次|再次|最后")


@dataclass(slots=True)
class Marker:
    """One ordinal marker in the normalised text."""

    family: str
    value: int
    start: int
    end: int


# the families whose pattern is anchored at a line start ((?m)^) and stays within the line
_LINE_START_FAMILIES = frozenset({"、", "（）"})


# a line start where a pattern of ``_LINE_START_FAMILIES`` may match: after the blanks, a numeral
# or an opening bracket (searched from the \n before it: a literal the engine finds fast)
_HEAD_LINE = regex.compile(r"\n[ \t\u3000#]*[一二三四五六七八九十（(]")


def _head_line_starts(text: str) -> list[int]:
    """The starts of the lines that may hold a part or section heading (see ``_HEAD_LINE``)."""
    return [0] + [m.start() + 1 for m in _HEAD_LINE.finditer(text)]


def _line_start_matches(pattern: regex.Pattern, text: str, starts: list[int]) -> Iterator[regex.Match]:
    """``pattern.finditer(text)`` for a pattern of ``_LINE_START_FAMILIES``: tried only at the line
    ``starts`` that may hold it, the one place it can match (the engine would try every position
    of the text)."""
    for pos in starts:
        m = pattern.match(text, pos)
        if m:
            yield m


def find_ordinals(text: str) -> dict[str, list[Marker]]:
    """All ordinal markers, by family, in text order."""
    out: dict[str, list[Marker]] = {}
    starts = _head_line_starts(text)
    for family, pattern, _gap in _ORDINAL_FAMILIES:
        marks = []
        found = _line_start_matches(pattern, text, starts) if family in _LINE_START_FAMILIES \
            else pattern.finditer(text)
        for m in found:
            v = cn_int(m.group("n"))
            if v:
                marks.append(Marker(family, v, m.start("n") - (1 if family.startswith("第") else 0),
                                    m.end()))
        out[family] = marks
    out["首先"] = [Marker("首先", _SEQ_WORDS[m.group("w")], m.start("w"), m.end("w"))
                   for m in matches_from(_SEQ, text, _SEQ_AT)] if any(w in text for w in _SEQ_WORDS) else []
    return out


def _split_runs(marks: list[Marker], gap: int) -> list[list[Marker]]:
    """Split markers into lists: a new list starts at value 1 or after a long gap."""
    runs: list[list[Marker]] = []
    for mk in marks:
        if not runs or mk.value == 1 or mk.start - runs[-1][-1].end > gap:
            runs.append([mk])
        else:
            runs[-1].append(mk)
    return runs


def ordinal_runs(text: str) -> list[list[Marker]]:
    """Every ordinal list of the text (lists that start at 1, with at least two markers
    or a skip), in text order."""
    gaps = {f: g for f, _p, g in _ORDINAL_FAMILIES}
    gaps["首先"] = 1500
    runs: list[list[Marker]] = []
    for family, marks in find_ordinals(text).items():
        for run in _split_runs(marks, gaps[family]):
            if run[0].value != 1:
                continue
            if family == "首先" and len(run) < 2:
                continue
            if family == "首先":
                # 最后 is also an ordinary word: keep it only right after the list
                run = [mk for i, mk in enumerate(run)
                       if mk.value != 4 or (i > 0 and mk.start - run[i - 1].end < 400)]
            runs.append(run)
    runs.sort(key=lambda r: r[0].start)
    return runs


def check_ordinals(ctx: DocContext) -> list[list[Marker]]:
    """Findings for ordinal lists; return the runs (used by enumeration counts)."""
    runs = ordinal_runs(ctx.text)
    for run in runs:
        if len(run) < 2:
            continue
        spans = [ctx.span(mk.start, mk.end) for mk in run]
        labels = "、".join(s.text for s in spans)
        problem = None
        if run[0].family == "首先":
            values = [mk.value for mk in run]
            if len(set(values)) != len(values):
                problem = ("repeat", "重复")
            elif values != sorted(values):
                problem = ("order", "顺序颠倒")
            elif 3 in values and 2 not in values:
                problem = ("skip", "缺少“其次”")
        else:
            for prev, cur in zip(run, run[1:]):
                if cur.value == prev.value:
                    problem = ("repeat", f"“{ctx.text[cur.start:cur.end]}”重复")
                    break
                if cur.value < prev.value:
                    problem = ("order", "顺序颠倒")
                    break
                if cur.value > prev.value + 1:
                    missing = _ordinal_label(prev, prev.value + 1)
                    problem = ("skip", f"缺少“{missing}”")
                    break
        if problem is not None and run[0].family == "第次":
            continue  # 第一次…第三次 names events, which may legitimately skip one
        if problem is None:
            ctx.add("ordinal_sequence", "consistent", spans,
                    msg.zh("ordinal_ok", items=labels, n=len(run)),
                    msg.en("ordinal_ok", items=labels, n=len(run)))
        else:
            ctx.add("ordinal_sequence", "inconsistent", spans,
                    msg.zh("ordinal_bad", items=labels, problem=problem[1]),
                    msg.en("ordinal_bad", items=labels, problem=problem[0]),
                    severity=STRUCTURE_SEVERITY, reason=problem[0])
    return runs


_CN_OF = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


def _ordinal_label(mk: Marker, value: int) -> str:
    n = _CN_OF.get(value, str(value))
    return {"是": f"{n}是", "要": f"{n}要", "第": f"第{n}", "第次": f"第{n}次", "、": f"{n}、",
            "（）": f"（{n}）"}.get(mk.family, n)


# ----- discourse pairs ---------------------------------------------------------------------

_ASPECT = regex.compile(r"(?P<other>另)?一方面")
PAIR_WINDOW = 800


def check_discourse_pairs(ctx: DocContext) -> None:
    """一方面 must be followed by 另一方面 before the next 一方面."""
    open_at: tuple[int, int] | None = None
    for m in _ASPECT.finditer(ctx.text):
        here = (m.start(), m.end())
        if m.group("other"):
            if open_at is not None and here[0] - open_at[1] <= PAIR_WINDOW:
                spans = [ctx.span(*open_at), ctx.span(*here)]
                ctx.add("discourse_pair", "consistent", spans, msg.zh("pair_ok"), msg.en("pair_ok"))
            open_at = None
            continue
        if open_at is not None:
            if here[0] - open_at[1] <= PAIR_WINDOW:
                spans = [ctx.span(*open_at), ctx.span(*here)]
                ctx.add("discourse_pair", "inconsistent", spans, msg.zh("pair_repeat"),
                        msg.en("pair_repeat"), severity=STRUCTURE_SEVERITY, reason="repeat")
                open_at = None
                continue
            _lone(ctx, open_at)
        open_at = here
    if open_at is not None:
        _lone(ctx, open_at)


_LOOSE_SECOND = regex.compile(r"同时|此外|另外|与此同时|再者|其次|还要|也要")


def _lone(ctx: DocContext, at: tuple[int, int]) -> None:
    if _LOOSE_SECOND.search(ctx.text, at[1], min(len(ctx.text), at[1] + PAIR_WINDOW)):
        return  # 一方面…同时…: loose but common; not reported
    ctx.add("discourse_pair", "inconsistent", [ctx.span(*at)], msg.zh("pair_lone"),
            msg.en("pair_lone"), severity=STRUCTURE_SEVERITY, reason="unpaired")


# ----- enumeration counts --------------------------------------------------------------------

_COUNT = regex.compile(
    r"(?<![第\d一二三四五六七八九十百千万两])(?P<n>[两二三四五六七八九十]{1,2}|\d{1,2})"
    r"(?P<cls>大(?!概|约|量|多|力|幅|规模|批|型|小)|个(?=方面|角度|重点|领域|环节|板块|维度|\p{Han}{2}“|“|\p{Han}{1,4}”)|类|方面|项(?=\p{Han})"
    r"|端(?!\p{Han}?口)|链(?!条|接|长|主)|协同|提升|管齐下)")
# where a match of _COUNT can start: one or two numerals, then the first character of a class word
# (see ``matches_from``; written without {1,2} so that ``re`` scans for the first character)
_COUNT_AT = re.compile(r"[两二三四五六七八九十\d][两二三四五六七八九十\d]?[大个类方项端链协提管]")
_CLAUSE_END = "，,。；;：:！？!?\n（）()"
_SENT_END = regex.compile(r"[。；;！？!?\n]")
_AND = regex.compile(r"以及|及|和|与")
_HAN = regex.compile(r"\p{Han}")


# the last of _CLAUSE_END before a position ((?r): searched backwards, from the position)
_LAST_CLAUSE_END = regex.compile(r"(?r)[，,。；;：:！？!?\n（）()]")


def _clause_start(text: str, pos: int, limit: int = 120) -> int:
    """Start of the clause around ``pos``: just after the last of ``_CLAUSE_END`` before it,
    at most ``limit`` characters back."""
    lo = max(0, pos - limit)
    m = _LAST_CLAUSE_END.search(text, lo, pos)
    return m.end() if m else lo


def _clause_end(text: str, pos: int, limit: int = 200, stops: str = "。；;！？!?\n") -> int:
    i = pos
    hi = min(len(text), pos + limit)
    while i < hi and text[i] not in stops:
        i += 1
    return i


@dataclass(slots=True)
class ListItems:
    """Items of a listed enumeration: spans in the normalised text and the count range."""

    spans: list[tuple[int, int]]
    counts: set[int]
    tight: bool
    split: list[tuple[int, int]] | None = None  # the spans when 和/与/及 also separates two items

    def spans_for(self, n: int) -> list[tuple[int, int]]:
        """The item spans for a count of ``n`` (the 和-split version when that fits)."""
        if self.split is not None and len(self.split) == n:
            return self.split
        return self.spans


def _items_from(text: str, start: int, end: int) -> ListItems | None:
    """Split ``text[start:end]`` into 、 items (the last one split on 和/与/及 as an alternative)."""
    seg = text[start:end]
    if "、" not in seg:
        return None
    parts = []
    pos = start
    for piece in seg.split("、"):
        parts.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    spans = [(a, b) for a, b in parts if b > a]
    if len(spans) < 2:
        return None
    counts = {len(spans)}
    split = None
    for idx in (len(spans) - 1, 0):
        a, b = spans[idx]
        m = _AND.search(text, a + 1, b)
        if m and m.end() < b:
            counts.add(len(spans) + 1)
            split = spans[:idx] + [(a, m.start()), (m.end(), b)] + spans[idx + 1:]
            break
    return ListItems(spans, counts, True, split)


_VERBS = (r"推动|围绕|形成|打造|聚焦|依托|发挥|培育|建设|实施|推进|促进|支持|强化|提升|发展|构建|"
          r"拥有|包括|涵盖|涉及|覆盖|打好|增强|加强|坚持|抓好|做好|深化|完善|统筹")
_ADVERBS = r"着力|加快|大力|梯度|积极|重点|全面|用政策|特别|不断|进一步|持续|更加|坚决|切实"
_LEAD_VERB = regex.compile(r"(?:" + _ADVERBS + r")?(?:为|从|在|以|对)(?:" + _ADVERBS + r")?(?:" + _VERBS + r")?|(?:"
                           + _ADVERBS + r")?(?:" + _VERBS + r")")


def _trim_lead(text: str, a: int, b: int) -> tuple[int, int]:
    """Drop a governing verb from the first item of a list (形成体外诊断 → 体外诊断)."""
    m = _LEAD_VERB.match(text, a, b)
    if m and b - m.end() >= 2:
        return m.end(), b
    return a, b


def _strip_quotes(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in "“”\"‘’「」《》 ":
        a += 1
    while b > a and text[b - 1] in "“”\"‘’「」《》 ":
        b -= 1
    return a, b


def check_enumerations(ctx: DocContext, runs: list[list[Marker]]) -> None:
    """三大X / 四个方面 / 四链 against the items listed next to them."""
    text = ctx.text
    run_starts = {r[0].start: r for r in runs}
    lists = _DocLists(text)  # what _list_elsewhere looks up again and again in this document
    for m in matches_from(_COUNT, text, _COUNT_AT):
        n = cn_int(m.group("n"))
        if not n or n < 2 or n > 12:
            continue
        cls = m.group("cls")
        if cls == "大" and not _HAN.match(text, m.end()):
            continue
        cspan = (m.start(), m.end())
        # 邓小平理论、“三个代表”: the label is itself an item of the list before it
        quoted = text[max(0, m.start() - 2):m.start()] == "、“"
        candidates = [c for c in (None if quoted else _list_before(text, m.start(), n),
                                  _list_after(text, m.end(), n, run_starts),
                                  _shared_head(text, m, n), _heads_after(text, m.end(), n)) if c]
        if not any(n in c[0].counts for c in candidates):
            elsewhere = _list_elsewhere(text, m, n, lists)
            if elsewhere:
                candidates.append(elsewhere)
        agreeing = [c for c in candidates if n in c[0].counts]
        tight = [c for c in candidates if c[0].tight]
        if agreeing:
            items, how = agreeing[0]
            verdict = "consistent"
        elif tight:
            items, how = tight[0]
            verdict = "inconsistent"
        else:
            continue
        item_spans = [_strip_quotes(text, a, b) for a, b in items.spans_for(n)]
        if item_spans and how == "before":
            item_spans[0] = _strip_quotes(text, *_trim_lead(text, *item_spans[0]))
        spans = [ctx.span(*cspan)] + [ctx.span(a, b) for a, b in item_spans]
        k = min(items.counts, key=lambda c: abs(c - n))
        args = dict(stated=text[cspan[0]:cspan[1]], n=n, k=k)
        if verdict == "consistent":
            ctx.add("enumeration_count", verdict, spans, msg.zh("enum_ok", **args), msg.en("enum_ok", **args),
                    stated=str(n))
        else:
            ctx.add("enumeration_count", verdict, spans, msg.zh("enum_bad", **args),
                    msg.en("enum_bad", **args), stated=str(n), severity=STRUCTURE_SEVERITY,
                    reason="count mismatch")


def _list_before(text: str, pos: int, n: int) -> tuple[ListItems, str] | None:
    """An 、 list in the same clause right before ``pos`` (…A、B、C三大X)."""
    cs = _clause_start(text, pos)
    end = pos
    while end > cs and text[end - 1] in "“”\"‘’「」 ":
        end -= 1
    if text[cs:end].endswith("等"):
        return None
    items = _items_from(text, cs, end)
    if items is None:
        return None
    items.tight = _clean_apposition(text, items, end)
    a, b = items.spans[-1]
    # the last item may carry a tail (…协同的行政司法“府院): cut it at 的
    tail = text[a:b]
    cut = tail.find("的")
    if cut > 0:
        items.spans[-1] = (a, a + cut)
        items.tight = False
        items.counts = {len(items.spans)} | ({len(items.spans) + 1} if _AND.search(tail[1:cut]) else set())
    # the first item may start with a verb (形成体外诊断): keep it, the span still overlaps
    return items, "before"


_NUMERAL_OR_QUOTE = regex.compile(r"[\d一二三四五六七八九十两百千万“”\"]")


def _clean_apposition(text: str, items: ListItems, end: int) -> bool:
    """True when an 、 list right before a count is surely its enumeration (A、B、C三大X):
    at least three items, none with a numeral or a quote, of comparable length, the
    last one glued to the number. Only then may a mismatch be reported."""
    words = [text[a:b] for a, b in items.spans]
    if len(words) < 3 or items.spans[-1][1] != end:
        return False
    if any(_NUMERAL_OR_QUOTE.search(w) for w in words):
        return False
    lengths = [len(w) for w in words[1:]]
    return max(lengths) <= 2 * min(lengths) + 2 and len(words[0]) <= 2 * max(lengths) + 2


_INTRO = regex.compile(r"\p{Han}{0,8}?(?:[：:]|，即|，包括|包括|——|即)")


def _list_after(text: str, pos: int, n: int, run_starts: dict) -> tuple[ListItems, str] | None:
    """An 、 list or an ordinal list introduced right after the count (三大X：A、B、C)."""
    m = _INTRO.match(text, pos)
    if not m:
        return None
    after = m.end()
    while after < len(text) and text[after] in " \n“\"":
        after += 1
    # an ordinal list that starts right after the colon
    for start in range(after, min(after + 3, len(text))):
        run = run_starts.get(start)
        if run:
            return ListItems([(mk.start, mk.end) for mk in run], {len(run)}, True), "ordinal"
    end = _clause_end(text, after, stops="，,。；;！？!?\n")
    items = _items_from(text, after, end)
    if items is None:
        return None
    if text.startswith("等", end - 1) or "等" in text[items.spans[-1][0]:end]:
        items.tight = False  # A、B、C等: the list need not be complete
    return items, "after"


_HEAD_RUN = regex.compile(r"\p{Han}{2,4}")


@functools.lru_cache(maxsize=4096)
def _compiled(pattern: str) -> regex.Pattern:
    """``regex.compile`` for patterns built from the text (list heads), kept across documents."""
    return regex.compile(pattern)


@dataclass(slots=True)
class _DocLists:
    """Per-document memo of what :func:`_list_elsewhere` looks up for every label: the heads of
    all labels and their shorter forms lead to the same positions again."""

    text: str
    ending: dict[int, ListItems | None] = field(default_factory=dict)
    before_comma: set[str] | None = None  # the two characters before each 、
    # every start of a two-character head, overlapping ones too: the heads of one label (its word
    # cut to 4, 3 and 2 characters) and of other labels with the same first two characters are all
    # found among them, so the text is scanned once for the lot
    starts: dict[str, list[int]] = field(default_factory=dict)

    def occurrences(self, head: str) -> list[int]:
        """Where ``的?head`` matches, left to right without overlaps (a 的 right before the head is
        part of the match), as ``_compiled("的?" + head).finditer(text)`` would find them; ``head``
        holds two characters or more, and no 的."""
        text, size = self.text, len(head)
        starts = self.starts.get(head[:2])
        if starts is None:
            starts = self.starts[head[:2]] = []
            at = text.find(head[:2])
            while at >= 0:
                starts.append(at)
                at = text.find(head[:2], at + 1)
        out: list[int] = []
        pos = 0
        for at in starts:
            if at < pos or (size > 2 and not text.startswith(head, at)):
                continue  # inside the occurrence just taken (as str.find from its end), or another head
            out.append(at - 1 if at > pos and text[at - 1] == "的" else at)
            pos = at + size
        return out

    def list_ending_at(self, at: int) -> ListItems | None:
        """The 、 items of the clause that ends at ``at`` (None when it has no 、 list).
        Callers must not change the items returned."""
        if at not in self.ending:
            text = self.text
            if text.find("、", max(0, at - 120), at) < 0:
                self.ending[at] = None  # no 、 list can end here (the clause lies within 120 characters)
            else:
                self.ending[at] = _items_from(text, _clause_start(text, at), at)
        return self.ending[at]

    def comma_count(self, head: str) -> int:
        """How often ``head + "、"`` occurs (``head``: two characters or more)."""
        if self.before_comma is None:
            # the last two characters of every piece but the last: what stands right before each 、
            # (a piece shorter than two characters gives a key no Han head can equal)
            self.before_comma = {piece[-2:] for piece in self.text.split("、")[:-1]}
        if head[-2:] not in self.before_comma:
            return 0  # the common case, without scanning the text
        return self.text.count(head + "、")


def _list_elsewhere(text: str, m: regex.Match, n: int, lists: _DocLists) -> tuple[ListItems, str] | None:
    """The members named elsewhere in the document: 三大攻坚战 … 防范化解重大风险、精准脱贫、污染防治的攻坚战;
    “四个意识” … 政治意识、大局意识、核心意识、看齐意识. Only a list of exactly ``n`` is taken."""
    if m.group("cls") not in ("大", "个"):
        return None
    run = _HEAD_RUN.match(text, m.end())
    if not run:
        return None
    word = _HEAD_SEPARATOR.split(run.group())[0]
    label_end, ending = m.end(), lists.ending  # (looked up for every occurrence below)
    for size in range(min(len(word), 4), 1, -1):
        head = word[:size]
        # the pattern needs n-1 times "head、" (most heads have none): count before scanning with it
        if lists.comma_count(head) >= n - 1:
            shared = _compiled(r"(?:\p{Han}{1,6}" + head + r"、){%d}\p{Han}{1,6}" % (n - 1) + head)
            for hm in shared.finditer(text):
                if hm.start() <= m.start() < hm.end():
                    continue
                parts = hm.group().split("、")
                spans, pos = [], hm.start()
                for part in parts:
                    spans.append((pos, pos + len(part)))
                    pos += len(part) + 1
                spans[0] = _trim_lead(text, *spans[0])
                if len(spans) == n:
                    return ListItems(spans, {n}, False), "elsewhere"
        for at in lists.occurrences(head):
            if abs(at - label_end) <= size:
                continue  # the label itself
            items = ending[at] if at in ending else lists.list_ending_at(at)
            if items is not None and n in items.counts and items.spans[-1][1] == at:
                spans = list(items.spans_for(n))  # a copy: the memo keeps the items as found
                spans[0] = _trim_lead(text, *spans[0])
                return ListItems(spans, {n}, False), "elsewhere"
    return None


_HEAD_SENTENCE = regex.compile(r"[ \t\u3000#]*(?P<h>[^，,。：:\n]{2,24})[。：:]")


def _heads_after(text: str, pos: int, n: int) -> tuple[ListItems, str] | None:
    """Paragraph heads announced by a sentence ending in —— or ：(从3个方面…——⏎建设…。⏎完善…。)."""
    eol = text.find("\n", pos)
    if eol == -1 or eol - pos > 80:
        return None
    line_tail = text[pos:eol].rstrip()
    if not line_tail.endswith(("——", "：", ":")) or _SENTENCE_MARK.search(line_tail):
        return None
    heads: list[tuple[int, int]] = []
    at = eol
    while at < len(text) and len(heads) < 12:
        while at < len(text) and text[at] == "\n":
            at += 1
        m = _HEAD_SENTENCE.match(text, at)
        if not m:
            break
        heads.append(m.span("h"))
        nxt = text.find("\n", m.end())
        if nxt == -1:
            break
        at = nxt
    if len(heads) < 2:
        return None
    return ListItems(heads, {len(heads)} | ({n} if len(heads) > n else set()), False), "heads"


def _shared_head(text: str, m: regex.Match, n: int) -> tuple[ListItems, str] | None:
    """Items that share the head of a label (四链: 创新链、产业链…; 三端: 政府端…)."""
    head = m.group("cls")
    if head in ("大", "个", "类", "方面", "项", "提升", "管齐下"):
        return None
    pat = regex.compile(r"\p{Han}{2}" + regex.escape(head))
    for lo, hi in _nearby_sentences(text, m.start()):
        seen: dict[str, tuple[int, int]] = {}
        for im in pat.finditer(text, lo, hi):
            if im.start() <= m.end() and im.end() >= m.start():
                continue
            if "“" in im.group() or any(ch in CN_NUM for ch in im.group()[:1]):
                continue
            seen.setdefault(im.group(), im.span())
        if len(seen) >= 2:
            return ListItems(list(seen.values()), {len(seen)}, False), "head"
    return None


_LAST_SENT_END = regex.compile(r"(?r)[。；;！？!?\n]")  # _SENT_END searched backwards


def _nearby_sentences(text: str, pos: int) -> list[tuple[int, int]]:
    """The sentence around ``pos``, then the one before, then the one after (a sentence starts
    after the last end mark at most 600 or 400 characters back, else at 0)."""
    s_m = _LAST_SENT_END.search(text, max(0, pos - 600), pos)
    s = s_m.end() if s_m else 0
    e_m = _SENT_END.search(text, pos)
    e = e_m.end() if e_m else len(text)
    ps_m = _LAST_SENT_END.search(text, max(0, s - 400), max(0, s - 1))
    ps = ps_m.end() if ps_m else 0
    n_m = _SENT_END.search(text, e)
    ne = n_m.end() if n_m else len(text)
    return [(s, e), (ps, s), (e, ne)]


# ----- character counts ----------------------------------------------------------------------

_CHARS = regex.compile(r"(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2})字")
_QUOTE_BEFORE = regex.compile(r"“(?P<q>[^“”]{1,60})”(?:的)?$")
_QUOTE_AFTER = regex.compile(r"^(?:\p{Han}{0,6})?[：:]?“(?P<q>[^“”]{1,60})”")


_LABEL = regex.compile(r"“(?P<n>[两二三四五六七八九十])(?P<h>\p{Han})”")


def check_labels(ctx: DocContext) -> None:
    """A quoted label “六保” / “四链” against an 、 list whose items all start (or end) with its head."""
    text = ctx.text
    for m in _LABEL.finditer(text):
        n = cn_int(m.group("n"))
        head = m.group("h")
        if not n or n < 2:
            continue
        for lo, hi in _nearby_sentences(text, m.start()):
            best = None
            if text.find("、", lo, hi) < 0 or text.find(head, lo, hi) < 0:
                continue  # no 、 list in this sentence, or no item can start or end with the head
            for seg in _CLAUSE_RUN.finditer(text, lo, hi):
                items = _items_from(text, seg.start(), seg.end())
                if not items:
                    continue
                spans = [_strip_quotes(text, a, b) for a, b in items.spans]
                words = [text[a:b] for a, b in spans]
                # the first item may carry a leading verb (强化保居民就业): trim to the head
                first = words[0]
                k = first.find(head)
                if k > 0 and all(w.startswith(head) for w in words[1:]):
                    spans[0] = (spans[0][0] + k, spans[0][1])
                    words[0] = first[k:]
                if all(w.startswith(head) for w in words) or all(w.endswith(head) for w in words):
                    best = spans
                    break
            if best:
                label = ctx.span(m.start("n"), m.end("h"))
                spans = [label] + [ctx.span(a, b) for a, b in best]
                args = dict(stated=label.text, n=n, k=len(best))
                if len(best) == n:
                    ctx.add("enumeration_count", "consistent", spans, msg.zh("enum_ok", **args),
                            msg.en("enum_ok", **args), stated=str(n))
                else:
                    ctx.add("enumeration_count", "inconsistent", spans, msg.zh("enum_bad", **args),
                            msg.en("enum_bad", **args), stated=str(n), severity=STRUCTURE_SEVERITY,
                            reason="count mismatch")
                break


def check_char_counts(ctx: DocContext) -> None:
    """十二字 / 二字 against the characters of the quoted string next to it."""
    text = ctx.text
    if "字" not in text:
        return  # (every match of _CHARS ends with 字)
    for m in _CHARS.finditer(text):
        n = cn_int(m.group("n"))
        if not n:
            continue
        before = _QUOTE_BEFORE.search(text, max(0, m.start() - 64), m.start())
        qspan = None
        if before:
            qspan = before.span("q")
        else:
            after = _QUOTE_AFTER.search(text[m.end():m.end() + 80])
            if after:
                qspan = (m.end() + after.start("q"), m.end() + after.end("q"))
        if qspan is None:
            continue
        k = len(_HAN.findall(text, qspan[0], qspan[1]))
        spans = [ctx.span(*qspan), ctx.span(m.start(), m.end())]
        args = dict(stated=m.group(), n=n, k=k, quoted=text[qspan[0]:qspan[1]])
        if k == n:
            ctx.add("char_count", "consistent", spans, msg.zh("chars_ok", **args), msg.en("chars_ok", **args),
                    stated=str(n))
        else:
            ctx.add("char_count", "inconsistent", spans, msg.zh("chars_bad", **args),
                    msg.en("chars_bad", **args), stated=str(n), severity=STRUCTURE_SEVERITY,
                    reason="count mismatch")


# ----- respectively lists -----------------------------------------------------------------------

_RESP = regex.compile(r"分别")
_NUMBER = regex.compile(r"-?\d+(?:\.\d+)?(?:万亿|亿|万|千)?(?:个百分点|%|‰|倍)?")
_RESP_VERB = regex.compile(r"(?:提高|增加|上升|下降|降低|减少|扩大|缩小|增长)(?:到|至)")
_BYLINE = regex.compile(r"(?m)^[ \t]*[□■]\s*(?P<names>\p{Han}{2,4}(?:[ \t\u3000]+\p{Han}{2,4})*)[ \t]*$")


def check_respectively(ctx: DocContext, covered: set[tuple[int, int]] = frozenset()) -> None:  # type: ignore[assignment]
    """Subjects against values in 分别 lists (text-based; the binder's groups take precedence)."""
    text = ctx.text
    for m in _RESP.finditer(text):
        o_s, o_e = ctx.nt.span_to_original(m.start(), m.end() + 20)
        if any(a < o_e and o_s < b for a, b in covered):
            continue
        cs = _clause_start(text, m.start())
        ce = _clause_end(text, m.end(), stops="，,。；;！？!?\n）)")
        subj_seg = (cs, m.start())
        rest = (m.end(), ce)
        if text[cs:m.start()].rstrip().endswith(("作者", "作者单位")) or text[max(0, m.start() - 4):m.start()].endswith(
                ("作者", "作者单位")):
            _byline_respectively(ctx, m, rest)
            continue
        if not text[cs:m.start()].strip() and cs > 0:
            # 游客17.52亿人次、旅游花费1.27万亿元，分别增长32.9%、41.6%: subjects in the clause before
            pcs = _clause_start(text, cs - 1)
            subj = _subjects_with_figures(text, pcs, cs - 1)
        else:
            subj = _subjects(text, *subj_seg)
        if subj is None:
            continue
        values = _values(text, *rest)
        if len(values) < 2:
            continue
        k = len(values)
        spans = [ctx.span(a, b) for a, b in subj.spans_for(k)] + [ctx.span(a, b) for a, b in values]
        args = dict(n=min(subj.counts, key=lambda c: abs(c - k)), k=k)
        if k in subj.counts:
            ctx.add("respectively", "consistent", spans, msg.zh("resp_ok", **args), msg.en("resp_ok", **args))
        else:
            ctx.add("respectively", "inconsistent", spans, msg.zh("resp_bad", **args),
                    msg.en("resp_bad", **args), severity=STRUCTURE_SEVERITY, reason="count mismatch")


def _subjects(text: str, start: int, end: int) -> ListItems | None:
    seg = text[start:end]
    cut = seg.rfind("等")
    if cut > 0:
        end = start + cut
        seg = seg[:cut]
    if "、" in seg:
        items = _items_from(text, start, end)
        if items is not None and items.split is not None:
            a, b = items.spans[-1]
            if _AND.search(text, a + 1, b):
                # 分别 lists are written A、B和C: a 和 in the last item separates two subjects
                items.spans, items.counts = items.split, {len(items.split)}
        return items
    parts = [p for p in _AND.split(seg) if p]
    if len(parts) == 2:
        a = start
        spans = []
        for mm in _AND.finditer(seg):
            spans.append((a, start + mm.start()))
            a = start + mm.end()
            break
        spans.append((a, end))
        return ListItems(spans, {2}, True)
    return None


def _subjects_with_figures(text: str, start: int, end: int) -> ListItems | None:
    """The 、 items of a clause that each state a figure (A 17.52亿人次、B 1.27万亿元)."""
    items = _items_from(text, start, end)
    if items is None or not all(_NUMBER.search(text, a, b) for a, b in items.spans):
        return None
    items.counts = {len(items.spans)}
    items.split = None
    return items


def _values(text: str, start: int, end: int) -> list[tuple[int, int]]:
    seg = text[start:end]
    stop = end
    if seg.lstrip().startswith(("从", "由")):
        v = _RESP_VERB.search(text, start, end)
        if v:
            stop = v.start()
    return [mm.span() for mm in _NUMBER.finditer(text, start, stop)]


def _byline_respectively(ctx: DocContext, m: regex.Match, rest: tuple[int, int]) -> None:
    text = ctx.text
    seg_start = rest[0] + (1 if text[rest[0]:rest[0] + 1] in ("为", "系", "是") else 0)
    values = [(a, b) for a, b in _split_list(text, seg_start, rest[1])]
    if len(values) < 2:
        return
    byline = None
    for bm in _BYLINE.finditer(text, 0, m.start()):
        byline = bm
    spans = [ctx.span(m.start() - 2 if text[m.start() - 2:m.start()] == "作者" else m.start(), m.end())]
    if byline is None:
        spans += [ctx.span(a, b) for a, b in values]
        args = dict(n=0, k=len(values))
        ctx.add("respectively", "inconsistent", spans, msg.zh("resp_no_subjects", **args),
                msg.en("resp_no_subjects", **args), severity=STRUCTURE_SEVERITY,
                reason="the subjects (authors) of the list are not in the text")
        return
    names = [(byline.start("names") + nm.start(), byline.start("names") + nm.end())
             for nm in _NAME_RUN.finditer(byline.group("names"))]
    spans = [ctx.span(a, b) for a, b in names] + [ctx.span(a, b) for a, b in values]
    args = dict(n=len(names), k=len(values))
    if len(names) == len(values):
        ctx.add("respectively", "consistent", spans, msg.zh("resp_ok", **args), msg.en("resp_ok", **args))
    else:
        ctx.add("respectively", "inconsistent", spans, msg.zh("resp_bad", **args), msg.en("resp_bad", **args),
                severity=STRUCTURE_SEVERITY, reason="count mismatch")


def _split_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for piece in _NAME_SEPARATOR.split(text[start:end]):
        if piece.strip():
            out.append(_strip_quotes(text, pos, pos + len(piece)))
        pos += len(piece) + 1
    return out


# ----- part of whole, time ranges ----------------------------------------------------------------

_PART_OF = regex.compile(
    r"(?P<w>\d+(?:\.\d+)?)(?P<c>个|家|项|类|所|人|户|条)(?P<mid>[^，。；、\d]{1,12}?)中的?"
    r"(?P<p>\d+(?:\.\d+)?)(?P=c)")
_PART_OF_HINT = regex.compile(r"中的?\d")  # every match of _PART_OF holds this
# where a match of _RANGE can start (see ``matches_from``)
_RANGE_AT = re.compile(r"(?:19|20)\d\d\s*年?\s*[—–\-－~～至到]")
_RANGE = regex.compile(r"(?P<a>(?:19|20)\d{2})\s*(?:年)?\s*[—–\-－~～至到]{1,2}\s*(?P<b>(?:19|20)\d{2})\s*年")


def check_part_of_whole_text(ctx: DocContext) -> None:
    """41个工业大类中的39个: the part is not larger than the whole."""
    from decimal import Decimal

    if not _PART_OF_HINT.search(ctx.text):
        return  # (a quick scan for 中 first: most documents have no such figure)
    for m in _PART_OF.finditer(ctx.text):
        whole, part = Decimal(m.group("w")), Decimal(m.group("p"))
        spans = [ctx.span(m.start("w"), m.end("c")), ctx.span(m.start("p"), m.end())]
        share = (part / whole * 100).quantize(Decimal("0.1")) if whole else None
        args = dict(part=m.group("p"), whole=m.group("w"), share=share)
        if part <= whole:
            ctx.add("part_of_whole", "consistent", spans, msg.zh("pow_ok", **args), msg.en("pow_ok", **args),
                    formula="whole-part", inputs=[FormulaInput("part", m.group("p"), span=spans[1]),
                                                  FormulaInput("whole", m.group("w"), span=spans[0])],
                    tolerance="whole-part >= 0", computed=exact(whole - part), places=0)
        else:
            ctx.add("part_of_whole", "inconsistent", spans, msg.zh("pow_bad", **args), msg.en("pow_bad", **args),
                    formula="whole-part", inputs=[FormulaInput("part", m.group("p"), span=spans[1]),
                                                  FormulaInput("whole", m.group("w"), span=spans[0])],
                    tolerance="whole-part >= 0", computed=exact(whole - part), places=0)


def check_time_ranges(ctx: DocContext) -> None:
    """2023—2027年: the start year comes before the end year."""
    for m in matches_from(_RANGE, ctx.text, _RANGE_AT):
        a, b = int(m.group("a")), int(m.group("b"))
        spans = [ctx.span(*m.span())]
        args = dict(a=a, b=b, n=b - a + 1)
        if a < b:
            ctx.add("time_range", "consistent", spans, msg.zh("range_ok", **args), msg.en("range_ok", **args))
        else:
            ctx.add("time_range", "inconsistent", spans, msg.zh("range_bad", **args), msg.en("range_bad", **args),
                    severity="error")


_FOOTNOTE = regex.compile(r"[（(](?P<who>作者[^（）()]{0,80}?)[，,；;]\s*本文(?:为|系|是)(?P<what>[^（）()]{0,60}?)"
                          r"(?P<code>(?<![0-9A-Za-z])[0-9A-Za-z]{6,20}(?![0-9A-Za-z]))[^（）()]{0,20}[）)]")


def check_duplicate_identifiers(ctx: DocContext) -> None:
    """One project number credited in the footnotes of two articles by different authors."""
    seen: dict[str, list[regex.Match]] = {}
    if "本文" not in ctx.text:
        return  # (every footnote _FOOTNOTE reads says 本文为/系/是)
    for m in _FOOTNOTE.finditer(ctx.text):
        if _DIGIT.search(m.group("code")) and _LATIN_LETTER.search(m.group("code")):
            seen.setdefault(m.group("code"), []).append(m)
    for code, ms in seen.items():
        authors = {m.group("who") for m in ms}
        if len(ms) < 2 or len(authors) < 2:
            continue
        spans = [ctx.span(*m.span("code")) for m in ms]
        zh = f"同一项目编号{code}被标注为{len(ms)}篇不同作者文章的成果，请核实。"
        en = f"The same project number {code} is credited to {len(ms)} articles by different authors."
        ctx.add("duplicate_identifier", "inconsistent", spans, zh, en, severity=STRUCTURE_SEVERITY,
                reason="one identifier, different authors")


def check_structure(ctx: DocContext, covered: set[tuple[int, int]] | None = None) -> None:
    """Run every text-structure check on one document (``covered``: original spans of
    分别 lists the binder's groups already checked)."""
    runs = check_ordinals(ctx)
    check_discourse_pairs(ctx)
    check_enumerations(ctx, runs)
    check_labels(ctx)
    check_char_counts(ctx)
    check_respectively(ctx, covered or set())
    check_part_of_whole_text(ctx)
    check_time_ranges(ctx)
    check_duplicate_identifiers(ctx)
