"""Debian packages some tests need (Chromium, the Noto CJK fonts): found on the machine,
or installed with apt-get once per test session where that is possible (root, apt-get
present); otherwise the reason a test gives when it skips."""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
from typing import Callable, Optional

APT_TIMEOUT_S = 900


def _apt_install(package: str) -> str:
    """Install a Debian package; returns ``""`` on success, else why not (one line)."""
    if shutil.which("apt-get") is None:
        return "apt-get is not available"
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        return "not root, so apt-get cannot install it"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300", package]
    last = ""
    for step in (None, ["apt-get", "update", "-q", "-o", "DPkg::Lock::Timeout=300"]):
        if step is not None:                      # the package lists may be missing or stale: update, retry
            subprocess.run(step, env=env, capture_output=True, timeout=APT_TIMEOUT_S)
        try:
            res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=APT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return f"apt-get install {package} timed out"
        if res.returncode == 0:
            return ""
        last = (res.stderr.strip().splitlines() or ["exit status %d" % res.returncode])[-1]
    return f"apt-get install {package} failed: {last}"


@functools.cache
def debian_package(package: str, found: Callable[[], Optional[str]]) -> tuple[Optional[str], str]:
    """``(what found() returns, "")`` when the package's files are there, installing
    ``package`` first if they are not; ``(None, reason)`` when that cannot be done."""
    have = found()
    if have:
        return have, ""
    why = _apt_install(package)
    have = found()
    if have:
        return have, ""
    return None, f"Debian's {package} is not installed and could not be installed ({why or 'installed, not found'})"


def _chromium() -> Optional[str]:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium() -> tuple[Optional[str], str]:
    """The Chromium executable (Debian's ``chromium``), installed if missing; or ``(None, reason)``."""
    return debian_package("chromium", _chromium)


def _cjk_font() -> Optional[str]:
    from litmine.formats.plots import find_cjk_font
    return find_cjk_font()


def cjk_font() -> tuple[Optional[str], str]:
    """A CJK font file (Debian's ``fonts-noto-cjk``), installed if missing; or ``(None, reason)``."""
    return debian_package("fonts-noto-cjk", _cjk_font)


#: Flags for a headless Chromium run as root on a machine without network or display.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--hide-scrollbars"]
