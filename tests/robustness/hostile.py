"""Hostile inputs of issue 15, made on the fly (no third-party text), and a way to
run ``litmine`` on one and measure it: wall time and the peak resident memory
of the process (``os.wait4``'s ``ru_maxrss``, the kernel's own count).

Used by ``tests/robustness/test_bounds.py`` (small sizes that prove each bound)
and ``benchmarks/bounds.py`` (the issue's sizes, for the table).
"""
from __future__ import annotations

import os
import subprocess
import time
import zlib
from dataclasses import dataclass
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
    comp = zlib.compressobj(9)
    parts = [comp.compress(text)]
    block = b" " * (1 << 20)
    for _ in range(inflated_mb):
        parts.append(comp.compress(block))
    parts.append(comp.flush())
    stream = b"".join(parts)
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
    """One ``litmine`` run: exit status, output, wall seconds, peak RSS in MB."""

    rc: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    timed_out: bool = False


def run_measured(*args, timeout: float = 120, cwd: Path | None = None) -> Measured:
    """Run ``litmine *args`` and measure it; a run past ``timeout`` is killed
    (``timed_out``, ``rc`` -9). Peak RSS is the process's own ``ru_maxrss``."""
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"litmine-measure-{os.getpid()}-{time.monotonic_ns()}"
    with open(f"{out_path}.out", "w+b") as out, open(f"{out_path}.err", "w+b") as err:
        start = time.monotonic()
        proc = subprocess.Popen(LITMINE + [str(a) for a in args], stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                cwd=cwd, start_new_session=True)
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
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        texts = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    os.unlink(f"{out_path}.out")
    os.unlink(f"{out_path}.err")
    return Measured(proc.returncode, texts[0], texts[1], seconds, usage.ru_maxrss / 1024, timed_out)
