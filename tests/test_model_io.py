"""Outputs are written atomically with ordinary permissions; JSON numbers keep their written precision."""
from __future__ import annotations

import os
import stat

import pytest

from extractor.atomic import atomic_write


def test_failed_write_leaves_old_file(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as fh:
            fh.write("new, half written")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_written_file_is_not_private(tmp_path):
    target = tmp_path / "out.txt"
    with atomic_write(target) as fh:
        fh.write("x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_json_numbers_keep_written_precision():
    from decimal import Decimal

    from extractor.model import json_number

    assert repr(json_number(Decimal("8.0"))) == "8.0"
    assert json_number(Decimal("8840000000")) == 8840000000
    assert isinstance(json_number(Decimal("1.2E+12")), int)
    assert repr(json_number(Decimal("0.7"))) == "0.7"
    assert json_number([Decimal("2.81"), Decimal("1")]) == [2.81, 1]
