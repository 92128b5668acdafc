"""``litmine ingest`` on broken input: every file that cannot be read gets one line
on standard error -- ``failed   <file>: <reason> (<what to do>)`` -- the batch goes
on, the exit status is 1 when anything failed, and ``--strict`` stops at the first
failure. The readers' own cases are tested in ``tests/io``; here is the batch.

Broken files are generated; real ones come from ``../shared/corpus/pdf/bad``
(skipped when absent).
"""
from __future__ import annotations

import io
import os
import random
import re
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from litmine.cli import cli
from helpers import SHARED

BAD_PDFS = SHARED / "corpus" / "pdf" / "bad"
needs_bad_pdfs = pytest.mark.skipif(not BAD_PDFS.is_dir(), reason="../shared/corpus/pdf/bad is absent")

ZH = "6周跑台运动显著降低了SNI小鼠脊髓背角TNF-α和IL-1β的表达[12]。此外，运动还提高了BDNF水平。"
ZH_TRAD = "6週跑台運動顯著降低了小鼠脊髓背角TNF-α的表達。此外，運動還提高了BDNF水平。"
EN = "Treadmill running for six weeks reduced TNF-alpha in the spinal cord of SNI mice. Swimming increased IL-10."
LINE = re.compile(r"^failed   (?P<path>.+?): (?P<reason>.+) \((?P<hint>.+)\)$")


def ingest(*args, **kw):
    return CliRunner().invoke(cli, ["ingest", *[str(a) for a in args]], **kw)


def failures(result) -> dict[str, str]:
    """``{path: whole line}`` of the failure lines; each must be one line with a reason and a hint."""
    out = {}
    for line in result.stderr.splitlines():
        if not line.strip():
            continue
        m = LINE.match(line)
        assert m, f"not a one-line failure report: {line!r}"
        assert m["path"] not in out, f"two lines for {m['path']}"
        out[m["path"]] = line
    return out


def summary(result) -> tuple[int, int, int]:
    m = re.search(r"^(\d+) stored, (\d+) skipped, (\d+) failed$", result.stdout, re.M)
    assert m, result.output
    return tuple(int(x) for x in m.groups())


def stored_names(db) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM documents"))
    finally:
        con.close()


def pdf_with_text(path: Path, lines=(EN,), pages: int = 1) -> Path:
    """``lines`` on each of ``pages`` pages; ``{page}`` in a line is the page number."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for page in range(pages):
        pdf.add_page()
        for i, line in enumerate(lines):
            pdf.text(15, 20 + 6 * i, line.replace("{page}", str(page)))
    pdf.output(str(path))
    return path


def image_only_pdf(path: Path) -> Path:
    from PIL import Image

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        buf = io.BytesIO()
        Image.new("RGB", (80, 60), (180, 180, 180)).save(buf, format="PNG")
        pdf.image(buf, x=20, y=20, w=150)
    pdf.output(str(path))
    return path


def encrypted_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(15, 20, EN)
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.output(str(path))
    return path


# name -> (bytes or a maker, substring of the reason, substring of the hint)
BAD = {
    "empty.txt": (b"", "empty file", "0 bytes"),
    "blank.md": (" \n\t\n".encode(), "empty file", "whitespace"),
    "figure.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary data", "PNG"),
    "noise.txt": (random.Random(5).randbytes(3000), "binary data", ""),
    "invalid_utf8.txt": (bytes(random.Random(3).choice([0x80, 0xFF, 0x9F, 0xC3, 0x28, 0xA0])
                               for _ in range(2000)), "", ""),
    "empty.pdf": (b"", "empty file", "0 bytes"),
    "not_a_pdf.pdf": (b"Treadmill running helps.\n", "not a PDF", "rename"),
    "garbage.pdf": (b"%PDF-1.7\n" + random.Random(1).randbytes(4000), "corrupt PDF", "repair"),
    "encrypted.pdf": (encrypted_pdf, "encrypted", "password"),
    "scan.pdf": (image_only_pdf, "no text layer", "OCR"),
    "paper.docx": (b"PK\x03\x04", "unsupported file type", ".txt, .md, .pdf"),
}


def truncated_pdf(path: Path) -> Path:
    data = pdf_with_text(path, [EN] * 30, pages=3).read_bytes()
    path.write_bytes(data[:300])
    return path


BAD["truncated.pdf"] = (truncated_pdf, "corrupt PDF", "repair")

# each text its own (a line naming its encoding): the same text in two encodings is one document
GOOD = {
    "utf8.txt": ZH.encode("utf-8"),
    "utf8_bom.txt": b"\xef\xbb\xbf" + EN.encode("utf-8"),
    "gbk.txt": (ZH + "\n编码GBK。").encode("gbk"),
    "gb18030.txt": (ZH + "𠀀").encode("gb18030"),     # a character outside GBK
    "big5.txt": ZH_TRAD.encode("big5"),
    "utf16.txt": (ZH + "\n编码UTF-16。").encode("utf-16"),                 # with BOM
    "utf16le.txt": (EN + "\nSaved as UTF-16-LE.").encode("utf-16-le"),    # without BOM
    "notes.md": ("# 运动\n\n" + ZH).encode("utf-8"),
}


def write_bad(folder: Path, names=None) -> dict[str, tuple[str, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (content, reason, hint) in BAD.items():
        if names and name not in names:
            continue
        path = folder / name
        if callable(content):
            content(path)
        else:
            path.write_bytes(content)
        out[str(path)] = (reason, hint)
    return out


def write_good(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in GOOD.items():
        (folder / name).write_bytes(data)
    pdf_with_text(folder / "good.pdf", [EN, "Aerobic exercise lowered IL-6 in rats."])
    return sorted([*GOOD, "good.pdf"])


def test_mixed_batch_ingests_every_good_file_and_reports_every_bad_one(tmp_path):
    db = tmp_path / "t.sqlite"
    good = write_good(tmp_path / "in" / "good")
    bad = write_bad(tmp_path / "in" / "bad")
    missing = tmp_path / "not_there.pdf"
    result = ingest(tmp_path / "in", missing, "--db", db)

    assert result.exit_code == 1
    lines = failures(result)
    # .docx files inside a folder are not inputs (only when named explicitly)
    expected = {p: v for p, v in bad.items() if not p.endswith(".docx")}
    expected[str(missing)] = ("no such file or directory", "check the path")
    assert set(lines) == set(expected)
    for path, (reason, hint) in expected.items():
        assert reason in lines[path] and hint in lines[path], lines[path]
    assert summary(result) == (len(good), 0, len(expected))
    assert stored_names(db) == good
    assert "Traceback" not in result.output

    again = ingest(tmp_path / "in", "--db", db)             # re-run: nothing new, same failures
    assert again.exit_code == 1 and summary(again) == (0, len(good), len(expected) - 1)


def test_encodings_are_stored_as_text(tmp_path):
    db = tmp_path / "t.sqlite"
    write_good(tmp_path / "in")
    result = ingest(tmp_path / "in", "--db", db)
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT name, encoding FROM documents").fetchall())
    texts = dict(con.execute("SELECT name, text FROM documents").fetchall())
    con.close()
    assert rows["gbk.txt"] == "gbk" and rows["gb18030.txt"] == "gb18030" and rows["big5.txt"] in ("big5", "cp950")
    assert rows["utf16.txt"].startswith("utf-16") and rows["utf16le.txt"] == "utf-16-le"
    for name in ("gbk.txt", "utf16.txt", "utf8.txt"):
        assert "跑台运动" in texts[name]
    # Big5 is decoded as Traditional Chinese and read in Simplified characters (text/script.py)
    assert "跑台运动" in texts["big5.txt"] and "運" not in texts["big5.txt"]


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_named_alone(tmp_path, name):
    (path, (reason, hint)), = write_bad(tmp_path, [name]).items()
    result = ingest(path, "--db", tmp_path / "t.sqlite")
    assert result.exit_code == 1
    line = failures(result)[path]
    assert reason in line and hint in line
    assert summary(result) == (0, 0, 1)


def test_image_only_pdf_says_ocr_is_needed(tmp_path):
    path = image_only_pdf(tmp_path / "scan.pdf")
    result = ingest(path, "--db", tmp_path / "t.sqlite")
    assert result.stderr.strip() == (f"failed   {path}: PDF has no text layer (scanned images) "
                                     "(run OCR first, e.g. ocrmypdf)")


def test_strict_stops_at_the_first_failure(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(EN, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_text(ZH, encoding="utf-8")
    db = tmp_path / "t.sqlite"
    result = ingest(folder, "--db", db, "--strict")
    assert result.exit_code == 1
    assert f"failed   {folder / 'b.txt'}: empty file" in result.stderr
    assert "stopped at the first failure (--strict): 1 stored" in result.stderr
    assert stored_names(db) == ["a.txt"]                    # c.txt was not reached
    assert ingest(folder / "nope.txt", "--db", db, "--strict").exit_code == 1


def test_exit_status_zero_when_nothing_failed(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    result = ingest(tmp_path / "a.txt", "--db", tmp_path / "t.sqlite")
    assert result.exit_code == 0 and result.stderr == ""
    assert summary(result) == (1, 0, 0)


def test_quiet_still_reports_failures(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = ingest(tmp_path, "--db", tmp_path / "t.sqlite", "-q")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["1 stored, 0 skipped, 1 failed"] and len(failures(result)) == 1


# ------------------------------------------------------------------ paths


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loops_end_and_are_reported(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(EN, encoding="utf-8")
    os.symlink(folder, folder / "sub" / "up")              # folder loop
    os.symlink(folder / "self.txt", folder / "self.txt")   # a link to itself
    os.symlink(folder / "ping.txt", folder / "pong.txt")
    os.symlink(folder / "pong.txt", folder / "ping.txt")
    db = tmp_path / "t.sqlite"
    result = ingest(folder, folder / "self.txt", "--db", db)
    assert summary(result) == (1, 0, 1) and result.exit_code == 1
    assert "symbolic link to nothing (broken, or a loop) (fix or remove the link)" in \
        failures(result)[str(folder / "self.txt")]
    assert stored_names(db) == ["a.txt"]


def test_unreadable_file_and_folder_do_not_stop_the_batch(tmp_path, monkeypatch):
    """Permission errors, simulated (the tests may run as root, who reads everything)."""
    folder = tmp_path / "in"
    for rel in ("a.txt", "locked.txt", "closed/x.txt", "open/y.txt", "z.txt"):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(f"{EN} ({rel})", encoding="utf-8")
    real_open, real_scandir = os.open, os.scandir

    def fake_open(path, flags, *args):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    def scandir(path="."):
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "scandir", scandir)
    db = tmp_path / "t.sqlite"
    result = ingest(folder, "--db", db)
    lines = failures(result)
    assert lines == {
        str(folder / "closed"): f"failed   {folder / 'closed'}: cannot list folder: permission denied "
                                "(check the folder's permissions)",
        str(folder / "locked.txt"): f"failed   {folder / 'locked.txt'}: cannot open the file: permission denied "
                                    "(check the file's permissions)"}
    assert stored_names(db) == ["a.txt", "y.txt", "z.txt"] and result.exit_code == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads unreadable files")
def test_really_unreadable_file_and_folder(tmp_path):
    folder = tmp_path / "in"
    (folder / "closed").mkdir(parents=True)
    (folder / "a.txt").write_text(EN, encoding="utf-8")
    (folder / "locked.txt").write_text(EN + " locked", encoding="utf-8")
    (folder / "closed" / "x.txt").write_text(EN + " closed", encoding="utf-8")
    (folder / "locked.txt").chmod(0)
    (folder / "closed").chmod(0)
    try:
        result = ingest(folder, "--db", tmp_path / "t.sqlite")
    finally:
        (folder / "locked.txt").chmod(0o644)
        (folder / "closed").chmod(0o755)
    assert set(failures(result)) == {str(folder / "closed"), str(folder / "locked.txt")}
    assert summary(result) == (1, 0, 2)


def test_a_crash_on_one_document_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    import litmine.pipeline as pipeline

    real = pipeline.process

    def process(raw):
        if raw.path.endswith("boom.txt"):
            raise IndexError("list index out of range")
        return real(raw)

    monkeypatch.setattr(pipeline, "process", process)
    for name in ("a.txt", "boom.txt", "c.txt"):
        (tmp_path / name).write_text(f"{EN} {name}", encoding="utf-8")
    db = tmp_path / "t.sqlite"
    result = ingest(tmp_path, "--db", db)
    line = failures(result)[str(tmp_path / "boom.txt")]
    assert "internal error while processing (IndexError: list index out of range)" in line
    assert "report it" in line
    assert stored_names(db) == ["a.txt", "c.txt"] and result.exit_code == 1


# ------------------------------------------------------------------ real broken PDFs


@needs_bad_pdfs
@pytest.mark.shared
def test_real_broken_pdfs(tmp_path):
    db = tmp_path / "t.sqlite"
    result = ingest(BAD_PDFS, "--db", db)
    lines = failures(result)
    assert set(lines) == {str(BAD_PDFS / "encrypted_aes256.pdf"), str(BAD_PDFS / "image_only_no_text_layer.pdf")}
    assert "encrypted" in lines[str(BAD_PDFS / "encrypted_aes256.pdf")]
    assert "OCR" in lines[str(BAD_PDFS / "image_only_no_text_layer.pdf")]
    # the damaged cross-reference table is repaired: stored, with a warning
    assert re.search(r"^stored   .*corrupted_xref\.pdf: [1-9]\d* sentences", result.stdout, re.M)
    assert re.search(r"^  warning: damaged PDF \(read after repair\)", result.stdout, re.M)
    assert stored_names(db) == ["corrupted_xref.pdf"] and result.exit_code == 1
    con = sqlite3.connect(db)
    assert "damaged PDF" in con.execute("SELECT warnings FROM documents").fetchone()[0]
    con.close()


# ------------------------------------------------------------------ a huge PDF


# 100 pages, 1,600 sentences: about 4 s on a 2-core machine (45 ms/page); the bound is per page,
# so a longer PDF proves no more (throughput at scale: benchmarks/throughput.py).
HUGE_PAGES = 100
MAX_SECONDS_PER_PAGE = 0.2


def huge_pdf(path: Path, pages: int) -> Path:
    """``pages`` pages of four paragraphs: three sentences and a short one ending
    each (that is how the cleaner sees a paragraph end), one sentence a line,
    every line naming a different cohort (lines that repeat at page edges,
    digits aside, are running heads and dropped)."""
    rng = random.Random(11)
    cohort = lambda: "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()  # noqa: E731
    templates = ["In the {} cohort, aerobic treadmill training for 6 weeks reduced TNF-alpha in SNI rats.",
                 "Swimming exercise increased IL-10 expression in the spinal cord of {} mice.",
                 "Resistance training did not change BDNF levels in the {} group (p > 0.05).",
                 "Voluntary wheel running relieved mechanical allodynia in {} rats with CCI."]
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for page in range(pages):
        pdf.add_page()
        y = 20
        for para in range(4):
            for k in range(3):
                pdf.text(15, y, templates[(page + para + k) % 4].format(cohort()))
                y += 5
            pdf.text(15, y, f"Pain fell in {cohort()} rats.")
            y += 9
    pdf.output(str(path))
    return path


@pytest.mark.slow
def test_huge_pdf_is_ingested(tmp_path, capsys):
    path = huge_pdf(tmp_path / "huge.pdf", HUGE_PAGES)
    db = tmp_path / "t.sqlite"
    start = time.perf_counter()
    result = ingest(path, "--db", db)
    seconds = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(db)
    n_sent, n_docs = con.execute("SELECT sum(n_sentences), count(*) FROM documents").fetchone()
    n_rel = con.execute("SELECT count(*) FROM relations").fetchone()[0]
    con.close()
    assert n_docs == 1 and n_sent == HUGE_PAGES * 16 and n_rel >= HUGE_PAGES * 12
    with capsys.disabled():
        print(f"\n{HUGE_PAGES}-page PDF ({n_sent} sentences, {n_rel} relations) ingested in {seconds:.1f} s "
              f"({seconds / HUGE_PAGES * 1000:.0f} ms/page)")
    assert seconds / HUGE_PAGES < MAX_SECONDS_PER_PAGE, f"{seconds / HUGE_PAGES:.3f} s/page"
