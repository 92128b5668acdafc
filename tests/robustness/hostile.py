"""Hostile inputs of issue 15, made on the fly (no third-party text), and a way to
run ``litmine`` on one and measure it: wall time and the peak resident memory
of the process (``os.wait4``'s ``ru_maxrss``, the kernel's own count).

Used by ``tests/robustness/test_bounds.py`` (the issue's sizes, one litmine
process for all, a short time budget) and ``benchmarks/bounds.py`` (the issue's
sizes, one process each, the default limits: the table).
"""
from __future__ import annotations

import os
import subprocess
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from robustness.procs import LITMINE


def parentheses_run(path: Path, megabytes: float = 4.0) -> Path:
    """One line of ``"(BDNF "`` repeated: thousands of unclosed brackets."""
    path.write_text("Treadmill running lowered " + "(BDNF " * int(megabytes * 1e6 / 6) + "\n", encoding="utf-8")
    return path


def nested_parentheses(path: Path, depth: int = 1_000_000) -> Path:
    """``depth`` nested brackets around one name: ``((((BDNF))))``."""
    path.write_text("Swimming raised " + "(" * depth + "BDNF" + ")" * depth + " in rats.\n", encoding="utf-8")
    return path


def abbreviation_pairs(path: Path, pairs: int = 20_000) -> Path:
    """``pairs`` distinct "long form (ABBR)" definitions in one paragraph, no full stop."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = []
    for i in range(pairs):
        a, b, c = letters[i % 26], letters[(i // 26) % 26], letters[(i // 676) % 26]
        out.append(f"{a}lpha {b}eta {c}amma factor ({a.upper()}{b.upper()}{c.upper()}F)")
    path.write_text("Exercise changed " + ", ".join(out) + "\n", encoding="utf-8")
    return path


def unpunctuated_line(path: Path, megabytes: float = 5.0) -> Path:
    """One line of words without any sentence or clause punctuation."""
    unit = "treadmill running lowered spinal IL-6 and TNF-α in rats with nerve injury "
    path.write_text(unit * int(megabytes * 1e6 / len(unit)) + "\n", encoding="utf-8")
    return path


def big_text(path: Path, megabytes: float = 200.0) -> Path:
    """A text file of ``megabytes`` MB of ordinary sentences, written in 1 MB chunks."""
    unit = "Treadmill running lowered spinal IL-6 in rats with nerve injury. Swimming raised BDNF.\n"
    chunk = (unit * (1_000_000 // len(unit))).encode("utf-8")
    with open(path, "wb") as fh:
        for _ in range(int(megabytes * 1e6 / len(chunk))):
            fh.write(chunk)
    return path


def flate_bomb_pdf(path: Path, inflated_mb: int = 1024) -> Path:
    """A one-page PDF whose content stream (one line of text, then blank space)
    inflates to ``inflated_mb`` MB; about 1 MB on disk per GB inflated."""
    text = b"BT /F1 12 Tf 72 720 Td (Treadmill running lowered spinal IL-6 in rats.) Tj ET\n"
    # Raw deflate with a full flush after each 1 MB of spaces: the flush resets the
    # compressor, so every such block compresses to the same bytes and is made once;
    # the zlib header and the Adler-32 of all the data frame them (a valid stream).
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b" " * (1 << 20)
    head = comp.compress(text) + comp.flush(zlib.Z_FULL_FLUSH)
    packed = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush()
    adler = zlib.adler32(text)
    for _ in range(inflated_mb):
        adler = zlib.adler32(block, adler)
    stream = b"\x78\xda" + head + packed * inflated_mb + tail + adler.to_bytes(4, "big")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def fifo(path: Path) -> Path:
    """A named pipe (nobody writes to it: reading it blocks forever)."""
    os.mkfifo(path)
    return path


@dataclass
class Measured:
    """One ``litmine`` run: exit status, output, wall seconds, peak RSS in MB;
    from :func:`run_lines` also each output line with the second it arrived
    (``(seconds, "out" or "err", line)``, in arrival order)."""

    rc: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    timed_out: bool = False
    lines: list = field(default_factory=list)


def run_lines(*args, timeout: float = 300, cwd: Path | None = None) -> Measured:
    """Run ``litmine *args`` unbuffered, timing each output line as it comes;
    peak RSS is the process's own ``ru_maxrss`` (``os.wait4``). A run past
    ``timeout`` is killed (``timed_out``)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    start = time.monotonic()
    proc = subprocess.Popen(LITMINE + [str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, cwd=cwd, env=env, start_new_session=True,
                            text=True, encoding="utf-8", errors="replace")
    lines: list = []
    lock = threading.Lock()

    def read(stream, name):
        for line in stream:
            with lock:
                lines.append((time.monotonic() - start, name, line.rstrip("\n")))

    readers = [threading.Thread(target=read, args=(proc.stdout, "out"), daemon=True),
               threading.Thread(target=read, args=(proc.stderr, "err"), daemon=True)]
    for t in readers:
        t.start()
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > timeout:
            proc.kill()
            timed_out = True
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    seconds = time.monotonic() - start
    for t in readers:
        t.join(10)
    proc.returncode = os.waitstatus_to_exitcode(status)
    out = "\n".join(line for _, name, line in lines if name == "out")
    err = "\n".join(line for _, name, line in lines if name == "err")
    return Measured(proc.returncode, out, err, seconds, usage.ru_maxrss / 1024, timed_out, lines)


def run_measured(*args, timeout: float = 120, cwd: Path | None = None) -> Measured:
    """Run ``litmine *args`` and measure it (:func:`run_lines`); a run past
    ``timeout`` is killed (``timed_out``, ``rc`` -9). Peak RSS is the process's own ``ru_maxrss``."""
    return run_lines(*args, timeout=timeout, cwd=cwd)
