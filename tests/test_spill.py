"""A run too large for its memory budget keeps its records on disk and gives the same result."""
from __future__ import annotations

import io
import pickle
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from extractor.checks import check_corpus, corpus_view
from extractor.model import InputError
from extractor.pipeline import analyse_paths, run
from extractor.render import dump_json, write_all
from extractor.render.html import _pick_shown_per_group
from extractor.spill import ENV_BUDGET, RecordStore, budget_bytes

REPORTS = Path(__file__).resolve().parent.parent / "bench" / "data"


@pytest.fixture(scope="module")
def docs(seeds_dir):
    return [d for d in analyse_paths([str(seeds_dir), str(REPORTS)]) if not isinstance(d, InputError)]


def _canonical(result) -> str:
    fh = io.StringIO()
    dump_json(result, fh)
    return fh.getvalue().replace(result.created, "CREATED")


def test_store_on_disk_reads_back_the_same_records(docs):
    memory, disk = RecordStore(budget=10**12), RecordStore(budget=0)
    for d in docs:
        memory.add(d.mentions, d.claims, d.findings, 3 * d.info.chars)
        disk.add(d.mentions, d.claims, d.findings, 3 * d.info.chars)
    assert not memory.spilled and disk.spilled
    for which in (0, 1, 2):
        mem, dsk = memory.view(which), disk.view(which)
        assert len(dsk) == len(mem) == sum(len((d.mentions, d.claims, d.findings)[which]) for d in docs)
        assert list(dsk) == list(mem)
        assert list(dsk) == list(dsk)  # a view can be read again (each pass reads the file)
        assert dsk[0] == mem[0] and dsk[-1] == mem[-1] and dsk[len(mem) // 2] == mem[len(mem) // 2]
        with pytest.raises(IndexError):
            dsk[len(mem)]
    # a claim's values come back as its document's mentions, with the binding they got
    first_doc_mentions, first_doc_claims = next(disk.records(0)), next(disk.records(1))
    assert all(cv.mention in first_doc_mentions for c in first_doc_claims for cv in c.values)
    disk.close()


def test_store_spills_when_the_budget_is_passed(docs):
    sizes = [3 * d.info.chars for d in docs]
    store = RecordStore(budget=sum(sizes[:2]))
    for d, size in zip(docs[:2], sizes):
        store.add(d.mentions, d.claims, d.findings, size)
    assert not store.spilled
    store.add(docs[2].mentions, docs[2].claims, docs[2].findings, sizes[2])
    assert store.spilled
    assert list(store.view(1)) == [c for d in docs[:3] for c in d.claims]


def test_budget_from_the_environment(monkeypatch):
    monkeypatch.setenv(ENV_BUDGET, "1.5")
    assert budget_bytes() == 1_500_000
    monkeypatch.setenv(ENV_BUDGET, "lots")
    with pytest.raises(ValueError, match=ENV_BUDGET):
        budget_bytes()


def test_run_on_disk_gives_the_same_reports(seeds_dir, tmp_path, monkeypatch):
    paths = [str(seeds_dir), str(REPORTS)]
    in_memory = run(paths)
    monkeypatch.setenv(ENV_BUDGET, "0")
    on_disk = run(paths)
    assert repr(on_disk.claim_list).endswith("on disk>") and repr(in_memory.claim_list).endswith("in memory>")
    assert repr(on_disk.finding_list).endswith("findings on disk>")
    assert _canonical(on_disk) == _canonical(in_memory)
    a, b = tmp_path / "a", tmp_path / "b"
    write_all(in_memory, a)
    on_disk.created = in_memory.created
    write_all(on_disk, b)
    for name in ("factsheet.html", "report.junit.xml", "report.sarif", "summary.md"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_corpus_checks_need_only_the_claims_they_keep(docs):
    """The corpus-wide findings from the kept claims equal those from every claim."""
    full = check_corpus(docs, None)
    slim = [corpus_view(d) for d in docs]
    assert sum(len(d.claims) for d in slim) < sum(len(d.claims) for d in docs) / 2
    assert full, "the reports and seeds share figures: the check must find something"
    assert [f.to_dict() for f in check_corpus(slim, None)] == [f.to_dict() for f in full]


def test_corpus_view_pickles_small(docs):
    slim = sum(len(pickle.dumps(corpus_view(d))) for d in docs)
    assert slim < sum(len(pickle.dumps(d)) for d in docs) / 2


def _pick_reference(items, group, limit, priority):
    grouped: dict = {}
    for x in items:
        grouped.setdefault(group(x), []).append(x)
    out = {}
    for g, members in grouped.items():
        if limit is None or len(members) <= limit:
            out[g] = members
            continue
        keep = set(sorted(range(len(members)), key=lambda i: (priority(members[i]), i))[:limit])
        out[g] = [x for i, x in enumerate(members) if i in keep]
    return out


@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 3)), max_size=40),
       st.one_of(st.none(), st.integers(0, 6)))
def test_pick_shown_per_group_keeps_the_first_by_priority(items, limit):
    items = [(g, p, i) for i, (g, p) in enumerate(items)]  # distinct items
    got = _pick_shown_per_group(items, lambda x: x[0], limit, lambda x: x[1])
    assert got == _pick_reference(items, lambda x: x[0], limit, lambda x: x[1])
