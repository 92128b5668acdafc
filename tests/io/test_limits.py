"""Readers within bounds (issue 15): only regular files are opened, sizes are
checked before and while reading, PDF streams are inflated under a cap, page
and text counts are limited; every refusal is one line naming the file, the
limit and the option that raises it."""
from __future__ import annotations

import os
import socket
import zlib
from pathlib import Path

import pytest
from fpdf import FPDF

from litmine.errors import InputError, LimitError
from litmine.io import iter_input_paths, read_path
from litmine.io.files import read_bytes
from litmine.io.pdf import inspect_streams, read_pdf
from litmine.types import Limits

from robustness.hostile import flate_bomb_pdf

SENTENCE = "Treadmill running lowered spinal IL-6 in rats with nerve injury."


def one_line(err: Exception) -> str:
    text = str(err)
    assert "\n" not in text
    return text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_is_refused_without_opening_it(tmp_path, monkeypatch):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda p, *a: opened.append(p) or real_open(p, *a))
    with pytest.raises(InputError) as err:
        read_path(pipe)   # would block forever if it opened the pipe for reading
    assert one_line(err.value) == (f"{pipe}: is a named pipe (FIFO), not a regular file "
                                   "(only regular files and folders are read)")
    assert opened == []


def test_devices_and_sockets_are_refused(tmp_path):
    device = tmp_path / "null.txt"
    device.symlink_to(os.devnull)
    with pytest.raises(InputError, match="is a character device, not a regular file"):
        read_path(device)
    sock_path = tmp_path / "s.txt"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(sock_path))
        with pytest.raises(InputError, match="is a socket, not a regular file"):
            read_path(sock_path)
    finally:
        sock.close()


def test_fifo_met_in_a_folder_is_reported_and_the_walk_goes_on(tmp_path):
    os.mkfifo(tmp_path / "a_pipe.txt")
    (tmp_path / "b.txt").write_text(SENTENCE, encoding="utf-8")
    errors = []
    found = list(iter_input_paths([tmp_path], on_error=errors.append))
    assert [p.name for p in found] == ["a_pipe.txt", "b.txt"]   # listed; refused when read
    with pytest.raises(InputError, match="named pipe"):
        read_path(found[0])
    assert read_path(found[1]).text == SENTENCE


def test_a_path_too_long_for_the_file_system_names_the_check(tmp_path):
    long = tmp_path / ("a" * 5000 + ".txt")
    errors = []
    assert list(iter_input_paths([long, tmp_path / "missing.txt"], on_error=errors.append)) == []
    first = one_line(errors[0])
    assert "cannot check the file: the name is too long for the file system (shorten the path)" in first
    assert "(5,0" in first and len(first) < 400            # the path is shortened in the message
    assert one_line(errors[1]).endswith("missing.txt: no such file or directory (check the path)")


def test_text_larger_than_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes((SENTENCE + "\n").encode() * 20_000)    # 1.3 MB
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(LimitError) as err:
        read_path(big, limits=Limits(max_text_mb=1))
    assert one_line(err.value) == (f"{big}: text file is 1.3 MB, more than the limit of 1 MB "
                                   "(raise it with --max-text-mb N, or 0 for no limit)")
    assert err.value.option == "--max-text-mb" and reads == []
    assert len(read_path(big, limits=Limits(max_text_mb=0)).text) == 1_300_000


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    import litmine.io.files as files
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 100)
    small = os.stat(path)
    with open(path, "ab") as fh:                   # grows after the size was checked
        fh.write(b"y" * 2_000_000)
    monkeypatch.setattr(files, "check_regular", lambda p: small)
    with pytest.raises(LimitError, match=r"text file is more than 1.05 MB so far, more than the limit of 1 MB"):
        read_bytes(path, 1_000_000, what="text file")


def test_read_bytes_hashes_what_it_reads(tmp_path):
    import hashlib
    path = tmp_path / "x.txt"
    data = os.urandom(3 << 20)
    path.write_bytes(data)
    assert read_bytes(path) == (data, hashlib.sha256(data).hexdigest())


def test_flate_bomb_is_refused_in_bounded_memory(tmp_path):
    bomb = flate_bomb_pdf(tmp_path / "bomb.pdf", inflated_mb=48)
    with pytest.raises(LimitError) as err:
        read_pdf(bomb, limits=Limits(max_inflate_mb=16))
    assert one_line(err.value) == (f"{bomb}: compressed PDF streams inflate to more than 16 MB (the limit; "
                                   "a \"zip bomb\"?) (raise it with --max-inflate-mb N, or 0 for no limit)")
    assert read_pdf(bomb, limits=Limits(max_inflate_mb=64)).text.startswith("Treadmill running lowered")


def test_inflation_follows_filter_chains():
    """A bomb behind ASCII85 or a second Flate layer is counted too (PDFium would inflate it)."""
    import base64
    inner = zlib.compress(b" " * 4_000_000)
    twice = zlib.compress(inner)
    a85 = base64.a85encode(inner) + b"~>"
    for filters, body in (("/FlateDecode", inner), ("[/FlateDecode /FlateDecode]", twice),
                          ("[/ASCII85Decode /FlateDecode]", a85)):
        data = b"1 0 obj\n<< /Length %d /Filter %s >>\nstream\n%s\nendstream\nendobj\n" % (
            len(body), filters.encode(), body)
        with pytest.raises(LimitError):
            inspect_streams(data, 1_000_000)
        assert inspect_streams(data, 5_000_000) == 0
    broken = b"1 0 obj\n<< /Filter /FlateDecode >>\nstream\n" + inner[:-20] + b"\nendstream\n"
    assert inspect_streams(broken) == 1


def test_images_do_not_count_against_the_inflation_limit():
    image = zlib.compress(b"\x00" * 3_000_000)
    data = b"1 0 obj\n<< /Subtype /Image /Filter /FlateDecode >>\nstream\n%s\nendstream\nendobj\n" % image
    assert inspect_streams(data, 1_000_000) == 0


def _pdf(path: Path, pages: int, lines: int = 1) -> Path:
    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=8)
    for _ in range(pages):
        pdf.add_page()
        for i in range(lines):
            pdf.text(10, 10 + 4 * i, SENTENCE)
    pdf.output(str(path))
    return path


def test_page_and_text_limits_of_a_pdf(tmp_path):
    path = _pdf(tmp_path / "p.pdf", pages=5, lines=60)       # ~19,000 characters
    with pytest.raises(LimitError) as err:
        read_pdf(path, limits=Limits(max_pdf_pages=4))
    assert one_line(err.value) == (f"{path}: PDF has 5 pages, more than the limit of 4 "
                                   "(raise it with --max-pdf-pages N, or 0 for no limit)")
    with pytest.raises(LimitError, match=r"PDF text is more than 0.01 MB \(the limit\) by page 3 .*--max-text-mb"):
        read_pdf(path, limits=Limits(max_text_mb=0.01))
    with pytest.raises(LimitError, match=r"PDF file is [0-9.]+ kB, more than the limit of 0.000001 MB.*--max-pdf-mb"):
        read_pdf(path, limits=Limits(max_pdf_mb=0.000001))
    assert read_pdf(path, limits=Limits(max_pdf_pages=5)).pages == 5
