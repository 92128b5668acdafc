"""Saved web pages (litmine.io.html): visible text only, blocks as lines, and ingest reads them."""
from pathlib import Path

import pytest

from litmine.errors import InputError
from litmine.io import read_inputs, read_path
from litmine.io.html import html_to_text, looks_like_html

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Treadmill training and spinal cytokines</title>
<style>p { color: red }</style><script>var reduced = "IL-6";</script></head>
<body><nav><a href="/">Journal home</a> | <a href="/login">Sign in</a></nav>
<header>Cookie banner text</header>
<h1>Treadmill training and spinal cytokines</h1>
<h2>Abstract</h2>
<p>Treadmill running for 4&nbsp;weeks reduced TNF-&alpha; and
   IL-1&#946; in the dorsal horn of SNI rats.</p>
<ul><li>Mechanical allodynia was attenuated.</li><li>Microglia were less active.</li></ul>
<footer>Copyright the publisher</footer>
</body></html>
"""


def test_page_text_keeps_the_paper_and_drops_the_site():
    text = html_to_text(PAGE)
    assert text.splitlines()[0] == "Treadmill training and spinal cytokines"
    assert "Treadmill running for 4\u00a0weeks reduced TNF-\u03b1 and IL-1\u03b2 in the dorsal horn of SNI rats." in text
    assert "\nMechanical allodynia was attenuated.\nMicroglia were less active." in text
    for furniture in ("Journal home", "Cookie banner", "Copyright", "color: red", "var reduced"):
        assert furniture not in text
    assert "\n\nAbstract\n\n" in text


def test_broken_markup_never_raises():
    assert html_to_text("<p>Swimming <b>increased BDNF</p></div><script>unclosed") == "Swimming increased BDNF"


@pytest.mark.parametrize("head,expected", [
    (b"\xef\xbb\xbf<!doctype html><html>", True),
    (b"<!-- saved from url -->\n<HTML><BODY>", True),
    (b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">', True),
    (b'<?xml version="1.0"?>\n<PubmedArticleSet>', False),
    (b"Treadmill running reduced <b>pain</b>.", False),
])
def test_looks_like_html(head, expected):
    assert looks_like_html(head) is expected


def test_html_in_a_txt_file_is_read_as_a_page_and_relations_follow(tmp_path: Path):
    path = tmp_path / "saved.txt"
    path.write_text(PAGE, encoding="utf-8")
    [raw] = list(read_inputs(path))
    assert raw.format == "html" and "<p>" not in raw.text
    page = tmp_path / "page.htm"
    page.write_text(PAGE, encoding="utf-8")
    assert read_path(page).text == raw.text


def test_page_without_visible_text_is_one_error(tmp_path: Path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x()</script></head><body></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="empty.html.*HTML page without visible text"):
        list(read_inputs(path))


def test_ingest_stores_a_saved_page_with_its_relation(tmp_path: Path):
    from litmine.api import ingest
    page = tmp_path / "paper.html"
    page.write_text(PAGE, encoding="utf-8")
    db = tmp_path / "lit.sqlite"
    ingest([page], db=db)
    from litmine.api import query
    rows = list(query(db=db))
    pairs = {(r["exercise"], r["direction"], r["target"]) for r in rows}
    assert ("treadmill", "decrease", "TNF-α") in pairs and ("treadmill", "decrease", "IL-1β") in pairs


def test_litmine_own_report_is_refused_as_input(tmp_path: Path):
    from litmine.api import html_report, ingest
    paper = tmp_path / "paper.txt"
    paper.write_text("Swimming for six weeks increased BDNF in the spinal cord of CCI rats.\n", encoding="utf-8")
    db = tmp_path / "lit.sqlite"
    ingest([paper], db=db)
    report = tmp_path / "paper.html"
    html_report("paper.txt", report, db=db)
    with pytest.raises(InputError, match="paper.html.*a litmine report"):
        list(read_inputs(report))
