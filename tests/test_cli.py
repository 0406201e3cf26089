"""Tests for the command line: ``python -m helpers clean FILE`` and ``report``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import paths
from helpers.__main__ import main

PROJECT = Path(__file__).resolve().parents[1]
CHONGQING = paths.SEEDS_DIR / "2024-04-25_chongqing_meeting-readout.txt"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}
    environment.pop("PYTHONUTF8", None)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "helpers", *args], cwd=PROJECT, env=environment,
                          capture_output=True, timeout=120)


def test_clean_utf8_file_prints_utf8_whatever_the_locale(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("\u3000\u3000會議傳達(dá)學(xué)習(xí)了講話精神,要求全面落實。\r\n", encoding="utf-8")
    result = run("clean", str(doc))
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8") == "会议传达学习了讲话精神，要求全面落实。\n"
    assert result.stderr == b""


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_clean_other_encodings(tmp_path, encoding):
    doc = tmp_path / f"doc-{encoding}.txt"
    doc.write_bytes("坚持以人民为中心的发展思想,推进全过程人民民主。".encode(encoding))
    result = run("clean", str(doc))
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8") == "坚持以人民为中心的发展思想，推进全过程人民民主。\n"


def test_clean_bundled_document_with_and_without_errata():
    with_errata = run("clean", str(CHONGQING))
    without = run("clean", str(CHONGQING), "--no-errata")
    assert with_errata.returncode == without.returncode == 0
    assert "全过程人民民主市域实践" in with_errata.stdout.decode("utf-8")
    assert "全过程人民民主市域实践" not in without.stdout.decode("utf-8")


def test_clean_report_goes_to_stderr(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("傳達(dá)學(xué)習(xí)", encoding="utf-8")
    result = run("clean", str(doc), "--report")
    assert result.returncode == 0
    assert result.stdout.decode("utf-8") == "传达学习\n"
    report = result.stderr.decode("utf-8")
    assert "remove_pinyin_annotations" in report and "mojibake_detected" in report


@pytest.mark.parametrize("make", ["missing", "binary", "folder"])
def test_clean_bad_file_exits_2_without_traceback(tmp_path, make):
    target = tmp_path / f"{make}.txt"
    if make == "binary":
        target.write_bytes(bytes(range(256)) * 4)
    elif make == "folder":
        target.mkdir()
    result = run("clean", str(target))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert f"{make}.txt" in stderr
    assert "Traceback" not in stderr
    assert result.stdout == b""


def test_usage_errors_exit_2():
    assert run().returncode == 2
    assert run("clean").returncode == 2
    assert run("no-such-command").returncode == 2


def test_main_in_process(tmp_path, capsysbinary):
    doc = tmp_path / "doc.txt"
    doc.write_bytes("傳達(dá)".encode("gb18030"))
    assert main(["clean", str(doc)]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == "传达\n"
    assert main(["clean", str(tmp_path / "nope.txt")]) == 2
    assert b"nope.txt" in capsysbinary.readouterr().err


def test_report_subcommand_calls_build_report(monkeypatch, tmp_path, capsysbinary):
    import helpers.report

    calls = []

    def fake_build_report():
        calls.append(True)
        return tmp_path / "index.html"

    monkeypatch.setattr(helpers.report, "build_report", fake_build_report)
    assert main(["report"]) == 0
    assert calls == [True]
    assert b"index.html" in capsysbinary.readouterr().out


# --------------------------------------------------------------------------- issue 14: special files and bad bytes

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_clean_a_named_pipe_exits_2_instead_of_waiting_forever(tmp_path):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    try:
        result = run("clean", str(fifo))  # main waited here for a writer that never came
    except subprocess.TimeoutExpired:
        pytest.fail("python -m helpers clean blocked on a named pipe")
    assert result.returncode == 2
    assert "x.txt" in result.stderr.decode("utf-8") and "named pipe" in result.stderr.decode("utf-8")


def test_clean_with_a_stray_byte_says_where_or_replaces_it(tmp_path):
    doc = tmp_path / "stray.txt"
    doc.write_bytes("坚持以人民为中心。\n".encode() * 3 + b"\xff" + "发展全过程人民民主。\n".encode())
    strict = run("clean", str(doc))
    assert strict.returncode == 2 and strict.stdout == b""
    offset = len("坚持以人民为中心。\n".encode()) * 3
    assert f"byte offset {offset}, line 4: FF" in strict.stderr.decode("utf-8")
    replaced = run("clean", str(doc), "--decode-errors", "replace")
    assert replaced.returncode == 0, replaced.stderr.decode("utf-8", "replace")
    assert replaced.stdout.decode("utf-8").endswith("坚持以人民为中心。\n\ufffd发展全过程人民民主。\n")
    assert "tifa: warning: " in replaced.stderr.decode("utf-8") and "1 undecodable" in replaced.stderr.decode("utf-8")
