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


def test_cli_engine_dask_writes_the_same_report(seeds_dir, tmp_path):
    import json

    from extractor.cli import main

    with distributed.LocalCluster(host="127.0.0.1", n_workers=1, threads_per_worker=2,
                                  processes=False, protocol="tcp://", dashboard_address=None) as cluster:
        rc_dask = main(["run", str(seeds_dir), "-o", str(tmp_path / "dask"), "--engine", "dask",
                        "--scheduler", cluster.scheduler_address, "--progress", "never"])
    rc_local = main(["run", str(seeds_dir), "-o", str(tmp_path / "local"), "--jobs", "1",
                     "--progress", "never"])
    assert rc_dask == rc_local
    reports = [json.loads((tmp_path / d / "report.json").read_text(encoding="utf-8")) for d in ("dask", "local")]
    for r in reports:
        r.pop("created")
    assert reports[0] == reports[1]
    assert reports[0]["claims"]
