"""Loading: every encoding path, binary, empty, missing and folders."""
from __future__ import annotations

import codecs

import pytest

from extractor.load import LoadError, decode_bytes, iter_input_files, load_file
from extractor.pipeline import iter_sources

TEXT = "重庆医疗装备产业规模达到120.4亿元，增长16.7%。\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
])
def test_encodings_are_detected(data, encoding):
    text, enc = decode_bytes(data, "x.txt")
    assert text == TEXT and enc == encoding


def test_files_on_disk(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    src = load_file(p)
    assert src.text == TEXT and src.encoding == "utf-16" and len(src.sha256) == 64


@pytest.mark.parametrize("data, fragment", [
    (b"", "empty"),
    (b"\x00\x01\x02\x03binary\x00" * 20, "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "UTF-8"),
    (b"   \n\t\n", "white space"),
])
def test_bad_files_raise_one_clear_error(tmp_path, data, fragment):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(LoadError) as exc:
        load_file(p)
    assert "bad.txt" in str(exc.value) and fragment in str(exc.value)


def test_missing_file_and_folder_walk(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("增长5%", encoding="utf-8")
    (tmp_path / "a.txt").write_text("增长6%", encoding="utf-8")
    (tmp_path / "c.bin").write_bytes(b"\x00\x00")
    (tmp_path / "empty.txt").write_bytes(b"")
    names = [n for n, _ in iter_input_files([tmp_path, tmp_path / "nope.txt"])]
    assert names[:3] == [str(tmp_path / "a.txt"), str(tmp_path / "empty.txt"), str(tmp_path / "sub" / "b.md")]
    items = list(iter_sources([str(tmp_path), str(tmp_path / "nope.txt")]))
    errors = [i for i in items if not hasattr(i, "text")]
    assert len(errors) == 2  # the empty file and the missing one; the run went on
    assert {e.path for e in errors} == {str(tmp_path / "empty.txt"), str(tmp_path / "nope.txt")}
