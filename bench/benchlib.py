"""Shared helpers of the benchmark scripts: corpora, rule-pack duplication, the regex floor.

Nothing here is imported by the package; run the scripts in ``bench/`` instead.
"""
from __future__ import annotations

import hashlib
import json
import math
import shutil
import tomllib
from pathlib import Path
from typing import Any, Iterable

import regex

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SCRATCH = BENCH / "corpus"          # git-ignored
RESULTS = BENCH / "results"
SOURCE_DIRS = (REPO / "seeds", BENCH / "data")
MB = 1_000_000

# The floor: one pass of one compiled pattern for Arabic digits and Chinese numerals.
FLOOR_PATTERN = regex.compile(
    r"[0-9０-９〇零一二两三四五六七八九十百千万亿]+(?:[.．点][0-9０-９〇零一二三四五六七八九]+)?[%％‰]?"
)


def source_files(dirs: Iterable[Path] = SOURCE_DIRS) -> list[Path]:
    """The real documents the corpora are built from (seeds and the four reports), sorted."""
    files: list[Path] = []
    for d in dirs:
        files.extend(sorted(p for p in d.glob("*.txt") if p.is_file()))
    if not files:
        raise SystemExit(f"no source documents in {', '.join(map(str, dirs))}")
    return files


def build_corpus(size_mb: float, files: list[Path] | None = None, root: Path = SCRATCH,
                 name: str | None = None) -> Path:
    """A folder of whole documents, cycled from ``files``, totalling at least ``size_mb`` MB of UTF-8.

    Every copy is a separate file (``00042_<name>.txt``), as an archive of many
    documents would be.  The folder is reused when its manifest matches.
    """
    files = files or source_files()
    data = [(p.stem, p.read_bytes()) for p in files]
    target = int(size_mb * MB)
    digest = hashlib.sha256(b"".join(hashlib.sha256(b).digest() for _, b in data)).hexdigest()[:16]
    dest = root / (name or f"{size_mb:g}mb")
    manifest = dest / ".manifest.json"
    want = {"target_bytes": target, "sources": digest}
    if manifest.is_file() and json.loads(manifest.read_text()).get("key") == want:
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    total = 0
    n = 0
    while total < target:
        stem, raw = data[n % len(data)]
        (dest / f"{n:05d}_{stem}.txt").write_bytes(raw)
        total += len(raw)
        n += 1
    manifest.write_text(json.dumps({"key": want, "files": n, "bytes": total}))
    return dest


def corpus_stats(dest: Path) -> dict:
    """Files, UTF-8 bytes and characters of a built corpus."""
    files = sorted(dest.glob("*.txt"))
    nbytes = sum(p.stat().st_size for p in files)
    chars = sum(len(p.read_text(encoding="utf-8-sig")) for p in files)
    return {"files": len(files), "bytes": nbytes, "chars": chars}


# ----- rule-pack duplication ------------------------------------------------------------

def rule_files(rules_dir: Path = REPO / "rules") -> list[Path]:
    """The shipped rule files (``rules/**/*.toml``)."""
    return sorted(rules_dir.rglob("*.toml"))


def _collect_ids(node: Any, ids: set[str]) -> None:
    if isinstance(node, dict):
        v = node.get("id")
        if isinstance(v, str):
            ids.add(v)
        for x in node.values():
            _collect_ids(x, ids)
    elif isinstance(node, list):
        for x in node:
            _collect_ids(x, ids)


_IDENT = regex.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_EXPRESSION_KEYS = frozenset({"expression"})
_PATTERN_KEYS = frozenset({"pattern"})
_NOOP = "(?:)"  # an empty group: same matches, different pattern text


def _rename(node: Any, ids: set[str], suffix: str, key: str | None = None, noops: int = 0) -> Any:
    """Copy of ``node`` where every id gets ``suffix``, and so does every reference to one.

    A reference is a string equal to an id (``indicator = "gdp"``, ``parts = [...]``)
    or an identifier inside an ``expression``.  Every ``pattern`` gets ``noops``
    empty groups appended, so a copy matches exactly what the original matches
    but is not the same pattern text (a matcher that caches by pattern text
    must still run each copy).
    """
    if isinstance(node, dict):
        return {k: _rename(v, ids, suffix, k, noops) for k, v in node.items()}
    if isinstance(node, list):
        return [_rename(x, ids, suffix, key, noops) for x in node]
    if isinstance(node, str):
        if node in ids:
            return node + suffix
        if key in _EXPRESSION_KEYS:
            return _IDENT.sub(lambda m: m.group() + suffix if m.group() in ids else m.group(), node)
        if key in _PATTERN_KEYS:
            return node + _NOOP * noops
    return node


def _rename_pack(doc: dict, ids: set[str], suffix: str, noops: int = 0) -> dict:
    out = _rename(doc, ids, suffix, noops=noops)
    pack = out.get("pack")
    if isinstance(pack, dict) and isinstance(pack.get("name"), str):
        pack["name"] = pack["name"] + suffix
    return out


def duplicate_rules(times: int, dest: Path, rules_dir: Path = REPO / "rules") -> Path | None:
    """Write ``times - 1`` renamed copies of the shipped rule pack into ``dest``.

    Loaded on top of the shipped pack (``load_rules([dest])``) this gives a pack
    with ``times`` × the rules: every table with an ``id`` is copied under
    ``<id>__xK`` and references to ids inside the copy are renamed with it;
    each copied pattern matches the same text under a different pattern text.
    Returns None for ``times == 1``.
    """
    if times <= 1:
        return None
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    files = rule_files(rules_dir)
    ids: set[str] = set()
    docs = []
    for f in files:
        doc = tomllib.loads(f.read_text(encoding="utf-8"))
        _collect_ids(doc, ids)
        docs.append((f, doc))
    for k in range(2, times + 1):
        for f, doc in docs:
            rel = f.relative_to(rules_dir)
            out = dest / rel.parent / f"{rel.stem}__x{k}.toml"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(dump_toml(_rename_pack(doc, ids, f"__x{k}", noops=k - 1)), encoding="utf-8")
    return dest


# ----- a small TOML writer (enough for rule files: tables, arrays of tables, scalars) ----

def _scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_scalar(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_scalar(x)}" for k, x in v.items()) + "}"
    if hasattr(v, "isoformat"):
        return v.isoformat()
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _key(k: str) -> str:
    return k if regex.fullmatch(r"[A-Za-z0-9_-]+", k) else json.dumps(k, ensure_ascii=False)


def _is_table_array(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def _emit(table: dict, prefix: list[str], out: list[str]) -> None:
    for k, v in table.items():
        if not isinstance(v, dict) and not _is_table_array(v):
            out.append(f"{_key(k)} = {_scalar(v)}")
    for k, v in table.items():
        path = prefix + [_key(k)]
        if isinstance(v, dict):
            out.append(f"\n[{'.'.join(path)}]")
            _emit(v, path, out)
        elif _is_table_array(v):
            for item in v:
                out.append(f"\n[[{'.'.join(path)}]]")
                _emit(item, path, out)


def dump_toml(doc: dict) -> str:
    """Serialise a parsed TOML document back to TOML text."""
    out: list[str] = []
    _emit(doc, [], out)
    return "\n".join(out).lstrip("\n") + "\n"
