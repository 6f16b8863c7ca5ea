"""Rule packs: indicators, claim patterns with named slots, examples and declared checks.

A *rule pack* is a folder of TOML files (or one TOML file).  The shipped pack
lives in ``rules/`` at the top of the repository; users add their own packs
with ``--rules DIR`` (repeatable).  Later packs are layered on top of earlier
ones: an indicator, pattern or check with the same ``id`` replaces the earlier
one; inside one pack a repeated id is an error.

TOML was chosen over YAML because it is in the standard library (``tomllib``),
has no implicit typing surprises (``no`` stays a string) and its tables map
one-to-one onto the records below.  ``tomllib`` gives no line numbers, so the
loader scans the file text for table headers and keys to name the line of
every problem.

File contents (every table is optional; unknown keys are errors)::

    [pack]                       # name, version, description, timeout (seconds per match)
    [words]                      # word classes usable as slots: increase = ["增长", "增加"]
    [[indicator]]                # id, name, aliases, unit, dimension, growth, notes
    [[pattern]]                  # id, type, pattern, checks, priority, keywords,
                                 # indicator, qualifiers, nominal, subject_roles, period, notes
    [[pattern.example]]          # text, type, indicator, indicator_id, subject, period, values,
                                 # qualifiers, count
    [[pattern.counter]]          # text: a sentence this pattern must NOT produce a claim from
    [[check]]                    # id, type, total, parts, expression, share, whole, part,
                                 # tolerance, severity, message, message_en, claim_types

Slots
-----
A pattern is a ``regex`` pattern written over the *marked* sentence, in which
every recognised mention is replaced by one private-use character naming its
kind followed by filler characters (so offsets do not move).  Slots are
written in braces and compiled to groups:

``{amount:start}``
    exactly one recognised mention of kind ``amount``; it gets role ``start``.
    Kinds are the mention kinds (``amount``, ``percent``, ``count``, ``year``,
    ``quarter`` …) plus the classes ``number`` (any quantity), ``time`` (any
    time expression) and ``rate`` (percent or percentage points).  The role
    defaults to ``value`` for quantities and ``time`` for times.
``{indicator}`` / ``{items}`` / ``{subject}``
    a stretch of plain text (no mentions, no clause punctuation): the measured
    concept, a listed series (``A、B和C``), or a place/organisation.
``{increase}`` (any name defined in ``[words]``)
    one of the words of that class.

A slot may be followed by the usual regex quantifiers (``{subject}?``).
Brace quantifiers such as ``{1,3}`` are left alone.  Time slots with roles
``start``/``end`` date the claim (``2020/2022``); role ``base`` names a
comparison base (较“十三五”末).

Pattern keys: ``type`` is the claim type (level, change, growth, cagr, share,
part_of_whole, respectively, target, rank, count, multiple, pp_change;
``respectively`` patterns emit one claim per value, typed by the verb);
``checks`` the checks the claim implies; ``priority`` decides between
overlapping matches (higher wins); ``keywords`` are literal words of which at
least one must occur in the sentence (derived from the pattern when omitted;
one Aho-Corasick pass per document finds them); ``indicator`` a default
indicator id; ``qualifiers`` added to every claim (``expected``);
``nominal`` true/false for current/comparable prices; ``subject_roles`` the
roles the ``{subject}`` slot applies to (the others take the sentence's
subject); ``period`` a fixed period.

Declared checks (``RulePack.checks``)
-------------------------------------
Each ``[[check]]`` table becomes a :class:`DeclaredCheck` with ``id``, ``type``
(``sum`` | ``share`` | ``expression`` | ``ratio`` | ``difference``), ``fields``
(every other key of the table: ``total``, ``parts``, ``share``, ``whole``,
``part``, ``expression``, ``tolerance``, ``severity``, ``message``,
``message_en``, ``claim_types`` (which claim types may fill the names) …),
``file`` and ``line``.  Names used in ``total``/``parts``/
``expression`` are indicator ids; the consistency engine (``extractor.checks``)
looks up claims with those ``indicator_id``s in the same document and period.
"""
from __future__ import annotations

import functools
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import regex

from .model import QUANTITY_KINDS, TIME_KINDS, InputError

def _shipped_rules_dir() -> Path:
    """The shipped pack: ``rules/`` of the checkout (editable install), else the copy a wheel installs."""
    import sys

    here = Path(__file__).resolve().parent.parent / "rules"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "factsheet" / "rules"


SHIPPED_RULES = _shipped_rules_dir()
DEFAULT_TIMEOUT = 0.25  # seconds per pattern match
_MEMO_LIMIT = 100_000  # entries of a per-pack memo before it is emptied

CLAIM_TYPES = frozenset({
    "level", "change", "growth", "cagr", "share", "part_of_whole", "respectively", "target",
    "rank", "count", "multiple", "pp_change",
})
CHECK_TYPES = frozenset({"sum", "share", "expression", "ratio", "difference"})
MENTION_KINDS = sorted(QUANTITY_KINDS | TIME_KINDS)
KIND_CLASSES: dict[str, frozenset[str]] = {
    **{k: frozenset({k}) for k in MENTION_KINDS},
    "number": frozenset(QUANTITY_KINDS),
    "quantity": frozenset(QUANTITY_KINDS),
    "time": frozenset(TIME_KINDS),
    "rate": frozenset({"percent", "percentage_points"}),
}
TEXT_SLOTS = frozenset({"indicator", "items", "subject"})

# Every mention kind is marked by one private-use character; FILLER pads the rest of its span.
KIND_CHAR: dict[str, str] = {k: chr(0xE000 + i) for i, k in enumerate(MENTION_KINDS)}
CHAR_KIND: dict[str, str] = {v: k for k, v in KIND_CHAR.items()}
FILLER = "\ue0ff"
MARK_RANGE = "\ue000-\ue0ff"
# plain text inside one clause: no mention marks, no clause punctuation
_TEXT_RUN = f"[^{MARK_RANGE}，。；：！？,;:!?\\n]"

PACK_KEYS = {"name", "version", "description", "timeout"}
INDICATOR_KEYS = {"id", "name", "aliases", "unit", "dimension", "growth", "notes"}
INDICATOR_REQUIRED = ("id", "name")
PATTERN_KEYS = {"id", "type", "pattern", "checks", "priority", "keywords", "indicator",
                "qualifiers", "nominal", "subject_roles", "period", "notes", "example", "counter"}
PATTERN_REQUIRED = ("id", "type", "pattern")
EXAMPLE_KEYS = {"text", "type", "indicator", "indicator_id", "subject", "period", "values", "qualifiers", "count"}
COUNTER_KEYS = {"text"}
CHECK_KEYS = {"id", "type", "total", "parts", "expression", "share", "whole", "part",
              "tolerance", "severity", "message", "message_en", "period", "notes", "claim_types"}
CHECK_REQUIRED = ("id", "type")
TOP_KEYS = {"pack", "words", "indicator", "pattern", "check"}

_SLOT = regex.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_][A-Za-z0-9_]*))?\}")
_TOML_LINE = regex.compile(r"line (\d+)")
_HEADER = regex.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?\s*(?:#.*)?$")
_KEYLINE = regex.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


# ----------------------------------------------------------------------------------------
# records
# ----------------------------------------------------------------------------------------
@dataclass(slots=True)
class Indicator:
    """A measured concept with its names in the texts' own words."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    unit: str | None = None
    dimension: str | None = None
    growth: str | None = None  # "real" | "nominal" | None: how its growth rates are meant
    notes: str | None = None
    file: str = ""
    line: int | None = None

    def names(self) -> list[str]:
        """The name and every alias."""
        return [self.name, *self.aliases]


@dataclass(slots=True)
class SlotInfo:
    """One compiled slot: its group name, what it matches and the role it gives."""

    group: str
    name: str
    role: str | None
    kinds: frozenset[str] = frozenset()


@dataclass(slots=True)
class Example:
    """A sentence with the claim a pattern must produce (or, for counters, must not)."""

    text: str
    expect: dict[str, Any]
    negative: bool
    file: str
    line: int | None


@dataclass(slots=True)
class Pattern:
    """A claim pattern compiled from its slot template."""

    id: str
    claim_type: str
    source: str
    regex: Any
    slots: dict[str, SlotInfo]
    checks: list[str]
    priority: int
    keywords: list[str]
    kinds: frozenset[str]
    indicator: str | None = None
    qualifiers: list[str] = field(default_factory=list)
    nominal: bool | None = None
    subject_roles: list[str] | None = None
    period: str | None = None
    notes: str | None = None
    examples: list[Example] = field(default_factory=list)
    file: str = ""
    line: int | None = None
    source_line: int | None = None  # the line of its ``pattern =`` key
    # (kinds, n): a match holds at least n mentions of these kinds (see required_marks)
    required: tuple[tuple[frozenset[str], int], ...] = ()
    prefilter: Any = None  # a regex every sentence with a match contains (see sentence_prefilter)


@dataclass(slots=True)
class DeclaredCheck:
    """A check declared in a rule file; evaluated by ``extractor.checks``."""

    id: str
    type: str
    fields: dict[str, Any]
    file: str
    line: int | None


@dataclass
class RulePack:
    """All rules loaded from the shipped pack and user packs.

    ``patterns`` are in priority order (highest first).  ``errors`` list every
    problem found while loading, each with file, line and key.
    """

    packs: list[dict] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)
    checks: list[DeclaredCheck] = field(default_factory=list)
    words: dict[str, list[str]] = field(default_factory=dict)
    timeout: float = DEFAULT_TIMEOUT
    _cache: dict = field(default_factory=dict, repr=False)

    def word_list(self, name: str) -> list[str]:
        """The words of class ``name`` (empty when undefined)."""
        return self.words.get(name, [])

    def keyword_index(self):
        """(automaton or None, keyword list, patterns by keyword, patterns without keywords).

        Built once per pack: one Aho-Corasick pass per document finds every
        keyword, so only the patterns whose keyword occurs in a sentence run.
        """
        if "kw" not in self._cache:
            keywords: list[str] = []
            by_kw: dict[str, list[int]] = {}
            always: list[int] = []
            for i, p in enumerate(self.patterns):
                if not p.keywords:
                    always.append(i)
                for kw in p.keywords:
                    if kw not in by_kw:
                        by_kw[kw] = []
                        keywords.append(kw)
                    by_kw[kw].append(i)
            automaton = None
            if keywords:
                try:
                    import ahocorasick

                    automaton = ahocorasick.Automaton()
                    for j, kw in enumerate(keywords):
                        automaton.add_word(kw, j)
                    automaton.make_automaton()
                except ImportError:  # fall back to one compiled alternation
                    automaton = regex.compile("|".join(regex.escape(k) for k in
                                                       sorted(keywords, key=len, reverse=True)))
            self._cache["kw"] = (automaton, keywords, by_kw, always)
        return self._cache["kw"]

    def indicator_matcher(self):
        """A compiled alternation of every indicator name/alias (longest first) and its map to ids."""
        if "ind" not in self._cache:
            names: dict[str, str] = {}
            for ind in self.indicators.values():
                for n in ind.names():
                    if n and n not in names:
                        names[n] = ind.id
            if names:
                rx = regex.compile("|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True)))
            else:
                rx = None
            self._cache["ind"] = (rx, names)
        return self._cache["ind"]

    def indicator_id_for(self, phrase: str) -> str | None:
        """The id of the longest indicator name inside ``phrase`` (the leftmost of equally long ones).

        Memoised per pack (next to the matcher, and dropped with it): the same phrases come
        back in every document.
        """
        memo = self._cache.get("ind_id")
        if memo is None:
            memo = self._cache["ind_id"] = {}
        elif phrase in memo:
            return memo[phrase]
        rx, names = self.indicator_matcher()
        best = None
        if rx is not None:
            for m in rx.finditer(phrase, overlapped=True):
                if best is None or len(m.group()) > len(best):
                    best = m.group()
        found = names.get(best) if best else None
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()  # bounded: a long run over many documents must not grow it forever
        memo[phrase] = found
        return found

    def words_regex(self, name: str):
        """A compiled alternation of the words of class ``name`` (None when empty)."""
        key = ("w", name)
        if key not in self._cache:
            ws = self.word_list(name)
            self._cache[key] = (regex.compile("|".join(regex.escape(w) for w in sorted(ws, key=len, reverse=True)))
                                if ws else None)
        return self._cache[key]


# ----------------------------------------------------------------------------------------
# locating keys in TOML text
# ----------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Table:
    name: str
    line: int
    keys: dict[str, int]


def _scan_tables(text: str) -> list[_Table]:
    """Table headers in file order with the line of each key inside them."""
    tables = [_Table("", 1, {})]
    for n, raw in enumerate(text.splitlines(), start=1):
        m = _HEADER.match(raw)
        if m:
            tables.append(_Table(m.group(2), n, {}))
            continue
        k = _KEYLINE.match(raw)
        if k and k.group(1) not in tables[-1].keys:
            tables[-1].keys[k.group(1)] = n
    return tables


class _Locator:
    """Maps the n-th ``[[pattern]]`` / ``[[pattern.example]]`` … to its lines."""

    def __init__(self, text: str):
        self.tables = _scan_tables(text)

    def nth(self, name: str, n: int) -> _Table | None:
        seen = [t for t in self.tables if t.name == name]
        return seen[n] if n < len(seen) else None

    def children(self, parent: str, n: int, child: str) -> list[_Table]:
        """Tables named ``parent.child`` that follow the n-th ``parent`` table."""
        out: list[_Table] = []
        count = -1
        for t in self.tables:
            if t.name == parent:
                count += 1
                continue
            if count == n and t.name == f"{parent}.{child}":
                out.append(t)
            elif count > n and t.name == parent:
                break
        return out

    def line_of(self, table: _Table | None, key: str | None = None) -> int | None:
        if table is None:
            return None
        if key and key in table.keys:
            return table.keys[key]
        return table.line


# ----------------------------------------------------------------------------------------
# pattern compilation
# ----------------------------------------------------------------------------------------
def _kind_class(kinds: Iterable[str]) -> str:
    chars = "".join(sorted(KIND_CHAR[k] for k in kinds))
    return f"[{chars}]{FILLER}*"


def compile_template(source: str, words: dict[str, list[str]]) -> tuple[str, dict[str, SlotInfo], list[str]]:
    """Turn a slot template into a regex string; return (regex, slots by group, problems)."""
    slots: dict[str, SlotInfo] = {}
    problems: list[str] = []
    out: list[str] = []
    last = 0
    for i, m in enumerate(_SLOT.finditer(source)):
        name, role = m.group(1), m.group(2)
        out.append(source[last:m.start()])
        last = m.end()
        group = f"s{i}"
        if name in KIND_CLASSES:
            kinds = KIND_CLASSES[name]
            default_role = "time" if kinds <= TIME_KINDS else "value"
            slots[group] = SlotInfo(group, name, role or default_role, kinds)
            out.append(f"(?P<{group}>{_kind_class(kinds)})")
        elif name in TEXT_SLOTS:
            if role:
                problems.append(f"slot {{{name}:{role}}}: text slots take no role")
            slots[group] = SlotInfo(group, name, None)
            lo = 1 if name == "subject" else 0
            out.append(f"(?P<{group}>{_TEXT_RUN}{{{lo},40}}?)" if name != "items"
                       else f"(?P<{group}>[^{MARK_RANGE}，。；：！？,;:!?\\n]{{3,80}}?)")
        elif name in words:
            if not words[name]:
                problems.append(f"slot {{{name}}}: word class is empty")
            slots[group] = SlotInfo(group, name, role)
            alts = "|".join(regex.escape(w) for w in sorted(words[name], key=len, reverse=True)) or "(?!)"
            out.append(f"(?P<{group}>{alts})")
        else:
            problems.append(f"undefined slot {{{m.group(0)[1:-1]}}}")
            out.append("(?!)")
    out.append(source[last:])
    return "".join(out), slots, problems


_TEXT_CHARS = regex.compile(f"{_TEXT_RUN}+")
_LEADING_TEXT_SLOT = regex.compile(r"\{(?:indicator|subject|items)\}\??")
_OPTIONAL_WORD_SLOT = regex.compile(r"\(\?:\{([A-Za-z_][A-Za-z0-9_]*)\}\)\?")
_HAN_LITERALS = regex.compile(r"\(\?:(\p{Han}+(?:\|\p{Han}+)*)\)(?![?*]|\{\d*,)|(\p{Han})(?![?*]|\{\d*,)")


def leading_slot_guard(source: str, words: dict[str, list[str]]) -> str:
    """A lookahead that rejects, in one cheap scan, start positions a template beginning with a text
    slot cannot match from; ``""`` when the template has no such shape.

    ``{indicator}(?:{be})?{number}…`` is tried at every character, and each try walks the lazy
    text run up to 40 characters, testing the word class and the mention class at every step.
    Everything before the mention (or the literal: ``{indicator}(?:从|由)``) is plain clause text,
    so scanning that text up to the first character that is not plain text or is one of the
    characters the next element starts with must stop on such a character.  The lookahead is a
    necessary condition only: the matches stay the same.
    """
    pos = _after_leading_text(source, words)
    if pos is None:
        return ""
    slot = _SLOT.match(source, pos)
    if slot is not None and slot.group(1) in KIND_CLASSES:
        marks = "".join(sorted(KIND_CHAR[k] for k in KIND_CLASSES[slot.group(1)]))
        if _QUANTIFIED.match(source, slot.end()):
            return f"(?={_TEXT_RUN}*+[{marks}])"
        # the mention and what the template says right after it (…{number:end}[，,、]?(?:较|比)): most
        # text runs end in a mention the rest of the template does not follow
        return f"(?={_TEXT_RUN}*+[{marks}]{FILLER}*{_guard_continuation(source, slot.end())})"
    lit = _HAN_LITERALS.match(source, pos)
    if lit is None:
        return ""
    firsts = "".join(sorted({a[0] for a in (lit.group(1) or lit.group(2)).split("|")}))
    return f"(?=[^{MARK_RANGE}，。；：！？,;:!?\\n{firsts}]*+[{firsts}])"


_QUANTIFIED = regex.compile(r"[?*+]|\{\d*,?\d*\}")  # a quantifier (not a slot's brace)
# one plain element of a template: a character class, a group of Han literals, a Han character,
# each maybe made optional by one ?; or a kind or text slot
_GUARD_STEP = regex.compile(r"(?:\[(?:\\.|[^\]\\])+\]|\(\?:\p{Han}+(?:\|\p{Han}+)*\)|\p{Han}"
                            r"|\{([A-Za-z_][A-Za-z0-9_]*)(?::[A-Za-z_][A-Za-z0-9_]*)?\})(\?)?(?![?*+]|\{\d*,?\d*\})")


def _guard_continuation(source: str, pos: int) -> str:
    """The regex of the plain elements that follow ``pos`` in a template, up to the first other one.

    Kind slots become their mark class, ``{indicator}``/``{subject}`` their text run (no group
    names): a prefix of what every match must go on with, so a lookahead on it is a necessary
    condition.
    """
    out: list[str] = []
    while (step := _GUARD_STEP.match(source, pos)) is not None:
        name = step.group(1)
        if name is None:
            out.append(step.group())
        else:
            if name in KIND_CLASSES:
                piece = _kind_class(KIND_CLASSES[name])
            elif name in ("indicator", "subject"):
                piece = f"{_TEXT_RUN}{{{1 if name == 'subject' else 0},40}}?"
            else:
                break
            out.append(f"(?:{piece})?" if step.group(2) else piece)
        pos = step.end()
    return "".join(out)


def _after_leading_text(source: str, words: dict[str, list[str]]) -> int | None:
    """Where a template that opens with a text slot (and optional words of plain text,
    ``{indicator}(?:{be})?``) goes on; None for other templates."""
    m = _LEADING_TEXT_SLOT.match(source)
    if m is None:
        return None
    pos = m.end()
    while (opt := _OPTIONAL_WORD_SLOT.match(source, pos)) is not None:
        ws = words.get(opt.group(1))
        if not ws or not all(_TEXT_CHARS.fullmatch(w) for w in ws):
            return None
        pos = opt.end()
    return pos


def sentence_prefilter(source: str, words: dict[str, list[str]]) -> str:
    """A regex that every sentence holding a match contains, ``""`` when there is none to offer.

    For ``{indicator}(?:{be})?{number:end}[，,、]?(?:较|比)…`` it is the mention and what follows
    it (``[marks]…[，,、]?(?:较|比)``): searched once over a sentence, it spares the template's
    tries at every character of a sentence it cannot match in.
    """
    pos = _after_leading_text(source, words)
    slot = _SLOT.match(source, pos) if pos is not None else None
    if slot is None or slot.group(1) not in KIND_CLASSES or _QUANTIFIED.match(source, slot.end()):
        return ""
    return _kind_class(KIND_CLASSES[slot.group(1)]) + _guard_continuation(source, slot.end())


def _atom_end(source: str, i: int) -> tuple[int, Any] | None:
    """Where the escape, character class or slot that starts at ``source[i]`` ends, with the
    slot's match (None for an escape or class); None when something else starts there.

    The template walkers below step over these whole, so a ``(``, ``|`` or ``{`` inside one
    is never read as structure.
    """
    c = source[i]
    if c == "\\":
        return i + 2, None
    if c == "[":
        j = i + 1
        while j < len(source) and source[j] != "]":
            j += 2 if source[j] == "\\" else 1
        return j + 1, None
    if c == "{" and (m := _SLOT.match(source, i)):
        return m.end(), m
    return None


def _mandatory_alternatives(source: str, words: dict[str, list[str]]) -> list[list[str]]:
    """Word sets of the top-level groups every match must pass through: ``(?:{increase}|{decrease})``.

    A group counts when it is not followed by ``?``, ``*`` or ``{0,…}`` and every
    alternative inside it is a Han literal or a word-class slot.
    """
    out: list[list[str]] = []
    i, n, depth = 0, len(source), 0
    while i < n:
        if (atom := _atom_end(source, i)) is not None:
            i = atom[0]
            continue
        c = source[i]
        if c == "(":
            if depth == 0:
                close = _matching_paren(source, i)
                if close is None:
                    return out
                after = source[close + 1:close + 3]
                if not after[:1] or after[:1] not in "?*" and not after.startswith("{0"):
                    body = source[i + 1:close]
                    body = body[2:] if body.startswith("?:") else body
                    alts = _split_top(body)
                    kws: list[str] = []
                    for a in alts:
                        m = _SLOT.fullmatch(a)
                        if m and m.group(1) in words and not m.group(2):
                            kws.extend(words[m.group(1)])
                        elif a and all("\u4e00" <= ch <= "\u9fff" for ch in a):
                            kws.append(a)
                        else:
                            kws = []
                            break
                    if kws:
                        out.append(sorted(set(kws)))
                i = close + 1
                continue
            depth += 1
        elif c == ")":
            depth -= 1
        i += 1
    return out


_ZERO_OR_MORE = regex.compile(r"[?*]|\{0|\{,")


def required_marks(source: str) -> tuple[tuple[frozenset[str], int], ...]:
    """What mentions every match of a template must hold, as ``(kinds, n)`` pairs: at least ``n``
    mentions whose kind is one of ``kinds``.

    Counted are the kind slots written outside any group and not made optional
    (``{number:end}``, not ``{number}?`` or ``(?:{number})?``); each fills one mention.  A
    template with a top-level ``|`` requires nothing.  A necessary condition only, so the
    binder can skip a pattern on a sentence without enough mentions and find the same matches.
    """
    slots: list[frozenset[str]] = []
    i, n, depth = 0, len(source), 0
    while i < n:
        if (atom := _atom_end(source, i)) is not None:
            i, m = atom
            if m is not None and depth == 0 and m.group(1) in KIND_CLASSES \
                    and not _ZERO_OR_MORE.match(source, m.end()):
                slots.append(KIND_CLASSES[m.group(1)])
            continue
        c = source[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return ()
        i += 1
    return tuple((kinds, sum(1 for other in slots if other <= kinds)) for kinds in dict.fromkeys(slots))


def _matching_paren(s: str, i: int) -> int | None:
    """The index of the ``)`` that closes the ``(`` at ``s[i]`` (None when unclosed)."""
    depth = 0
    j = i
    while j < len(s):
        c = s[j]
        if c in "\\[":
            j = _atom_end(s, j)[0]  # type: ignore[index]
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return None


def _split_top(body: str) -> list[str]:
    parts, depth, cur, j = [], 0, [], 0
    while j < len(body):
        c = body[j]
        if c == "\\":
            cur.append(body[j:j + 2])
            j += 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        j += 1
    parts.append("".join(cur))
    return parts


def derive_keywords(source: str, words: dict[str, list[str]] | None = None) -> list[str]:
    """Literal Han words one of which every match of ``source`` must contain (the pre-filter).

    The longest literal run at nesting depth 0 (outside slots, not quantified,
    no top-level alternation) is enough; failing that, the alternatives of a
    mandatory top-level group of literals and word-class slots
    (``(?:{increase}|{decrease})`` → every increase and decrease word).
    """
    depth = 0
    runs: list[str] = []
    cur: list[str] = []
    i = 0
    s = _SLOT.sub("\x00", source)
    n = len(s)
    top_alt = False

    def flush(drop_last: bool = False) -> None:
        if drop_last and cur:
            cur.pop()
        if len(cur) >= 2:
            runs.append("".join(cur))
        cur.clear()

    while i < n:
        c = s[i]
        if c == "\\":
            flush()
            i += 2
            continue
        if c == "[":
            flush()
            j = i + 1
            while j < n and s[j] != "]":
                j += 2 if s[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            flush()
            depth += 1
        elif c == ")":
            flush()
            depth -= 1
        elif c == "|":
            flush()
            if depth == 0:
                top_alt = True
        elif c in "?*+{":
            flush(drop_last=True)
        elif depth == 0 and "\u4e00" <= c <= "\u9fff":
            cur.append(c)
        else:
            flush()
        i += 1
    flush()
    if top_alt:
        return []
    if runs:
        return [max(runs, key=len)]
    groups = _mandatory_alternatives(source, words or {})
    if not groups:
        return []
    # the most selective group: fewest words, then longest shortest word
    return min(groups, key=lambda g: (len(g) > 40, -min(len(w) for w in g), len(g)))


_GROUP_WITH_QUANT = r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)"
_NESTED_QUANT = regex.compile(_GROUP_WITH_QUANT + r"(?:[+*]|\{\d*,\})")
_ALT_GROUP_QUANT = regex.compile(r"\(((?:\?:)?)([^()]*\|[^()]*)\)[+*]")


def backtracking_risk(pattern_regex: str) -> str | None:
    """A reason when the pattern has a shape known to backtrack catastrophically, else None.

    Flags nested unbounded quantifiers such as ``(a+)+`` and repeated
    alternations whose branches can match the same text (``(a|aa)+``).
    """
    if _NESTED_QUANT.search(pattern_regex):
        return "nested unbounded quantifiers (e.g. (x+)+) can backtrack catastrophically"
    for m in _ALT_GROUP_QUANT.finditer(pattern_regex):
        alts = [a for a in m.group(2).split("|")]
        for a in alts:
            for b in alts:
                if a is not b and a and b and b.startswith(a):
                    return (f"repeated alternation ({m.group(2)}) with overlapping branches "
                            "can backtrack catastrophically")
    return None


# ----------------------------------------------------------------------------------------
# loading
# ----------------------------------------------------------------------------------------
def _rule_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.glob("*.toml") if p.is_file())
    return [path]


def _err(errors: list[InputError], path: Path | str, message: str, line: int | None = None,
         key: str | None = None, kind: str = "rule") -> None:
    errors.append(InputError(str(path), message, line, key, kind))


def _as_str_list(v: Any) -> list[str] | None:
    if isinstance(v, str):
        return [v]
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return list(v)
    return None


class _PackLoader:
    """Loads one pack (a folder or a file) into a RulePack, layering over earlier packs."""

    def __init__(self, pack: RulePack):
        self.pack = pack

    def load(self, path: Path) -> None:
        errors = self.pack.errors
        if not path.exists():
            _err(errors, path, "rule pack not found")
            return
        files = _rule_files(path)
        if not files:
            _err(errors, path, "rule pack has no .toml files")
            return
        digest = hashlib.sha256()
        meta: dict[str, Any] = {"name": path.stem if path.is_file() else path.name, "version": None}
        parsed: list[tuple[Path, dict, _Locator]] = []
        for f in files:
            try:
                raw = f.read_bytes()
                text = raw.decode("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                _err(errors, f, f"cannot read rule file: {exc}")
                continue
            digest.update(f.name.encode() + b"\0" + raw)
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                m = _TOML_LINE.search(str(exc))
                _err(errors, f, f"TOML syntax error: {exc}", int(m.group(1)) if m else None)
                continue
            parsed.append((f, data, _Locator(text)))
        # words and pack metadata first: patterns of any file may use any word class
        for f, data, loc in parsed:
            for key in data:
                if key not in TOP_KEYS:
                    t = next((t for t in loc.tables if t.name == key or t.name.startswith(key + ".")), None)
                    line = t.line if t else loc.tables[0].keys.get(key)
                    _err(errors, f, f"unknown top-level key '{key}' (expected one of {', '.join(sorted(TOP_KEYS))})",
                         line, key)
            self._pack_meta(f, data.get("pack"), loc, meta)
            self._words(f, data.get("words"), loc)
        seen: dict[tuple[str, str], tuple[str, int | None]] = {}
        for f, data, loc in parsed:
            self._indicators(f, data.get("indicator"), loc, seen)
        for f, data, loc in parsed:
            self._patterns(f, data.get("pattern"), loc, seen)
            self._checks(f, data.get("check"), loc, seen)
        self.pack.patterns.sort(key=lambda p: -p.priority)
        self.pack.packs.append({"name": meta["name"], "version": meta["version"], "path": str(path),
                                "sha256": digest.hexdigest()})

    # -- sections ---------------------------------------------------------------------------
    def _pack_meta(self, f: Path, table: Any, loc: _Locator, meta: dict) -> None:
        if table is None:
            return
        t = loc.nth("pack", 0)
        if not isinstance(table, dict):
            _err(self.pack.errors, f, "[pack] must be a table", loc.line_of(t), "pack")
            return
        for k in table:
            if k not in PACK_KEYS:
                _err(self.pack.errors, f, f"unknown key '{k}' in [pack]", loc.line_of(t, k), k)
        for k in ("name", "version", "description"):
            if k in table:
                meta[k] = str(table[k])
        if "timeout" in table:
            v = table["timeout"]
            if isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v <= 10:
                self.pack.timeout = float(v)
            else:
                _err(self.pack.errors, f, "timeout must be a number of seconds in (0, 10]",
                     loc.line_of(t, "timeout"), "timeout")

    def _words(self, f: Path, table: Any, loc: _Locator) -> None:
        if table is None:
            return
        t = loc.nth("words", 0)
        if not isinstance(table, dict):
            _err(self.pack.errors, f, "[words] must be a table of word lists", loc.line_of(t), "words")
            return
        for k, v in table.items():
            ws = _as_str_list(v)
            if ws is None:
                _err(self.pack.errors, f, f"word class '{k}' must be a list of strings", loc.line_of(t, k), k)
                continue
            if k in KIND_CLASSES or k in TEXT_SLOTS:
                _err(self.pack.errors, f, f"word class '{k}' shadows a built-in slot", loc.line_of(t, k), k)
                continue
            self.pack.words[k] = ws

    def _check_dupe(self, seen: dict, section: str, ident: str, f: Path, line: int | None) -> bool:
        key = (section, ident)
        if key in seen:
            pf, pl = seen[key]
            _err(self.pack.errors, f, f"duplicate {section} id '{ident}' (first defined at {pf}:{pl})", line, "id")
            return True
        seen[key] = (str(f), line)
        return False

    def _table_list(self, f: Path, section: str, value: Any) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            _err(self.pack.errors, f, f"'{section}' must be an array of tables ([[{section}]])", None, section)
            return []
        return value

    def _common(self, f: Path, section: str, item: Any, t: _Table | None, loc: _Locator,
                allowed: set[str], required: Sequence[str]) -> bool:
        errors = self.pack.errors
        if not isinstance(item, dict):
            _err(errors, f, f"[[{section}]] entry must be a table", loc.line_of(t), section)
            return False
        ok = True
        for k in item:
            if k not in allowed:
                _err(errors, f, f"unknown key '{k}' in [[{section}]] {item.get('id', '')}".rstrip(),
                     loc.line_of(t, k), k)
        for k in required:
            if k not in item or item[k] in ("", None):
                _err(errors, f, f"missing field '{k}' in [[{section}]] {item.get('id', '')}".rstrip(),
                     loc.line_of(t), k)
                ok = False
        if "id" in item and not isinstance(item["id"], str):
            _err(errors, f, "id must be a string", loc.line_of(t, "id"), "id")
            ok = False
        return ok

    def _indicators(self, f: Path, value: Any, loc: _Locator, seen: dict) -> None:
        for n, item in enumerate(self._table_list(f, "indicator", value)):
            t = loc.nth("indicator", n)
            if not self._common(f, "indicator", item, t, loc, INDICATOR_KEYS, INDICATOR_REQUIRED):
                continue
            if self._check_dupe(seen, "indicator", item["id"], f, loc.line_of(t, "id")):
                continue
            aliases = _as_str_list(item.get("aliases", []))
            if aliases is None:
                _err(self.pack.errors, f, "aliases must be a list of strings", loc.line_of(t, "aliases"), "aliases")
                aliases = []
            growth = item.get("growth")
            if growth not in (None, "real", "nominal"):
                _err(self.pack.errors, f, "growth must be \"real\" or \"nominal\"", loc.line_of(t, "growth"), "growth")
                growth = None
            self.pack.indicators[item["id"]] = Indicator(
                id=item["id"], name=str(item["name"]), aliases=aliases, unit=item.get("unit"),
                dimension=item.get("dimension"), growth=growth, notes=item.get("notes"),
                file=str(f), line=loc.line_of(t))
            self.pack._cache.pop("ind", None)
            self.pack._cache.pop("ind_id", None)

    def _patterns(self, f: Path, value: Any, loc: _Locator, seen: dict) -> None:
        errors = self.pack.errors
        for n, item in enumerate(self._table_list(f, "pattern", value)):
            t = loc.nth("pattern", n)
            if not self._common(f, "pattern", item, t, loc, PATTERN_KEYS, PATTERN_REQUIRED):
                continue
            pid = item["id"]
            if self._check_dupe(seen, "pattern", pid, f, loc.line_of(t, "id")):
                continue
            ctype = item["type"]
            if ctype not in CLAIM_TYPES:
                _err(errors, f, f"pattern {pid}: unknown claim type '{ctype}' "
                     f"(one of {', '.join(sorted(CLAIM_TYPES))})", loc.line_of(t, "type"), "type")
                continue
            source = item["pattern"]
            if not isinstance(source, str):
                _err(errors, f, f"pattern {pid}: pattern must be a string", loc.line_of(t, "pattern"), "pattern")
                continue
            rx_text, slots, problems = compile_template(source, self.pack.words)
            bad = False
            for p in problems:
                _err(errors, f, f"pattern {pid}: {p}", loc.line_of(t, "pattern"), "pattern")
                bad = True
            if not any(s.kinds for s in slots.values()):
                _err(errors, f, f"pattern {pid}: no mention slot (a claim needs at least one value)",
                     loc.line_of(t, "pattern"), "pattern")
                bad = True
            try:
                compiled = regex.compile(leading_slot_guard(source, self.pack.words) + rx_text)
                prefilter = sentence_prefilter(source, self.pack.words)
                prefilter = regex.compile(prefilter) if prefilter else None
            except regex.error as exc:
                _err(errors, f, f"pattern {pid}: regex does not compile: {exc}", loc.line_of(t, "pattern"), "pattern")
                continue
            risk = backtracking_risk(rx_text)
            if risk:
                # reported, but kept: every match runs under the timeout anyway
                _err(errors, f, f"pattern {pid}: {risk}", loc.line_of(t, "pattern"), "pattern")
            if bad:
                continue
            checks = _as_str_list(item.get("checks", []))
            if checks is None:
                _err(errors, f, f"pattern {pid}: checks must be a list of strings", loc.line_of(t, "checks"), "checks")
                checks = []
            keywords = item.get("keywords")
            if keywords is None:
                keywords = derive_keywords(source, self.pack.words)
            else:
                kws = _as_str_list(keywords)
                if kws is None:
                    _err(errors, f, f"pattern {pid}: keywords must be a list of strings",
                         loc.line_of(t, "keywords"), "keywords")
                    kws = []
                keywords = kws
            priority = item.get("priority", 50)
            if not isinstance(priority, int) or isinstance(priority, bool):
                _err(errors, f, f"pattern {pid}: priority must be an integer", loc.line_of(t, "priority"), "priority")
                priority = 50
            ind = item.get("indicator")
            if ind is not None and ind not in self.pack.indicators:
                _err(errors, f, f"pattern {pid}: unknown indicator id '{ind}'", loc.line_of(t, "indicator"),
                     "indicator")
                ind = None
            quals = _as_str_list(item.get("qualifiers", [])) or []
            roles = {s.role for s in slots.values() if s.kinds}
            subject_roles = item.get("subject_roles")
            if subject_roles is not None:
                subject_roles = _as_str_list(subject_roles)
                if subject_roles is None or not set(subject_roles) <= roles:
                    _err(errors, f, f"pattern {pid}: subject_roles must name roles of the pattern's slots "
                         f"({', '.join(sorted(r for r in roles if r))})", loc.line_of(t, "subject_roles"),
                         "subject_roles")
                    subject_roles = None
            nominal = item.get("nominal")
            if nominal is not None and not isinstance(nominal, bool):
                _err(errors, f, f"pattern {pid}: nominal must be true or false", loc.line_of(t, "nominal"), "nominal")
                nominal = None
            kinds = frozenset().union(*(s.kinds for s in slots.values() if s.kinds))
            pat = Pattern(
                id=pid, claim_type=ctype, source=source, regex=compiled, slots=slots, checks=checks,
                priority=priority, keywords=keywords, kinds=kinds, indicator=ind, qualifiers=quals,
                nominal=nominal, subject_roles=subject_roles, period=item.get("period"),
                notes=item.get("notes"), file=str(f), line=loc.line_of(t),
                source_line=loc.line_of(t, "pattern"), required=required_marks(source), prefilter=prefilter)
            pat.examples = self._examples(f, pid, n, item, loc)
            # a later pack replaces a pattern with the same id
            self.pack.patterns = [p for p in self.pack.patterns if p.id != pid]
            self.pack.patterns.append(pat)
            self.pack._cache.pop("kw", None)

    def _examples(self, f: Path, pid: str, n: int, item: dict, loc: _Locator) -> list[Example]:
        errors = self.pack.errors
        out: list[Example] = []
        for section, allowed, negative in (("example", EXAMPLE_KEYS, False), ("counter", COUNTER_KEYS, True)):
            tables = loc.children("pattern", n, section)
            value = item.get(section, [])
            if not isinstance(value, list):
                _err(errors, f, f"pattern {pid}: '{section}' must be an array of tables",
                     loc.line_of(loc.nth("pattern", n), section), section)
                continue
            # examples written inline (example = [{…}]) have no header: use the key's line
            inline = loc.nth("pattern", n)
            inline_line = loc.line_of(inline, section) if inline else None
            for k, ex in enumerate(value):
                t = tables[k] if k < len(tables) else (_Table(section, inline_line, {}) if inline_line else None)
                if not isinstance(ex, dict):
                    _err(errors, f, f"pattern {pid}: {section} {k + 1} must be a table", loc.line_of(t), section)
                    continue
                for key in ex:
                    if key not in allowed:
                        _err(errors, f, f"unknown key '{key}' in [[pattern.{section}]] of {pid}",
                             loc.line_of(t, key), key)
                if not isinstance(ex.get("text"), str) or not ex["text"]:
                    _err(errors, f, f"missing field 'text' in [[pattern.{section}]] of {pid}", loc.line_of(t), "text")
                    continue
                if not negative:
                    if "type" in ex and ex["type"] not in CLAIM_TYPES:
                        _err(errors, f, f"example of {pid}: unknown claim type '{ex['type']}'",
                             loc.line_of(t, "type"), "type")
                    if "values" in ex and not (isinstance(ex["values"], dict)
                                               and all(isinstance(v, (str, list)) for v in ex["values"].values())):
                        _err(errors, f, f"example of {pid}: values must map roles to texts",
                             loc.line_of(t, "values"), "values")
                        continue
                out.append(Example(ex["text"], {k: v for k, v in ex.items() if k != "text"}, negative,
                                   str(f), loc.line_of(t)))
        return out

    def _checks(self, f: Path, value: Any, loc: _Locator, seen: dict) -> None:
        errors = self.pack.errors
        for n, item in enumerate(self._table_list(f, "check", value)):
            t = loc.nth("check", n)
            if not self._common(f, "check", item, t, loc, CHECK_KEYS, CHECK_REQUIRED):
                continue
            cid = item["id"]
            if self._check_dupe(seen, "check", cid, f, loc.line_of(t, "id")):
                continue
            ctype = item["type"]
            if ctype not in CHECK_TYPES:
                _err(errors, f, f"check {cid}: unknown type '{ctype}' (one of {', '.join(sorted(CHECK_TYPES))})",
                     loc.line_of(t, "type"), "type")
                continue
            need = {"sum": ("total", "parts"), "share": ("share", "part", "whole"),
                    "expression": ("expression",), "ratio": ("part", "whole"),
                    "difference": ("total", "parts")}[ctype]
            missing = [k for k in need if k not in item]
            if missing:
                _err(errors, f, f"check {cid}: type {ctype} needs {', '.join(missing)}", loc.line_of(t), missing[0])
                continue
            names: list[str] = []
            for k in ("total", "share", "part", "whole"):
                if k in item:
                    if not isinstance(item[k], str):
                        _err(errors, f, f"check {cid}: {k} must be an indicator id", loc.line_of(t, k), k)
                    else:
                        names.append(item[k])
            if "parts" in item:
                parts = _as_str_list(item["parts"])
                if parts is None or not parts:
                    _err(errors, f, f"check {cid}: parts must be a non-empty list of indicator ids",
                         loc.line_of(t, "parts"), "parts")
                    continue
                names.extend(parts)
            if "expression" in item:
                expr = item["expression"]
                if not isinstance(expr, str) or not _valid_expression(expr):
                    _err(errors, f, f"check {cid}: expression may use indicator ids, numbers, + - * / ^ ( ) "
                         "and one comparison (==, <=, >=, <, >)", loc.line_of(t, "expression"), "expression")
                    continue
                names.extend(regex.findall(r"[A-Za-z_][A-Za-z0-9_]*", expr))
            unknown = [x for x in names if x not in self.pack.indicators and x not in ("SUM", "ABS", "MIN", "MAX")]
            if unknown:
                _err(errors, f, f"check {cid}: unknown indicator id(s) {', '.join(unknown)}", loc.line_of(t), "id")
                continue
            if "claim_types" in item:
                types = _as_str_list(item["claim_types"])
                if types is None or not set(types) <= CLAIM_TYPES:
                    _err(errors, f, f"check {cid}: claim_types must be a list of claim types "
                         f"({', '.join(sorted(CLAIM_TYPES))})", loc.line_of(t, "claim_types"), "claim_types")
                    continue
            tol = item.get("tolerance")
            if tol is not None and (isinstance(tol, bool) or not isinstance(tol, (int, float))):
                _err(errors, f, f"check {cid}: tolerance must be a number", loc.line_of(t, "tolerance"), "tolerance")
                continue
            sev = item.get("severity", "warning")
            if sev not in ("error", "warning", "info"):
                _err(errors, f, f"check {cid}: severity must be error, warning or info",
                     loc.line_of(t, "severity"), "severity")
                continue
            fields = {k: v for k, v in item.items() if k not in ("id", "type")}
            fields.setdefault("severity", sev)
            self.pack.checks = [c for c in self.pack.checks if c.id != cid]
            self.pack.checks.append(DeclaredCheck(cid, ctype, fields, str(f), loc.line_of(t)))


_EXPR = regex.compile(r"^[A-Za-z0-9_\s.+\-*/^()]+(?:(?:==|<=|>=|<|>)[A-Za-z0-9_\s.+\-*/^()]+)?$")


def _valid_expression(expr: str) -> bool:
    if not _EXPR.match(expr):
        return False
    depth = 0
    for c in expr:
        depth += (c == "(") - (c == ")")
        if depth < 0:
            return False
    return depth == 0


def _as_paths(value: Any) -> list[Path]:
    if value is None:
        return []
    if isinstance(value, (str, Path)):
        return [Path(value)]
    return [Path(v) for v in value]


def load_rules(extra: Iterable[str | Path] | str | Path = (), base: Any = None) -> RulePack:
    """Load the shipped rule pack (or ``base``: a path or list of paths) plus ``extra`` packs on top."""
    pack = RulePack()
    loader = _PackLoader(pack)
    bases = _as_paths(base) if base is not None else [SHIPPED_RULES]
    for p in bases + _as_paths(extra):
        loader.load(p)
    return pack


@functools.lru_cache(maxsize=1)
def default_rules() -> RulePack:
    """The shipped rule pack, loaded once per process."""
    return load_rules()


def _probe_texts(p: Pattern) -> list[str]:
    """Adversarial sentences for one pattern: long runs of its own literals and mention marks."""
    literals = "".join(dict.fromkeys(c for c in _SLOT.sub("", p.source) if "\u4e00" <= c <= "\u9fff"))
    marks = "".join(KIND_CHAR[k] + FILLER for k in sorted(p.kinds))
    probes = [c * 40 + marks for c in literals[:4]]
    probes.append(((literals[:6] or "的") + marks) * 12)
    return probes


def probe_backtracking(pack: RulePack, budget: float = 0.05) -> list[InputError]:
    """Run every pattern on adversarial probes; a probe that exceeds ``budget`` seconds is an error."""
    out: list[InputError] = []
    for p in pack.patterns:
        for text in _probe_texts(p):
            try:
                for _ in p.regex.finditer(text, timeout=budget):
                    pass
            except TimeoutError:
                out.append(InputError(p.file, f"pattern {p.id}: matching a {len(text)}-character probe took "
                                              f"more than {budget}s (catastrophic backtracking)",
                                      p.source_line or p.line, "pattern", "rule"))
                break
    return out


def check_rule_paths(paths: Any = None, extra: Iterable[str | Path] = ()) -> list[InputError]:
    """Validate rule files; every problem names file, line and key.

    ``paths=None`` validates the shipped pack; ``extra`` packs are layered on top.
    Besides the static checks of loading, every pattern is run on adversarial
    probes under a short timeout (see :func:`probe_backtracking`).
    """
    pack = load_rules(extra, base=paths)
    errors = list(pack.errors)
    flagged = {(e.path, e.line) for e in errors if "catastrophic" in e.message}
    errors += [e for e in probe_backtracking(pack) if (e.path, e.line) not in flagged]
    return errors


@dataclass
class RuleTestReport:
    """The outcome of running every pattern's examples."""

    lines: list[str] = field(default_factory=list)
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)
    summary: str = "0 examples"
    passed: int = 0


def _values_match(expected: Any, got: list[str]) -> bool:
    want = [expected] if isinstance(expected, str) else list(expected)
    return sorted(want) == sorted(got)


def run_example(pack: RulePack, pattern: Pattern, ex: Example) -> list[str]:
    """Problems of one example (empty when it passes); runs the real recogniser and binder."""
    from .bind import bind_claims
    from .normalise import normalise
    from .recognise import recognise

    nt = normalise(ex.text)
    mentions = recognise(nt, "example")
    claims, errs = bind_claims(nt, "example", mentions, pack)
    problems = [str(e) for e in errs]
    mine = [c for c in claims if c.rule == pattern.id]
    if ex.negative:
        if mine:
            problems.append(f"produced {len(mine)} claim(s) but must produce none: "
                            + "; ".join(f"{c.claim_type} {[cv.mention.text for cv in c.values]}" for c in mine))
        return problems
    want_count = ex.expect.get("count", 1)
    if not mine:
        got = "; ".join(f"{c.rule}:{c.claim_type}" for c in claims) or "no claims"
        kinds = ", ".join(f"{m.text}={m.kind}" for m in mentions) or "no mentions"
        return problems + [f"no claim from this pattern (got {got}; mentions: {kinds})"]
    if len(mine) != want_count:
        problems.append(f"expected {want_count} claim(s), got {len(mine)}")
    c = mine[0]
    if "type" in ex.expect and c.claim_type != ex.expect["type"]:
        problems.append(f"type {c.claim_type!r}, expected {ex.expect['type']!r}")
    for key in ("indicator", "subject"):
        if key in ex.expect:
            want, got = ex.expect[key], getattr(c, key)
            if not got or (want not in got and got not in want):
                problems.append(f"{key} {got!r}, expected {want!r}")
    if "indicator_id" in ex.expect and c.indicator_id != ex.expect["indicator_id"]:
        problems.append(f"indicator_id {c.indicator_id!r}, expected {ex.expect['indicator_id']!r}")
    if "period" in ex.expect and c.period != ex.expect["period"]:
        problems.append(f"period {c.period!r}, expected {ex.expect['period']!r}")
    for role, want in (ex.expect.get("values") or {}).items():
        got = [cv.mention.text.replace("\n", "") for cv in c.values if cv.role == role]
        if not _values_match(want, got):
            problems.append(f"role {role}: {got}, expected {want}")
    for q in ex.expect.get("qualifiers") or []:
        if q not in c.qualifiers:
            problems.append(f"qualifier {q!r} missing (got {c.qualifiers})")
    return problems


def test_rule_paths(paths: Any = None, extra: Iterable[str | Path] = ()) -> RuleTestReport:
    """Run the examples of every pattern (shipped pack, or ``paths``, plus ``extra``)."""
    pack = load_rules(extra, base=paths)
    report = RuleTestReport(errors=[e for e in pack.errors])
    total = 0
    for p in pack.patterns:
        for ex in p.examples:
            total += 1
            problems = run_example(pack, p, ex)
            where = f"{ex.file}:{ex.line}" if ex.line else ex.file
            tag = "counter" if ex.negative else "example"
            if problems:
                report.failed += 1
                report.lines.append(f"FAIL {where} [{p.id}] {tag}: {ex.text}")
                report.lines.extend(f"     - {x}" for x in problems)
            else:
                report.passed += 1
                report.lines.append(f"ok   {where} [{p.id}] {tag}")
    report.summary = (f"{total} examples, {report.passed} passed, {report.failed} failed"
                      + (f", {len(report.errors)} rule error(s)" if report.errors else ""))
    return report


# pytest must not collect the public function above as a test
test_rule_paths.__test__ = False  # type: ignore[attr-defined]


def describe(pack: RulePack) -> str:
    """A listing of packs, indicators, patterns and declared checks."""
    lines: list[str] = []
    for p in pack.packs:
        lines.append(f"pack {p['name']} {p['version'] or ''} ({p['path']}) sha256 {p['sha256'][:12]}")
    lines.append(f"\nindicators ({len(pack.indicators)}):")
    for ind in pack.indicators.values():
        extra = f" [{ind.unit or ind.dimension}]" if (ind.unit or ind.dimension) else ""
        al = f" = {'、'.join(ind.aliases)}" if ind.aliases else ""
        lines.append(f"  {ind.id:28s} {ind.name}{extra}{al}")
    lines.append(f"\npatterns ({len(pack.patterns)}):")
    for p in pack.patterns:
        kw = f" keywords={','.join(p.keywords)}" if p.keywords else ""
        lines.append(f"  {p.id:34s} {p.claim_type:13s} prio={p.priority:<4d} examples={len(p.examples)}{kw}")
        lines.append(f"      {p.source}")
    lines.append(f"\ndeclared checks ({len(pack.checks)}):")
    for c in pack.checks:
        lines.append(f"  {c.id:28s} {c.type:10s} {c.fields}")
    return "\n".join(lines)
