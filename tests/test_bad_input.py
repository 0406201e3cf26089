"""What the loader does with bad input: each case has one documented behaviour.

Every case either loads with a :class:`CorpusWarning` or raises a
:class:`CorpusError`; both name the file concerned and say what is wrong.
"""

from __future__ import annotations

import os
import warnings

import pandas as pd
import pytest

from helpers.errors import CorpusError, CorpusWarning
from helpers.load import load_corpus, read_metadata, read_text_file

SIMPLIFIED = "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，推动人大工作高质量发展。"
TRADITIONAL = "堅持以習近平新時代中國特色社會主義思想為指導，全面貫徹黨的二十大精神，推動人大工作高質量發展。"
GOOD = "坚持和完善人民代表大会制度，发展全过程人民民主。\n"


# ---------------------------------------------------------------- folders

def test_folder_does_not_exist(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(CorpusError, match="does not exist") as info:
        load_corpus(missing)
    assert "nowhere" in str(info.value)
    assert info.value.path == missing


def test_empty_folder(corpus_dir):
    with pytest.raises(CorpusError, match="no .txt files") as info:
        load_corpus(corpus_dir)
    assert "my_corpus" in str(info.value)


def test_folder_with_only_other_files_is_empty(write_doc, corpus_dir):
    write_doc("report.docx", b"PK\x03\x04")
    with pytest.raises(CorpusError, match="no .txt files"):
        load_corpus(corpus_dir)


def test_a_file_instead_of_a_folder(write_doc):
    path = write_doc("a.txt", GOOD)
    with pytest.raises(CorpusError, match="not a folder"):
        load_corpus(path)


# ---------------------------------------------------------------- bad files

def test_binary_file_named_txt(write_doc, corpus_dir):
    write_doc("good.txt", GOOD)
    write_doc("scan.txt", b"%PDF-1.7\n\x00\x01\x02\xff\xfe\x00binary\x00stuff" * 20)
    with pytest.raises(CorpusError, match="binary") as info:
        load_corpus(corpus_dir, clean=False)
    assert "scan.txt" in str(info.value)


def test_undecodable_file_without_nul_bytes(write_doc):
    path = write_doc("weird.txt", bytes(range(0x80, 0x100)) * 4 + b"\x81")
    with pytest.raises(CorpusError) as info:
        read_text_file(path)
    assert "weird.txt" in str(info.value)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf"], ids=["empty", "bom-only"])
def test_empty_file(write_doc, content):
    path = write_doc("empty.txt", content)
    with pytest.raises(CorpusError, match="empty") as info:
        read_text_file(path)
    assert "empty.txt" in str(info.value)


def test_whitespace_only_file(write_doc, corpus_dir):
    write_doc("blank.txt", " \n\t\u3000\r\n  \n")
    with pytest.raises(CorpusError, match="only whitespace") as info:
        load_corpus(corpus_dir, clean=False)
    assert "blank.txt" in str(info.value)


def test_html_saved_as_txt_is_stripped_with_a_warning(write_doc):
    html = (
        "<!DOCTYPE html><html><head><title>网页</title><style>p {color: red}</style></head>"
        f"<body><div class='nav'>首页</div><p>{SIMPLIFIED}</p><p>第二段。</p>"
        "<script>var x = 1;</script></body></html>"
    )
    path = write_doc("page.txt", html)
    with pytest.warns(CorpusWarning, match="HTML") as record:
        text, encoding = read_text_file(path)
    assert "page.txt" in str(record[0].message)
    assert SIMPLIFIED in text and "第二段。" in text
    assert "<p>" not in text and "var x" not in text and "color" not in text
    assert encoding == "utf-8"


def test_plain_text_mentioning_angle_brackets_is_not_html(write_doc):
    path = write_doc("a.txt", "《政府工作报告》中提出 a<b 和 <<十四五>> 规划。")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text, _ = read_text_file(path)
    assert text.startswith("《政府工作报告》")


def _large_single_line(tmp_path, megabytes: int):
    path = tmp_path / "big.txt"
    unit = SIMPLIFIED.encode("utf-8")
    path.write_bytes(unit * (megabytes * 1024 * 1024 // len(unit) + 1))  # one line, no newline
    return path


def test_large_single_line_file(tmp_path):
    path = _large_single_line(tmp_path, 5)
    text, encoding = read_text_file(path)
    assert encoding == "utf-8"
    assert "\n" not in text
    assert len(text.encode("utf-8")) == path.stat().st_size


def test_large_single_line_gb18030_file(tmp_path):
    path = tmp_path / "big_gb.txt"
    path.write_bytes((SIMPLIFIED * 40_000).encode("gb18030"))  # ≈ 3.7 MB, one line
    text, encoding = read_text_file(path)
    assert encoding == "gb18030" and text == SIMPLIFIED * 40_000


@pytest.mark.slow
def test_large_single_line_file_50mb(tmp_path):
    path = _large_single_line(tmp_path, 50)
    text, encoding = read_text_file(path)
    assert encoding == "utf-8" and len(text) > 16_000_000


def test_gb18030_truncated_mid_character(write_doc, corpus_dir):
    data = SIMPLIFIED.encode("gb18030")
    write_doc("cut.txt", data[:-1])  # "。" is two bytes: keep only its lead byte
    with pytest.raises(CorpusError, match="truncated in the middle of a multi-byte character") as info:
        load_corpus(corpus_dir, clean=False)
    assert "cut.txt" in str(info.value)
    assert "0xA1" in str(info.value)


def test_utf8_truncated_mid_character(write_doc):
    path = write_doc("cut8.txt", SIMPLIFIED.encode("utf-8")[:-1])
    with pytest.raises(CorpusError, match="truncated") as info:
        read_text_file(path)
    assert "cut8.txt" in str(info.value)


def test_nul_bytes_in_a_utf8_file(write_doc):
    path = write_doc("nul.txt", GOOD.encode("utf-8") + b"\x00\x00\x00" + GOOD.encode("utf-8")[:9] + b"\x00")
    with pytest.raises(CorpusError, match="NUL bytes") as info:
        read_text_file(path)
    assert "nul.txt" in str(info.value)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read files whatever their permissions")
def test_unreadable_file(write_doc, corpus_dir):
    path = write_doc("locked.txt", GOOD)
    path.chmod(0)
    try:
        with pytest.raises(CorpusError, match="permission denied") as info:
            load_corpus(corpus_dir, clean=False)
        assert "locked.txt" in str(info.value)
    finally:
        path.chmod(0o644)


# ---------------------------------------------------------------- encodings

ENCODED = {
    "utf8.txt": (SIMPLIFIED.encode("utf-8"), "utf-8", SIMPLIFIED),
    "utf8_bom.txt": (SIMPLIFIED.encode("utf-8-sig"), "utf-8-sig", SIMPLIFIED),
    "utf16le_bom.txt": (b"\xff\xfe" + (SIMPLIFIED + "\n").encode("utf-16-le"), "utf-16", SIMPLIFIED + "\n"),
    "utf16be_bom.txt": (b"\xfe\xff" + (SIMPLIFIED + "\n").encode("utf-16-be"), "utf-16", SIMPLIFIED + "\n"),
    "utf16le_nobom.txt": ((SIMPLIFIED + "\r\n").encode("utf-16-le"), "utf-16-le", SIMPLIFIED + "\r\n"),
    "utf16be_nobom.txt": ((SIMPLIFIED + "\n").encode("utf-16-be"), "utf-16-be", SIMPLIFIED + "\n"),
    "utf16le_nobom_nonul.txt": (SIMPLIFIED.encode("utf-16-le"), "utf-16-le", SIMPLIFIED),
    "gb18030.txt": ((SIMPLIFIED + "\r\n").encode("gb18030"), "gb18030", SIMPLIFIED + "\r\n"),
    "gbk.txt": (SIMPLIFIED.encode("gbk"), "gb18030", SIMPLIFIED),
    "big5.txt": ((TRADITIONAL + "\n").encode("big5"), "big5", TRADITIONAL + "\n"),
}


@pytest.mark.parametrize("name", list(ENCODED))
def test_each_encoding_decodes_to_the_sentence(write_doc, name):
    data, codec, expected = ENCODED[name]
    path = write_doc(name, data)
    assert read_text_file(path) == (expected, codec)


def test_mixed_encodings_in_one_folder(write_doc, corpus_dir):
    for name, (data, _, _) in ENCODED.items():
        write_doc(name, data)
    df = load_corpus(corpus_dir, clean=False).set_index("file")
    for name, (_, codec, expected) in ENCODED.items():
        assert df.loc[name, "encoding"] == codec, name
        assert df.loc[name, "raw"] == expected, name
    assert (df["raw"].str.strip().isin([SIMPLIFIED, TRADITIONAL])).all()


def test_short_big5_and_gb18030_texts_are_told_apart(write_doc):
    simplified = "发展全过程人民民主，坚持党的领导。"
    traditional = "發展全過程人民民主，堅持黨的領導。"
    assert read_text_file(write_doc("s.txt", simplified.encode("gb18030"))) == (simplified, "gb18030")
    assert read_text_file(write_doc("t.txt", traditional.encode("big5"))) == (traditional, "big5")


# ---------------------------------------------------------------- file names and links

def test_upper_case_txt_extension(write_doc, corpus_dir):
    write_doc("LOUD.TXT", GOOD)
    write_doc("Mixed.Txt", GOOD)
    write_doc("notes.docx", "not a document")  # .md is a document since issue 13
    df = load_corpus(corpus_dir, clean=False)
    assert df["file"].tolist() == ["LOUD.TXT", "Mixed.Txt"]
    assert df["doc_id"].tolist() == ["LOUD", "Mixed"]


def test_nested_sub_folders(write_doc, corpus_dir):
    write_doc("top.txt", GOOD)
    write_doc("2022/湖南/永州.txt", GOOD)
    write_doc("2022/重庆/a/b.txt", GOOD)
    df = load_corpus(corpus_dir, clean=False)
    assert df["doc_id"].tolist() == ["2022/湖南/永州", "2022/重庆/a/b", "top"]
    assert df["year"].tolist() == [pd.NA, pd.NA, pd.NA]  # the year must be in the file name itself


def test_hidden_files_and_checkpoints_are_skipped_with_a_warning(write_doc, corpus_dir):
    write_doc("a.txt", GOOD)
    write_doc(".ipynb_checkpoints/a-checkpoint.txt", GOOD)
    write_doc("._a.txt", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    with pytest.warns(CorpusWarning, match="hidden") as record:
        df = load_corpus(corpus_dir, clean=False)
    assert df["doc_id"].tolist() == ["a"]
    message = str(record[0].message)
    assert ".ipynb_checkpoints" in message and "._a.txt" in message
    assert {p["file"] for p in df.attrs["problems"]} == {".ipynb_checkpoints/ (1 .txt files)", "._a.txt"}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_symlink_pointing_outside_is_skipped_with_a_warning(tmp_path, write_doc, corpus_dir):
    outside = tmp_path / "secret.txt"
    outside.write_text(GOOD, encoding="utf-8")
    write_doc("a.txt", GOOD)
    (corpus_dir / "link.txt").symlink_to(outside)
    (corpus_dir / "inside_link.txt").symlink_to(corpus_dir / "a.txt")
    with pytest.warns(CorpusWarning, match="outside the corpus folder") as record:
        df = load_corpus(corpus_dir, clean=False)  # errors="raise": still only a warning
    assert "link.txt" in str(record[0].message)
    assert df["file"].tolist() == ["a.txt", "inside_link.txt"]
    assert df.attrs["problems"][0]["file"] == "link.txt"
    assert df.attrs["problems"][0]["action"] == "skipped"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_broken_symlink_is_skipped_with_a_warning(tmp_path, write_doc, corpus_dir):
    write_doc("a.txt", GOOD)
    (corpus_dir / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.warns(CorpusWarning, match="broken symbolic link.*|dangling.txt"):
        df = load_corpus(corpus_dir, clean=False)
    assert df["file"].tolist() == ["a.txt"]


# ---------------------------------------------------------------- metadata

def _meta(write_doc, text: str, encoding: str = "utf-8"):
    write_doc("a.txt", GOOD)
    write_doc("b.txt", GOOD)
    return write_doc("metadata.csv", text, encoding)


def test_metadata_with_bom(write_doc, corpus_dir):
    _meta(write_doc, "doc_id,file,title\nA,a.txt,甲\nB,b.txt,乙\n", "utf-8-sig")
    df = load_corpus(corpus_dir, clean=False)
    assert df["doc_id"].tolist() == ["A", "B"]
    assert df["title"].tolist() == ["甲", "乙"]


def test_metadata_in_gb18030(write_doc, corpus_dir):
    _meta(write_doc, "doc_id,file,title,province\nA,a.txt,政府工作报告,湖南省\nB,b.txt,讲话,重庆市\n", "gb18030")
    df = load_corpus(corpus_dir, clean=False)
    assert df["province"].tolist() == ["湖南省", "重庆市"]


@pytest.mark.parametrize("sep", [";", "\t"], ids=["semicolon", "tab"])
def test_metadata_delimiters(write_doc, corpus_dir, sep):
    rows = [["doc_id", "file", "title"], ["A", "a.txt", "甲，乙"], ["B", "b.txt", "丙"]]
    _meta(write_doc, "\n".join(sep.join(r) for r in rows) + "\n")
    df = load_corpus(corpus_dir, clean=False)
    assert df["title"].tolist() == ["甲，乙", "丙"]


def test_metadata_missing_required_column(write_doc, corpus_dir):
    path = _meta(write_doc, "name,title\na,甲\n")
    with pytest.raises(CorpusError, match="missing required column") as info:
        load_corpus(corpus_dir, clean=False)
    assert "metadata.csv" in str(info.value)
    assert "doc_id" in str(info.value) and "file" in str(info.value)
    assert info.value.path == path


def test_metadata_duplicate_doc_id(write_doc, corpus_dir):
    _meta(write_doc, "doc_id,file\nA,a.txt\nB,b.txt\nA,c.txt\n")
    with pytest.raises(CorpusError, match="duplicate doc_id") as info:
        load_corpus(corpus_dir, clean=False)
    message = str(info.value)
    assert "metadata.csv" in message and "'A'" in message and "rows 2, 4" in message


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2022-04-13", "2022-04-13", "day"),
        ("2022年4月13日", "2022-04-13", "day"),
        ("2022/4/13", "2022-04-13", "day"),
        ("2022.4.13", "2022-04-13", "day"),
        ("２０２２年４月１３日", "2022-04-13", "day"),
        ("2022年4月", "2022-04-01", "month"),
        ("2022-04", "2022-04-01", "month"),
        ("2022", "2022-01-01", "year"),
        ("", None, ""),
    ],
)
def test_metadata_dates(tmp_path, value, expected, precision):
    path = tmp_path / "metadata.csv"
    path.write_text(f"file,date\na.txt,{value}\n", encoding="utf-8")
    meta = read_metadata(path)
    if expected is None:
        assert pd.isna(meta.loc[0, "date"]) and pd.isna(meta.loc[0, "year"])
    else:
        assert meta.loc[0, "date"] == pd.Timestamp(expected)
        assert meta.loc[0, "year"] == 2022
    assert meta.loc[0, "date_precision"] == precision
    assert str(meta["date"].dtype) == "datetime64[s]"  # issue 14: any year (was [ns], which stops at 1677)


@pytest.mark.parametrize("value", ["sometime in spring", "2022-02-30", "13/04/2022", "二〇二二年"])
def test_metadata_nonsense_date(write_doc, corpus_dir, value):
    _meta(write_doc, f"doc_id,file,date\nA,a.txt,2022-01-01\nB,b.txt,{value}\n")
    with pytest.raises(CorpusError, match="row 3") as info:
        load_corpus(corpus_dir, clean=False)
    assert "metadata.csv" in str(info.value) and repr(value) in str(info.value)


@pytest.mark.parametrize("value", ["../outside.txt", "sub/../../outside.txt", "/etc/passwd"])
def test_metadata_file_outside_the_folder_is_refused(write_doc, corpus_dir, value):
    _meta(write_doc, f"doc_id,file\nA,a.txt\nX,{value}\n")
    with pytest.raises(CorpusError, match="refused") as info:
        load_corpus(corpus_dir, clean=False)
    assert "row 3" in str(info.value) and value in str(info.value)


def test_metadata_row_whose_file_is_missing(write_doc, corpus_dir):
    _meta(write_doc, "doc_id,file\nA,a.txt\nB,b.txt\nC,c.txt\n")
    with pytest.raises(CorpusError, match="does not exist") as info:
        load_corpus(corpus_dir, clean=False)
    assert "c.txt" in str(info.value) and "row 4" in str(info.value)


# ---------------------------------------------------------------- errors="collect"

def test_errors_collect_returns_good_documents_and_a_problems_table(write_doc, corpus_dir):
    write_doc("good.txt", GOOD)
    write_doc("gb.txt", SIMPLIFIED.encode("gb18030"))
    write_doc("empty.txt", b"")
    write_doc("binary.txt", b"\x00\x01\x02\x03" * 100)
    write_doc("cut.txt", SIMPLIFIED.encode("gb18030")[:-1])
    with pytest.warns(CorpusWarning, match="3 file\\(s\\) could not be loaded"):
        df = load_corpus(corpus_dir, clean=False, errors="collect")
    assert df["file"].tolist() == ["gb.txt", "good.txt"]
    problems = pd.DataFrame(df.attrs["problems"])
    assert list(problems.columns) == ["file", "problem", "action"]
    assert sorted(problems["file"]) == ["binary.txt", "cut.txt", "empty.txt"]
    assert (problems["action"] == "skipped").all()
    # nothing dropped silently: every file is in the corpus or in the problems
    on_disk = {p.name for p in corpus_dir.iterdir()}
    assert on_disk == set(df["file"]) | set(problems["file"])


def test_errors_collect_with_a_missing_metadata_file(write_doc, corpus_dir):
    _meta(write_doc, "doc_id,file\nA,a.txt\nB,b.txt\nC,c.txt\n")
    with pytest.warns(CorpusWarning, match="c.txt"):
        df = load_corpus(corpus_dir, clean=False, errors="collect")
    assert df["doc_id"].tolist() == ["A", "B"]
    assert df.attrs["problems"][0]["file"] == "c.txt"


def test_errors_warn_warns_per_file(write_doc, corpus_dir):
    write_doc("good.txt", GOOD)
    write_doc("empty.txt", b"")
    with pytest.warns(CorpusWarning, match="empty.txt"):
        df = load_corpus(corpus_dir, clean=False, errors="warn")
    assert df["file"].tolist() == ["good.txt"]


def test_errors_collect_with_nothing_loadable_returns_an_empty_corpus(write_doc, corpus_dir):
    write_doc("empty.txt", b"")
    with pytest.warns(CorpusWarning):
        df = load_corpus(corpus_dir, clean=False, errors="collect")
    assert len(df) == 0
    assert str(df["year"].dtype) == "Int64" and str(df["date"].dtype) == "datetime64[s]"


def test_errors_argument_is_checked(corpus_dir):
    with pytest.raises(ValueError, match="errors must be"):
        load_corpus(corpus_dir, errors="ignore")


def test_permission_error_is_reported_even_when_running_as_root(write_doc, corpus_dir, monkeypatch):
    from pathlib import Path

    write_doc("locked.txt", GOOD)
    real = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(CorpusError, match="permission denied") as info:
        load_corpus(corpus_dir, clean=False)
    assert "locked.txt" in str(info.value)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_symlinked_sub_folder_is_not_followed_but_reported(tmp_path, write_doc, corpus_dir):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.txt").write_text(GOOD, encoding="utf-8")
    write_doc("a.txt", GOOD)
    (corpus_dir / "linked").symlink_to(elsewhere, target_is_directory=True)
    with pytest.warns(CorpusWarning, match="linked/"):
        df = load_corpus(corpus_dir, clean=False)
    assert df["file"].tolist() == ["a.txt"]


def test_metadata_year_without_date_gives_a_year_precise_date(write_doc, corpus_dir):
    _meta(write_doc, "doc_id,file,year\nA,a.txt,1999\nB,b.txt,\n")
    df = load_corpus(corpus_dir, clean=False)
    assert df["date"].iloc[0] == pd.Timestamp("1999-01-01")
    assert df["date_precision"].tolist() == ["year", ""]


# ---------------------------------------------------------------- issue 14: bad bytes, special files, near-.txt names, HTML

def _report_text(lines: int = 150) -> str:
    """About 21 KB of report text on many lines, as a real document."""
    return "".join(f"第{i}条 {SIMPLIFIED}\n" for i in range(lines))


def _with_stray_byte(text: str, encoding: str = "utf-8") -> tuple[bytes, int]:
    """``text`` encoded, with one 0xFF byte inserted at a character boundary near the middle."""
    cut = text.index("\n", len(text) // 2) + 1
    head = text[:cut].encode(encoding)
    return head + b"\xff" + text[cut:].encode(encoding), len(head)


def test_one_stray_byte_is_located_not_called_binary(write_doc):
    # main said "binary or in an unsupported encoding" and nothing about where
    text = _report_text()
    data, offset = _with_stray_byte(text)
    assert len(data) > 20_000
    path = write_doc("stray.txt", data)
    with pytest.raises(CorpusError) as info:
        read_text_file(path)
    message = str(info.value)
    line = text[: text.index("\n", len(text) // 2) + 1].count("\n") + 1
    assert "stray.txt" in message and "binary" not in message
    assert f"byte offset {offset}" in message and f"line {line}" in message and ": FF" in message
    assert 'decode_errors="replace"' in message


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5"])
def test_one_stray_byte_can_be_replaced_and_counted(write_doc, encoding):
    text = _report_text() if encoding != "big5" else _report_text().replace(SIMPLIFIED, TRADITIONAL).replace("条", "條")
    data, offset = _with_stray_byte(text, encoding)
    path = write_doc("stray.txt", data)
    with pytest.warns(CorpusWarning, match=f"1 undecodable byte sequence as {encoding.upper()}.*offset {offset}"):
        got, codec = read_text_file(path, decode_errors="replace")
    assert codec == encoding
    cut = text.index("\n", len(text) // 2) + 1
    assert got == text[:cut] + "\ufffd" + text[cut:]  # nothing else lost


@pytest.mark.parametrize("kind", ["metadata", "lexicon"])
def test_a_stray_byte_in_a_metadata_or_lexicon_csv_is_located(write_doc, corpus_dir, kind):
    # the decoder they share with documents names the place; decode_errors="replace" is not offered, as
    # neither read_metadata nor load_lexicon takes it (merged from main: they said "binary" and no place)
    from helpers import load_lexicon

    rows = "".join(f"第{i}条{SIMPLIFIED[:6]},category,\n" for i in range(200))
    text = ("doc_id,file\n" + "".join(f"D{i},d{i}.txt\n" for i in range(200)) if kind == "metadata"
            else "term,category,variants\n" + rows)
    data, offset = _with_stray_byte(text)
    path = write_doc(f"{kind}.csv", data)
    with pytest.raises(CorpusError) as info:
        read_metadata(path) if kind == "metadata" else load_lexicon(path)
    message = str(info.value)
    assert f"{kind}.csv" in message and f"byte offset {offset}" in message and "binary" not in message
    assert "decode_errors" not in message and "Correct those bytes" in message


def test_load_corpus_replaces_bad_bytes_on_request_and_records_them(write_doc, corpus_dir):
    write_doc("good.txt", GOOD)
    write_doc("stray.txt", _with_stray_byte(_report_text())[0])
    with pytest.raises(CorpusError, match="byte offset"):
        load_corpus(corpus_dir)
    with pytest.warns(CorpusWarning, match="changed as they were read.*stray.txt"):
        corpus = load_corpus(corpus_dir, decode_errors="replace")
    assert corpus["doc_id"].tolist() == ["good", "stray"]
    assert corpus.set_index("doc_id").loc["stray", "raw"].count("\ufffd") == 1
    record = [p for p in corpus.attrs["problems"] if p["file"] == "stray.txt"]
    assert len(record) == 1 and record[0]["action"] == "loaded with replacement characters"
    assert record[0]["problem"].startswith("1 undecodable byte sequence as UTF-8")


def test_replacing_does_not_pass_binary_files_as_text(write_doc):
    path = write_doc("weird.txt", bytes(range(0x80, 0x100)) * 4 + b"\x81")
    with pytest.raises(CorpusError, match="binary"):
        read_text_file(path, decode_errors="replace")
    with pytest.raises(ValueError, match="decode_errors"):
        read_text_file(path, decode_errors="ignore")


def _finishes(code: str, timeout: float = 60):
    """Run ``code`` in a fresh interpreter: its CompletedProcess, or fail if it is still running after ``timeout``."""
    import subprocess
    import sys

    try:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {timeout} s (blocked on a named pipe?)")


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")


@needs_fifo
def test_a_named_pipe_is_refused_not_read_forever(corpus_dir):
    fifo = corpus_dir / "x.txt"
    os.mkfifo(fifo)
    done = _finishes(f"""
from helpers.errors import CorpusError
from helpers.load import read_text_file
try:
    read_text_file({str(fifo)!r})
except CorpusError as exc:
    print(exc)
""")
    assert "x.txt" in done.stdout and "named pipe" in done.stdout, done.stderr


@needs_fifo
def test_a_named_pipe_in_a_folder_is_skipped_and_recorded(write_doc, corpus_dir):
    write_doc("good.txt", GOOD)
    os.mkfifo(corpus_dir / "x.txt")
    done = _finishes(f"""
import warnings
warnings.simplefilter("ignore")
import helpers
corpus = helpers.load_corpus({str(corpus_dir)!r})
print(corpus["doc_id"].tolist(), corpus.attrs["problems"])
result = helpers.run_pipeline({str(corpus_dir)!r}, n_jobs=1, progress=False)
print(result.n_docs, result.problems)
""")
    lines = done.stdout.splitlines()
    assert len(lines) == 2, done.stderr
    assert lines[0].startswith("['good']") and "'file': 'x.txt'" in lines[0] and "named pipe" in lines[0]
    assert lines[1].startswith("1 ") and "'file': 'x.txt'" in lines[1] and "'action': 'skipped'" in lines[1]


def test_near_txt_names_are_left_out_and_recorded(write_doc, corpus_dir):
    # .md is a document since issue 13: notes.md is loaded, its backups are near names as a.txt.bak is
    for name in ("a.txt", "b.txt.bak", "c.TXT ", "d.text", "e.txt~", "notes.md", "metadata-notes.csv",
                 "f.md.bak", "g.MD~", "h.markdown.orig"):
        write_doc(name, GOOD)
    with pytest.warns(CorpusWarning, match="look like .txt"):
        corpus = load_corpus(corpus_dir)
    assert corpus["doc_id"].tolist() == ["a", "notes"]
    skipped = {p["file"]: p for p in corpus.attrs["problems"]}
    assert set(skipped) == {"b.txt.bak", "c.TXT ", "d.text", "e.txt~", "f.md.bak", "g.MD~", "h.markdown.orig"}
    assert all(p["action"] == "skipped" and "does not end in .txt" in p["problem"] for p in skipped.values())


PLAIN_WITH_TAGS = (
    "网页的段落用<p>标签表示，换行用<br>标签，链接用<a href>。\n"
    "若x<a时，收益y>b；反之收益y<b。\n"
) + GOOD * 5


@pytest.mark.parametrize("text", [PLAIN_WITH_TAGS, "一个句子讲<p>标签。", "x‹a时，收益y>b。<br>"],
                         ids=["many-lines", "one-line", "guillemet"])
def test_plain_text_mentioning_tags_is_never_shortened(write_doc, text):
    path = write_doc("tags.txt", text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got, _ = read_text_file(path)
    assert got == text


@pytest.mark.parametrize("page", [
    "<html><body><p>坚持党的领导。</p></body></html>",
    "<?xml version='1.0'?>\n<!-- saved -->\n<!DOCTYPE html>\n<html><p>坚持党的领导。</p></html>",
    "\n".join(f"<p>第{i}段：坚持党的领导。</p>" for i in range(12)),
], ids=["html-tag", "prologue", "fragment"])
def test_real_html_pages_are_stripped_and_recorded(write_doc, corpus_dir, page):
    write_doc("page.txt", page)
    with pytest.warns(CorpusWarning, match="HTML"):
        corpus = load_corpus(corpus_dir, clean=False)
    assert "<p>" not in corpus.loc[0, "raw"] and "坚持党的领导。" in corpus.loc[0, "raw"]
    assert [p["action"] for p in corpus.attrs["problems"]] == ["loaded without its HTML tags"]


def _common_words(n: int) -> list[str]:
    """The ``n`` most frequent words of two or three Han characters in jieba's dictionary."""
    from pathlib import Path

    import jieba

    words = []
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            word, count = line.split()[:2]
            if 2 <= len(word) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
                words.append((-int(count), word))
    return [w for _, w in sorted(words)[:n]]


def test_short_gb18030_and_big5_files_decode_both_ways(write_doc):
    # on main 633 of these 2000 one-word GB18030 files came back as Big5 (经济 → 冪撳) or UTF-8 (什么 → ʲô)
    import opencc

    s2t = opencc.OpenCC("s2t")
    from helpers.load.decode import decode_bytes

    for encoding, convert in (("gb18030", str), ("big5", s2t.convert)):
        wrong, total = [], 0
        for word in _common_words(2000):
            text = convert(word) + "\n"
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                continue
            total += 1
            if decode_bytes(data, "w.txt")[0] != text:
                wrong.append(text.strip())
        assert total > 1900
        assert len(wrong) <= total // 200, f"{encoding}: {len(wrong)} of {total} misread: {wrong[:20]}"
    assert read_text_file(write_doc("w.txt", "经济\n".encode("gb18030"))) == ("经济\n", "gb18030")


# ---------------------------------------------------------------- issue 14, section 4: the loader loses nothing

def _problems(df, action_start):
    return [p for p in df.attrs["problems"] if p["action"].startswith(action_start)]


@pytest.mark.parametrize(("text", "expected"), [
    ("doc_id,file,title\nA,a.txt,甲\nA2,./a.txt,乙\nB,b.txt,丙\n", ["metadata.csv", "duplicate file", "'a.txt' in rows 2, 3"]),
    ("doc_id,file\nb,a.txt\n", ["two documents", "a.txt", "b.txt"]),
    ("file,date,Date\na.txt,2022,2021\n", ["metadata.csv", "'date' and 'Date' are both the column 'date'"]),
], ids=["two-rows-one-file", "row-id-is-a-file-id", "two-headers-one-column"])
def test_metadata_that_would_lose_or_merge_documents_is_an_error(write_doc, corpus_dir, text, expected):
    _meta(write_doc, text)
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus_dir, clean=False)
    assert all(part in str(info.value) for part in expected), str(info.value)


@pytest.mark.parametrize("names", [("a.txt", "a.TXT"), ("caf\u00e9.txt", "cafe\u0301.txt"), ("a.txt", "a.Txt", "a.TXT")],
                         ids=["suffix-case", "nfc-nfd", "three"])
def test_doc_ids_stay_unique_when_file_names_differ_only_in_suffix_case_or_normalisation(write_doc, corpus_dir,
                                                                                          names):
    import unicodedata

    from helpers import count_slogans

    for i, name in enumerate(names):
        write_doc(name, "全过程人民民主。" * (i + 1))
    with pytest.warns(CorpusWarning, match="share a doc_id"):
        df = load_corpus(corpus_dir, clean=False)
    assert len(df) == len(names) and df["doc_id"].is_unique
    plain = unicodedata.normalize("NFC", names[0][:-4])
    assert df.loc[df["file"] == names[0], "doc_id"].item() == plain  # the .txt name in NFC keeps the plain id
    renamed = _problems(df, "doc_id")
    assert sorted(p["file"] for p in renamed) == sorted(names[1:])
    assert all(names[0] in p["problem"] for p in renamed)
    counts = count_slogans(df, ["全过程人民民主"]).set_index("doc_id")["count"]
    assert sorted(counts) == list(range(1, len(names) + 1))  # not merged into one document


def test_doc_id_suffix_skips_an_id_another_file_has(write_doc, corpus_dir):
    for name in ("a.txt", "a.TXT", "a~2.txt"):
        write_doc(name, GOOD)
    with pytest.warns(CorpusWarning, match="share a doc_id"):
        df = load_corpus(corpus_dir, clean=False)
    assert dict(zip(df["file"], df["doc_id"])) == {"a.txt": "a", "a.TXT": "a~3", "a~2.txt": "a~2"}


def test_a_metadata_row_matching_no_file_is_recorded_and_warned(write_doc, corpus_dir):
    _meta(write_doc, "doc_id,title\na,甲\nb,乙\nzzz,丙\n")
    with pytest.warns(CorpusWarning, match=r"1 metadata row\(s\) match no file.*row 4 \(doc_id 'zzz'\)"):
        df = load_corpus(corpus_dir, clean=False)
    assert df["title"].tolist() == ["甲", "乙"]
    unused = _problems(df, "metadata row not used")
    assert len(unused) == 1 and "zzz" in unused[0]["problem"] and unused[0]["file"].endswith("metadata.csv")


def test_a_doc_id_row_describes_one_file_only(write_doc, corpus_dir):
    """A row given by doc_id used to describe both a.txt and a.TXT."""
    write_doc("a.txt", GOOD)
    write_doc("a.TXT", GOOD)
    meta = pd.DataFrame({"doc_id": ["a"], "title": ["甲"]})
    with pytest.warns(CorpusWarning):
        df = load_corpus(corpus_dir, meta, clean=False)
    assert dict(zip(df["file"], df["title"])) == {"a.txt": "甲", "a.TXT": ""}


@pytest.mark.parametrize("header", ["file,Date,Province", "file, DATE , Province ", "file,Ｄａｔｅ,ＰＲＯＶＩＮＣＥ"],
                         ids=["title-case", "spaces", "full-width"])
def test_metadata_headers_in_any_case_are_read_and_reported(write_doc, corpus_dir, header):
    from helpers import slogan_trends

    write_doc("a.txt", "发展全过程人民民主。")
    write_doc("metadata.csv", f"{header}\na.txt,2022,湖南省\n")
    with pytest.warns(CorpusWarning, match="read as 'date'"):
        df = load_corpus(corpus_dir, clean=False)
    assert df["year"].tolist() == [2022] and df["province"].tolist() == ["湖南省"]
    assert list(df.columns) == [*df.columns[:19]]  # no extra column: both were recognised
    renamed = _problems(df, "columns renamed")
    assert len(renamed) == 1 and "'date'" in renamed[0]["problem"] and "'province'" in renamed[0]["problem"]
    assert slogan_trends(df, ["全过程人民民主"])["count"].tolist() == [1]


def test_unknown_metadata_columns_are_kept_and_named_once(write_doc, corpus_dir):
    write_doc("a.txt", GOOD)
    write_doc("b.txt", GOOD)
    write_doc("metadata.csv", "file,Datum,party\na.txt,2022,是\nb.txt,2021,否\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = load_corpus(corpus_dir, clean=False)
    named = [str(w.message) for w in caught if "not in the codebook" in str(w.message)]
    assert len(named) == 1 and "Datum, party" in named[0]
    assert df["Datum"].tolist() == ["2022", "2021"] and df["party"].tolist() == ["是", "否"]
    assert len(_problems(df, "kept as extra columns")) == 1
    assert all(w.filename == __file__ for w in caught)  # attributed to the caller's line


@pytest.mark.parametrize(("value", "expected", "precision"),
                         [("1644", "1644-01-01", "year"), ("1644年3月19日", "1644-03-19", "day"),
                          ("1644-03", "1644-03-01", "month"), ("644年", "0644-01-01", "year"),
                          ("2262-05-01", "2262-05-01", "day")])
def test_metadata_dates_of_any_year(write_doc, corpus_dir, value, expected, precision):
    _meta(write_doc, f"file,date\na.txt,{value}\nb.txt,2020\n")
    df = load_corpus(corpus_dir, clean=False)
    assert str(df["date"].dtype) == "datetime64[s]"
    stamp = df["date"].iloc[0]
    assert f"{stamp.year:04d}-{stamp.month:02d}-{stamp.day:02d}" == expected
    assert df["date_precision"].iloc[0] == precision
    assert df["year"].iloc[0] == int(expected[:4])


def test_metadata_year_before_1677_without_a_date(write_doc, corpus_dir):
    _meta(write_doc, "file,year\na.txt,1644\nb.txt,\n")
    df = load_corpus(corpus_dir, clean=False)
    assert df["date"].iloc[0].year == 1644 and df["date_precision"].iloc[0] == "year"
