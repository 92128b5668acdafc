"""PDF reader: reading order, CJK text, and every kind of broken PDF.

Synthetic PDFs are generated with fpdf2 in ``tmp_path``; real published PDFs
come from ``../shared/corpus/pdf`` and those tests skip when it is absent.
"""
from __future__ import annotations

import glob
import hashlib
import io
import random
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from fpdf import FPDF

from litmine.errors import EncryptedPDFError, InputError, NoTextLayerError
from litmine.io import read_path
from litmine.io.pdf import read_pdf

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPUS = SHARED / "corpus" / "pdf"


def needs_shared(test):
    """Mark a test as using ../shared and skip it when the corpus is absent."""
    skip = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/pdf is absent")
    return pytest.mark.shared(skip(test))

SENTENCES = [
    "Aerobic exercise reduced mechanical allodynia in rats with spared nerve injury.",
    "Treadmill running for six weeks lowered TNF-alpha and IL-1beta in the spinal cord.",
    "Swimming training increased IL-10 expression in the dorsal root ganglia.",
    "Resistance exercise improved grip strength but did not change pain thresholds.",
]


def new_pdf(size: int = 11) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    return pdf


def save(pdf: FPDF, path: Path) -> Path:
    pdf.output(str(path))
    return path


def unwrap(text: str) -> str:
    """What a cleaner would do: join line-end hyphens, collapse whitespace."""
    text = re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)
    return re.sub(r"\s+", " ", text)


# ------------------------------------------------------------------ (a) one column


def test_one_column_english(tmp_path):
    pdf = new_pdf()
    for page in range(2):
        if page:
            pdf.add_page()
        for i, sentence in enumerate(SENTENCES):
            pdf.text(20, 30 + 10 * i, f"{page + 1}.{i} {sentence}")
    path = save(pdf, tmp_path / "one_column.pdf")

    doc = read_pdf(path)
    assert doc.format == "pdf" and doc.pages == 2 and doc.encoding is None
    assert doc.path == str(path)
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.warnings == []
    pages = doc.text.split("\f")
    assert len(pages) == 2
    for number, page in enumerate(pages, 1):
        assert page.split("\n") == [f"{number}.{i} {s}" for i, s in enumerate(SENTENCES)]


def test_read_path_dispatches_pdf(tmp_path):
    pdf = new_pdf()
    pdf.text(20, 30, SENTENCES[0])
    path = save(pdf, tmp_path / "UPPER.PDF")
    assert read_path(path).text == SENTENCES[0]


def test_one_column_with_short_lines_and_equation_numbers_keeps_order(tmp_path):
    # Short paragraph ends and right-aligned numbers must not fake a second column.
    pdf = new_pdf(10)
    lines = []
    y = 30
    for para in range(6):
        for i in range(4):
            text = f"P{para} line {i}: moderate intensity continuous training was well tolerated by all"
            if i == 3:
                text = f"P{para} ends here."
            pdf.text(20, y, text)
            lines.append(text)
            y += 6
        pdf.text(60, y, f"E{para} = mc^2")
        pdf.text(180, y, f"({para})")
        lines.append(f"E{para} = mc^2 ({para})")
        y += 8
    doc = read_pdf(save(pdf, tmp_path / "equations.pdf"))
    assert doc.text.split("\n") == lines


# ------------------------------------------------------------------ (b) two columns


def two_column_page(pdf: FPDF, rows: int, order: str, tag: str = "") -> dict:
    """Title + abstract across, two columns, footer across; content written in ``order``."""
    title = f"{tag}Exercise and neuropathic pain: a synthetic two-column article"
    abstract = [f"{tag}Abstract line {i}: this paragraph runs across the whole page width, "
                f"above both columns of body text." for i in range(2)]
    left = [f"{tag}L{i:02d} left column, treadmill training lowered IL-6" for i in range(rows)]
    right = [f"{tag}R{i:02d} right column, swimming raised IL-10 levels" for i in range(rows)]
    footer = f"{tag}Footer: (c) 2024 The Authors, distributed under CC-BY 4.0, page footer line"
    cells = [(20, 50 + 5 * i, t) for i, t in enumerate(left)]
    cells += [(110, 50 + 5 * i, t) for i, t in enumerate(right)]
    if order == "interleaved":   # right line, then left line, row by row
        cells.sort(key=lambda c: (c[1], -c[0]))
    elif order == "shuffled":
        random.Random(5).shuffle(cells)
    pdf.set_font_size(14)
    pdf.text(20, 20, title)
    pdf.set_font_size(9)
    for i, line in enumerate(abstract):
        pdf.text(20, 30 + 5 * i, line)
    for x, y, text in cells:
        pdf.text(x, y, text)
    pdf.text(20, 285, footer)
    return {"lines": [title, *abstract, *left, *right, footer], "left": left, "right": right}


@pytest.mark.parametrize("order", ["columns", "interleaved", "shuffled"])
def test_two_columns_read_left_then_right(tmp_path, order):
    pdf = new_pdf(9)
    expected = two_column_page(pdf, rows=40, order=order)
    doc = read_pdf(save(pdf, tmp_path / f"two_columns_{order}.pdf"))
    lines = doc.text.split("\n")
    assert lines == expected["lines"]
    # no line mixes the columns
    assert not any(" L" in line and " R" in line for line in lines)


def test_two_column_pages_each_in_order(tmp_path):
    pdf = new_pdf(9)
    first = two_column_page(pdf, rows=30, order="interleaved", tag="A ")
    pdf.add_page()
    second = two_column_page(pdf, rows=12, order="shuffled", tag="B ")
    doc = read_pdf(save(pdf, tmp_path / "two_pages.pdf"))
    assert doc.pages == 2
    assert [p.split("\n") for p in doc.text.split("\f")] == [first["lines"], second["lines"]]


def test_full_width_figure_caption_splits_the_columns(tmp_path):
    pdf = new_pdf(9)
    for i in range(10):
        pdf.text(20, 30 + 5 * i, f"LA{i} left column above the figure, cycling text")
        pdf.text(110, 30 + 5 * i, f"RA{i} right column above the figure, rowing text")
    caption = "Figure 1: Pain thresholds over eight weeks of training, shown for all four groups together."
    pdf.text(20, 90, caption)
    for i in range(10):
        pdf.text(110, 100 + 5 * i, f"RB{i} right column below the figure, rowing text")
        pdf.text(20, 100 + 5 * i, f"LB{i} left column below the figure, cycling text")
    lines = read_pdf(save(pdf, tmp_path / "figure.pdf")).text.split("\n")
    tags = [line.split()[0] for line in lines]
    assert tags == ([f"LA{i}" for i in range(10)] + [f"RA{i}" for i in range(10)] + ["Figure"]
                    + [f"LB{i}" for i in range(10)] + [f"RB{i}" for i in range(10)])


def test_full_width_table_is_read_row_by_row(tmp_path):
    pdf = new_pdf(9)
    for i in range(8):
        pdf.text(20, 30 + 5 * i, f"LT{i} left column text before the table, with enough words")
        pdf.text(110, 30 + 5 * i, f"RT{i} right column text before the table, many words")
    rows = [("Group", "n", "Protocol", "IL-6 change", "P"),
            ("Treadmill", "12", "60 min, 5 d/wk", "-35%", "0.01"),
            ("Swimming", "11", "45 min, 5 d/wk", "-20%", "0.04"),
            ("Sedentary", "12", "none", "+2%", "0.80")]
    for r, row in enumerate(rows):
        for x, cell in zip((20, 55, 75, 120, 170), row):
            pdf.text(x, 80 + 6 * r, cell)
    for i in range(8):
        pdf.text(20, 110 + 5 * i, f"LU{i} left column text under the table, with enough words")
        pdf.text(110, 110 + 5 * i, f"RU{i} right column text under the table, many words")
    lines = read_pdf(save(pdf, tmp_path / "table.pdf")).text.split("\n")
    assert [" ".join(row) for row in rows] == lines[16:20]
    assert [line.split()[0] for line in lines[:16]] == [f"LT{i}" for i in range(8)] + [f"RT{i}" for i in range(8)]


def test_line_end_hyphen_and_sideways_stamp(tmp_path):
    pdf = new_pdf()
    pdf.text(20, 30, "Rats were trained on a motorised tread-")
    pdf.text(20, 36, "mill for six weeks at 15 m/min.")
    with pdf.rotation(90, x=8, y=250):
        pdf.text(8, 250, "Downloaded from an example journal site")
    doc = read_pdf(save(pdf, tmp_path / "hyphen.pdf"))
    assert doc.text == ("Rats were trained on a motorised tread-\nmill for six weeks at 15 m/min.\n"
                        "Downloaded from an example journal site")
    assert "\ufffe" not in doc.text and "\x02" not in doc.text


# ------------------------------------------------------------------ (c) Chinese


def find_cjk_font() -> str | None:
    """A TrueType font with Chinese glyphs, from fontconfig or the usual folders."""
    names = []
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
        names += [line.split(":")[0].strip() for line in out.splitlines()]
    names += glob.glob("/usr/share/fonts/**/*", recursive=True)
    for name in names:
        low = name.lower()
        if low.endswith((".ttf", ".ttc")) and any(k in low for k in ("wqy", "noto", "droid", "uming", "ukai")):
            return name
    return None


@pytest.fixture
def cjk_pdf():
    font = find_cjk_font()
    if font is None:
        pytest.skip("no CJK TrueType font installed (e.g. apt-get install fonts-wqy-microhei)")
    pdf = FPDF(format="A4")
    pdf.add_page()
    try:
        pdf.add_font("cjk", fname=font, collection_font_number=0)
    except Exception as exc:   # a font fpdf2 cannot embed
        pytest.skip(f"cannot embed {font}: {exc}")
    pdf.set_font("cjk", size=11)
    return pdf


ZH = ("运动训练降低了脊髓中TNF-α的表达。有氧运动改善了慢性疼痛大鼠的痛阈（P＜0.05）。"
      "跑台运动8周后，IL-1β和IL-6水平显著下降，而IL-10水平升高。")


def test_chinese_pdf(tmp_path, cjk_pdf):
    cjk_pdf.multi_cell(0, 7, ZH)
    doc = read_pdf(save(cjk_pdf, tmp_path / "zh.pdf"))
    assert doc.text.replace("\n", "") == ZH
    assert doc.warnings == []


def test_chinese_two_columns(tmp_path, cjk_pdf):
    left = ["左栏：游泳训练每天60分钟，每周5天，持续6周。", "可以减轻坐骨神经损伤后的机械性痛觉超敏。"] * 6
    right = ["右栏：抗阻训练增加了骨骼肌中BDNF的表达。", "并改善了老年小鼠的运动功能和握力。"] * 6
    for i, (a, b) in enumerate(zip(left, right)):
        cjk_pdf.text(110, 40 + 7 * i, b)
        cjk_pdf.text(15, 40 + 7 * i, a)
    doc = read_pdf(save(cjk_pdf, tmp_path / "zh2.pdf"))
    assert doc.text.split("\n") == left + right


# ------------------------------------------------------------------ (d)-(f) broken PDFs


def test_encrypted_pdf(tmp_path):
    pdf = new_pdf()
    pdf.text(20, 30, SENTENCES[0])
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    path = save(pdf, tmp_path / "locked.pdf")
    with pytest.raises(EncryptedPDFError) as err:
        read_pdf(path)
    assert str(err.value) == f"{path}: PDF is encrypted (remove the password first, e.g. qpdf --decrypt)"


def test_owner_password_only_is_readable(tmp_path):
    pdf = new_pdf()
    pdf.text(20, 30, SENTENCES[1])
    pdf.set_encryption(owner_password="owner-secret")
    doc = read_pdf(save(pdf, tmp_path / "restricted.pdf"))
    assert doc.text == SENTENCES[1] and doc.warnings == []


def sample_bytes() -> bytes:
    pdf = new_pdf()
    for page in range(3):
        if page:
            pdf.add_page()
        for i, sentence in enumerate(SENTENCES * 5):
            pdf.text(20, 20 + 7 * i, f"{page}.{i} {sentence}")
    return bytes(pdf.output())


@pytest.mark.parametrize("keep", [0.5, 0.8])
def test_truncated_pdf_is_an_error_or_a_warning_never_a_crash(tmp_path, keep):
    data = sample_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    try:
        doc = read_pdf(path)
    except NoTextLayerError:
        pytest.fail("a truncated PDF must not be reported as a scan")
    except InputError as err:
        assert str(err).startswith(f"{path}: corrupt PDF")
    else:
        assert doc is not None and doc.text and doc.warnings


def test_pdf_cut_before_its_trailer_is_repaired_with_a_warning(tmp_path):
    data = sample_bytes()
    path = tmp_path / "no_trailer.pdf"
    path.write_bytes(data[: data.rfind(b"xref")])
    doc = read_pdf(path)
    assert doc.pages == 3 and "0.0 " + SENTENCES[0] in doc.text
    assert len(doc.warnings) == 1 and doc.warnings[0].startswith("damaged PDF (read after repair)")


def test_broken_xref_offsets_are_repaired_with_a_warning(tmp_path):
    data = sample_bytes()
    start = data.rfind(b"\nxref")
    shifted = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 9), data[start:])
    path = tmp_path / "bad_xref.pdf"
    path.write_bytes(data[:start] + shifted)
    doc = read_pdf(path)
    assert doc.pages == 3 and "2.19 " + SENTENCES[3] in doc.text
    assert "cross-reference" in doc.warnings[0]


def test_corrupt_stream_checksum_gives_a_warning(tmp_path):
    data = bytearray(sample_bytes())
    match = re.search(rb"stream\n", data)
    end = data.find(b"endstream", match.end())
    data[end - 3] ^= 0xFF       # inside the zlib checksum
    path = tmp_path / "bad_stream.pdf"
    path.write_bytes(bytes(data))
    doc = read_pdf(path)
    assert doc.text.strip()
    assert "compressed stream" in doc.warnings[0]


def image_only(pdf: FPDF) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 200, 200)).save(buffer, format="PNG")
    pdf.image(buffer, x=20, y=20, w=120)
    pdf.rect(20, 120, 100, 50, style="F")


def test_image_only_pdf_has_no_text_layer(tmp_path):
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        image_only(pdf)
    path = save(pdf, tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayerError) as err:
        read_pdf(path)
    assert str(err.value) == f"{path}: PDF has no text layer (scanned images) (run OCR first, e.g. ocrmypdf)"


def test_some_pages_without_text_give_a_warning(tmp_path):
    pdf = new_pdf()
    for i, sentence in enumerate(SENTENCES):
        pdf.text(20, 30 + 8 * i, sentence)
    for _ in range(2):
        pdf.add_page()
        image_only(pdf)
    doc = read_pdf(save(pdf, tmp_path / "mixed.pdf"))
    assert doc.pages == 3 and doc.text.endswith("\f\f")
    assert doc.warnings == ["pages 2-3 without text layer (scanned?): run OCR to read them"]


@pytest.mark.parametrize("content, reason", [(b"", "empty file"),
                                             (b"Treadmill running helps.\n", "not a PDF file")])
def test_not_a_pdf(tmp_path, content, reason):
    path = tmp_path / "fake.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason) as err:
        read_pdf(path)
    assert type(err.value) is InputError and "fake.pdf" in str(err.value)


def test_garbage_after_header_is_corrupt(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(1).randbytes(5000))
    with pytest.raises(InputError, match="corrupt PDF"):
        read_pdf(path)


# ------------------------------------------------------------------ speed


@pytest.mark.slow
def test_a_hundred_pages_are_fast(tmp_path):
    """Reading cost per page stays bounded (100 pages of two 50-line columns; the
    bound is per page, so a longer PDF proves no more)."""
    pdf = new_pdf(9)
    for page in range(100):
        if page:
            pdf.add_page()
        for i in range(50):
            pdf.text(15, 20 + 5 * i, f"p{page} L{i:02d} aerobic treadmill training reduced pain")
            pdf.text(110, 20 + 5 * i, f"p{page} R{i:02d} swimming exercise lowered TNF-alpha")
    path = save(pdf, tmp_path / "long.pdf")
    start = time.process_time()        # CPU seconds: the machine is shared, the clock is not this test's
    doc = read_pdf(path)
    per_page = (time.process_time() - start) / 100
    assert doc.pages == 100
    page = doc.text.split("\f")[73].split("\n")
    assert page[0].startswith("p73 L00") and page[49].startswith("p73 L49") and page[50].startswith("p73 R00")
    assert per_page < 0.2, f"{per_page:.3f} CPU s/page"


# ------------------------------------------------------------------ real PDFs


# file, pages, page index, phrase near the end of the left column, phrase at the
# top of the right column, a sentence that crosses a line break (hyphenated).
REAL = [
    ("bmc_review_dvt_prophylaxis.pdf", 4, 0,
     "anticoagulation with low molecular", "weight heparins (LMWHs) as the primary",
     "Although DVT alone is not life-threatening, a resulting pulmonary embolism"),
    ("hindawi_heart_failure_programmes.pdf", 6, 0,
     "reluctance to use the term [3].", "Heart failure places significant burden",
     "Supervised exercise sessions increased confidence to resume physical activity"),
    ("ieee_two_column_stereo.pdf", 6, 0,
     "together in the form of an image", "disparity map. Note that individual",
     "Stereo matching algorithms are nearly always designed to find matches"),
    ("clinsci_ace_inhibitors.pdf", 13, 1,
     "that would possess similar or improved", "active site interaction properties",
     "Parent molecule RXP407 and compound 33RE were dissolved in sterile distilled water"),
]


@needs_shared
@pytest.mark.parametrize("name, pages, page, left_end, right_top, sentence", REAL,
                         ids=[r[0].split("_")[0] for r in REAL])
def test_real_two_column_papers(name, pages, page, left_end, right_top, sentence):
    doc = read_pdf(CORPUS / "good" / name)
    assert doc.pages == pages and doc.text.count("\f") == pages - 1
    assert doc.warnings == []
    text = doc.text.split("\f")[page]
    assert 0 <= text.index(left_end) < text.index(right_top)
    assert sentence in unwrap(doc.text)
    assert "\ufffe" not in doc.text



@needs_shared
def test_real_columns_do_not_interleave():
    # BMC page 1: every left-column line of the Introduction comes before the
    # right column's first line, and the abstract (full width) before both.
    text = read_pdf(CORPUS / "good" / "bmc_review_dvt_prophylaxis.pdf").text.split("\f")[0]
    abstract = text.index("Deep venous thrombosis prophylaxis is essential")
    intro = text.index("Multisystem traumatic injury is a significant")
    right = text.index("weight heparins (LMWHs) as the primary")
    assert abstract < intro < text.index("Modalities available for trauma") < right
    assert text.index("Methods\nAll scientific publications") > right


@needs_shared
def test_real_line_end_hyphens_are_kept():
    text = read_pdf(CORPUS / "good" / "ieee_two_column_stereo.pdf").text
    assert "nearly always de-\nsigned" in text


@needs_shared
def test_real_encrypted():
    with pytest.raises(EncryptedPDFError, match="qpdf --decrypt"):
        read_pdf(CORPUS / "bad" / "encrypted_aes256.pdf")


@needs_shared
def test_real_image_only():
    with pytest.raises(NoTextLayerError, match="ocrmypdf"):
        read_pdf(CORPUS / "bad" / "image_only_no_text_layer.pdf")


@needs_shared
def test_real_corrupted_file_reads_with_a_warning():
    doc = read_pdf(CORPUS / "bad" / "corrupted_xref.pdf")
    assert doc.pages == 1
    assert "Beautiful is better than ugly" in doc.text
    assert doc.warnings and doc.warnings[0].startswith("damaged PDF (read after repair)")


@needs_shared
def test_real_pdfs_are_fast():
    pages, start = 0, time.process_time()     # CPU seconds, as above
    for name, *_ in REAL:
        pages += read_pdf(CORPUS / "good" / name).pages
    per_page = (time.process_time() - start) / pages
    assert per_page < 0.5, f"{per_page:.3f} CPU s/page"
