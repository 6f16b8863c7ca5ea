"""The Dask engine gives exactly the same claims and findings as the local engine."""
from __future__ import annotations

from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from extractor.distributed import run_dask  # noqa: E402
from extractor.pipeline import run  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "data"


def _comparable(result) -> dict:
    d = result.to_dict()
    d.pop("created")
    return d


def test_dask_matches_local(seeds_dir, tmp_path, monkeypatch):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00\xff")
    monkeypatch.chdir(CORPUS.parent.parent)  # relative paths must come back as given
    inputs = ["seeds", "bench/data", str(tmp_path), "no/such/file.txt"]
    local = run(inputs, jobs=1)
    with distributed.LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1,
                                  processes=False, protocol="tcp://", dashboard_address=None) as cluster:
        remote = run_dask(inputs, None, scheduler=cluster.scheduler_address, partition_size=2)
    assert len(remote.documents) == len(local.documents) > 5
    assert [c.to_dict() for c in remote.claim_list] == [c.to_dict() for c in local.claim_list]
    assert [f.to_dict() for f in remote.finding_list] == [f.to_dict() for f in local.finding_list]
    assert [e.to_dict() for e in remote.errors] == [e.to_dict() for e in local.errors]
    assert _comparable(remote) == _comparable(local)
