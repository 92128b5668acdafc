"""CSV that Excel opens with Chinese intact: a UTF-8 byte-order mark when the
target is a file, none on a pipe, none with --encoding utf-8."""
import csv
import io
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from litmine.cli import cli
from litmine.formats.tables import csv_bom, write_rows

from helpers import CORPUS


def open_as_excel(data: bytes) -> list[list[str]]:
    """What Excel does with a .csv double-clicked on a (Western) Windows: UTF-8
    only when the file starts with a byte-order mark, else the ANSI code page
    (cp1252); then comma-separated cells."""
    text = data[3:].decode("utf-8") if data.startswith(b"\xef\xbb\xbf") else data.decode("cp1252", "replace")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_bom_rules(tmp_path):
    assert csv_bom("csv", tmp_path / "x.csv") and not csv_bom("csv", tmp_path / "x.csv", "utf-8")
    assert not csv_bom("csv", io.StringIO()) and csv_bom("csv", io.StringIO(), "utf-8-sig")
    assert not csv_bom("jsonl", tmp_path / "x.jsonl")
    with open(tmp_path / "y.csv", "w", encoding="utf-8") as fh:
        assert csv_bom("csv", fh)                          # a redirect to a file
    r, w = os.pipe()
    with os.fdopen(r) as rf, os.fdopen(w, "w") as wf:
        assert not csv_bom("csv", wf) and not rf.closed    # a pipe
    with pytest.raises(ValueError, match="--encoding is for --format csv"):
        csv_bom("json", tmp_path / "x.json", "utf-8-sig")


def test_write_rows_bom():
    buf = io.StringIO()
    write_rows([{"a": "跑台"}], "csv", buf, bom=True)
    assert buf.getvalue() == "\ufeffa\r\n跑台\r\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("csv") / "t.sqlite")
    assert CliRunner().invoke(cli, ["ingest", str(CORPUS / "zh_treadmill_sni.txt"), "--db", db]).exit_code == 0
    return db


def test_exported_csv_opens_in_excel_with_chinese_intact(db, tmp_path):
    out = tmp_path / "relations.csv"
    res = CliRunner().invoke(cli, ["export", "--db", db, "--table", "relations", "--format", "csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = open_as_excel(data)
    header, first = table[0], dict(zip(table[0], table[1]))
    assert header[:3] == ["doc", "lang", "sentence"]
    assert first["lang"] == "zh" and "跑台" in "".join(r[2] for r in table[1:])
    plain = tmp_path / "plain.csv"
    res = CliRunner().invoke(cli, ["export", "--db", db, "--table", "relations", "--format", "csv",
                                   "--encoding", "utf-8", "-o", str(plain)])
    assert res.exit_code == 0 and plain.read_bytes() == data[3:]            # the same, without the mark
    assert "跑台" not in "".join(r[2] for r in open_as_excel(plain.read_bytes())[1:])  # what Excel would garble
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", "jsonl", "--encoding", "utf-8-sig"])
    assert res.exit_code == 2 and "--encoding is for --format csv" in res.output


def test_query_csv_redirected_to_a_file_gets_the_mark_a_pipe_does_not(db, tmp_path):
    cmd = [sys.executable, "-m", "litmine.cli", "query", "--db", db, "--exercise", "跑台", "--format", "csv"]
    target = tmp_path / "treadmill.csv"
    with open(target, "wb") as fh:
        subprocess.run(cmd, stdout=fh, check=True)
    data = target.read_bytes()
    # (--exercise 跑台 is the treadmill class: rows whose exercise is carried from an earlier sentence too)
    assert data.startswith(b"\xef\xbb\xbfdoc,lang,sentence") and "跑台" in "".join(r[2] for r in open_as_excel(data)[1:])
    piped = subprocess.run(cmd, capture_output=True, check=True).stdout
    assert piped == data[3:]
