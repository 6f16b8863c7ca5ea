"""The process pool gives exactly the same records, in the same order, as one process."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.model import InputError
from extractor.parallel import analyse_parallel
from extractor.pipeline import analyse_paths, run

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "data"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, seeds_dir) -> list[str]:
    """Seeds, the bench reports, a binary file and a missing path, in a fixed order."""
    tmp = tmp_path_factory.mktemp("par")
    (tmp / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    (tmp / "gbk.txt").write_bytes("2023年全市粮食产量达到1080万吨，增长2.5%。".encode("gb18030"))
    return [str(seeds_dir), str(tmp), str(tmp / "missing.txt"), str(CORPUS)]


def _records(items) -> list:
    out = []
    for item in items:
        if isinstance(item, InputError):
            out.append(("error", item.path, item.message))
        else:
            out.append(("doc", item.info.to_dict(), [m.to_record() for m in item.mentions],
                        [c.to_dict() for c in item.claims], [f.to_dict() for f in item.findings],
                        [e.to_dict() for e in item.errors]))
    return out


def test_jobs2_equals_jobs1(inputs):
    one = _records(analyse_paths(inputs, jobs=1))
    two = _records(analyse_paths(inputs, jobs=2))
    assert [r[0] for r in one].count("error") == 2
    assert sum(len(r[2]) for r in one if r[0] == "doc") > 100
    assert two == one


def test_run_result_is_the_same(inputs):
    a = run(inputs, jobs=1).to_dict()
    b = run(inputs, jobs=2).to_dict()
    a.pop("created"), b.pop("created")
    assert a == b


def test_in_flight_is_bounded(seeds_dir):
    """The input is consumed lazily: never more than the window ahead of what was yielded."""
    files = sorted(str(p) for p in Path(seeds_dir).glob("*.txt")) * 3
    pulled = 0

    def lazy():
        nonlocal pulled
        for f in files:
            pulled += 1
            yield f

    seen = 0
    # batch_bytes=1: every document is a batch of its own, so the window counts documents
    for _ in analyse_parallel(lazy(), None, bind=True, check=True, jobs=2, in_flight=3, batch_bytes=1):
        seen += 1
        assert pulled - seen <= 3
    assert seen == len(files)


def test_batches_group_small_files_and_keep_order(inputs):
    from extractor.load import iter_input_files
    from extractor.parallel import _batches

    files = list(iter_input_files(inputs))
    batches = list(_batches(files, max_bytes=50_000, max_files=4))
    assert [f for b in batches for f in b] == [(n, None if p is None else str(p)) for n, p in files]
    assert all(len(b) <= 4 for b in batches) and len(batches) < len(files)
    one_each = _records(analyse_parallel(inputs, None, bind=True, check=True, jobs=2, batch_bytes=1))
    assert one_each == _records(analyse_paths(inputs, jobs=1))


def test_records_mode_gives_the_mention_records(inputs):
    """``as_records`` (what ``factsheet extract`` uses) carries exactly Mention.to_record()."""
    want = [[m.to_record() for m in d.mentions] for d in analyse_paths(inputs, jobs=1, check=False)
            if not isinstance(d, InputError)]
    for jobs in (1, 2):
        got = [d.records for d in analyse_paths(inputs, jobs=jobs, check=False, as_records=True)
               if not isinstance(d, InputError)]
        assert got == want
        assert sum(map(len, got)) > 100


def test_span_pickles_to_an_equal_span():
    import pickle

    from extractor.model import Span

    span = Span("a.txt", 3, 9, 2, 1, "增长6.1%")
    back = pickle.loads(pickle.dumps(span))
    assert back == span and hash(back) == hash(span) and type(back) is Span


def test_results_pickle_to_equal_results(seeds_dir):
    """Mentions, claims and findings travel as constructor calls and come back equal."""
    import pickle

    docs = [d for d in analyse_paths([str(seeds_dir)]) if not isinstance(d, InputError)]
    back = pickle.loads(pickle.dumps(docs, protocol=pickle.HIGHEST_PROTOCOL))
    assert _records(back) == _records(docs)
    claim = next(c for d in back for c in d.claims if len(c.values) > 1)
    # shared mentions stay shared: a claim's value is the document's mention object
    doc = next(d for d in back if claim in d.claims)
    assert any(cv.mention is m for cv in claim.values for m in doc.mentions)


def test_rare_full_collections_restores_the_thresholds():
    import gc

    from extractor.pipeline import rare_full_collections

    before = gc.get_threshold()
    with rare_full_collections(5000):
        assert gc.get_threshold()[2] == max(before[2], 5000)
        assert gc.get_threshold()[:2] == before[:2]
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), rare_full_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == before


def test_jsonl_mode_gives_the_records_as_text(inputs):
    """Workers encode the JSON Lines themselves; the text is what write_jsonl writes of the records."""
    import io

    from extractor.model import write_jsonl

    want = io.StringIO()
    count = 0
    for d in analyse_paths(inputs, jobs=1, check=False, as_records=True):
        if not isinstance(d, InputError):
            count += write_jsonl(d.records, want)
    for jobs in (1, 2):
        docs = [d for d in analyse_paths(inputs, jobs=jobs, check=False, as_records="jsonl")
                if not isinstance(d, InputError)]
        assert all(d.records is None and d.mentions == [] for d in docs)
        assert "".join(d.jsonl for d in docs) == want.getvalue()
        assert sum(d.n_records for d in docs) == count > 100
