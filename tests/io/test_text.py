"""Text reader and input-path expansion: encodings, errors, folder walking."""
from __future__ import annotations

import codecs
import hashlib
import os
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litmine.errors import InputError
from litmine.io import SUPPORTED_SUFFIXES, iter_input_paths, project_file_reason, read_path
from litmine.io.text import read_text_file

# Bilingual sentences written for these tests.
SIMPLIFIED = (
    "运动训练降低了脊髓中TNF-α的表达。Treadmill running reduced IL-1β in the spinal cord.\n"
    "有氧运动改善了慢性疼痛大鼠的痛阈（P＜0.05），游泳训练每周5次、持续6周。\n"
    "Resistance exercise increased BDNF in skeletal muscle of aged mice.\n"
)
TRADITIONAL = (
    "運動訓練降低了脊髓中TNF-α的表達。Treadmill running reduced IL-1β.\n"
    "有氧運動改善了慢性疼痛大鼠的痛閾，游泳訓練每週五次。\n"
)
# "€" is outside GBK: only GB18030 has it (as A2E3).
GB18030_ONLY = "每次康复训练的费用约为5€。太极拳练习12周后疼痛评分下降。\n"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    "text, data, encoding",
    [
        (SIMPLIFIED, SIMPLIFIED.encode("utf-8"), "utf-8"),
        (SIMPLIFIED, codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
        (SIMPLIFIED, SIMPLIFIED.encode("gbk"), "gbk"),
        (GB18030_ONLY, GB18030_ONLY.encode("gb18030"), "gb18030"),
        (TRADITIONAL, TRADITIONAL.encode("big5"), "big5"),
        (SIMPLIFIED, codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
        (SIMPLIFIED, codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),   # no BOM: detected
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),   # no BOM: detected
        (SIMPLIFIED, codecs.BOM_UTF32_LE + SIMPLIFIED.encode("utf-32-le"), "utf-32-le"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "big5", "utf16le-bom", "utf16be-bom",
         "utf16be", "utf16le", "utf32le-bom"],
)
def test_encodings_are_detected(tmp_path, text, data, encoding):
    doc = read_text_file(write(tmp_path, "paper.txt", data))
    assert doc.text == text
    assert doc.encoding == encoding
    assert doc.format == "txt"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.pages is None and doc.warnings == []


def test_short_gbk_and_big5_are_not_confused(tmp_path):
    # Both byte strings are valid in either codec; only the right one reads as Chinese.
    gbk = read_text_file(write(tmp_path, "a.txt", "运动减轻疼痛。".encode("gbk")))
    big5 = read_text_file(write(tmp_path, "b.txt", "運動減輕疼痛。".encode("big5")))
    assert (gbk.text, gbk.encoding) == ("运动减轻疼痛。", "gbk")
    assert (big5.text, big5.encoding) == ("運動減輕疼痛。", "big5")


def test_western_single_byte_file_uses_charset_normalizer(tmp_path):
    text = "Naïve rats ran 5 days/week; the café-au-lait spots faded (±2 µg).\n" * 3
    doc = read_text_file(write(tmp_path, "latin.txt", text.encode("cp1252")))
    assert doc.text == text
    assert doc.encoding in ("cp1252", "latin_1", "iso8859_15")


def test_newlines_are_normalised_and_nothing_else_changes(tmp_path):
    raw = "第一行  有两个空格\r\nsecond line\tTab\rthird line\u00ad soft hyphen\n"
    doc = read_text_file(write(tmp_path, "crlf.txt", raw.encode("utf-8")))
    assert doc.text == "第一行  有两个空格\nsecond line\tTab\nthird line\u00ad soft hyphen\n"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"),
                                      blacklist_characters="\ufeff"),
               min_size=1).filter(lambda s: s.strip()))
def test_utf8_and_utf16_round_trip(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("rt")
    assert read_text_file(write(folder, "u8.txt", text.encode("utf-8"))).text == text
    data16 = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert read_text_file(write(folder, "u16.txt", data16)).text == text


# ------------------------------------------------------------------ explicit encoding


def test_explicit_encoding_is_used_strictly(tmp_path):
    path = write(tmp_path, "gbk.txt", SIMPLIFIED.encode("gbk"))
    doc = read_text_file(path, encoding="GB18030")
    assert doc.text == SIMPLIFIED and doc.encoding == "gb18030"


def test_explicit_wrong_encoding_says_so(tmp_path):
    path = write(tmp_path, "gbk_paper.txt", SIMPLIFIED.encode("gbk"))
    with pytest.raises(InputError) as err:
        read_text_file(path, encoding="utf-8")
    message = str(err.value)
    assert "gbk_paper.txt" in message
    assert "cannot be decoded as utf-8" in message
    assert "\n" not in message


def test_explicit_utf8_drops_bom(tmp_path):
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + b"Exercise helps.\n")
    assert read_text_file(path, encoding="utf-8").text == "Exercise helps.\n"


def test_unknown_encoding_name(tmp_path):
    path = write(tmp_path, "x.txt", b"hello")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_text_file(path, encoding="klingon")


# ------------------------------------------------------------------ errors


def test_empty_file(tmp_path):
    path = write(tmp_path, "empty.txt", b"")
    with pytest.raises(InputError) as err:
        read_text_file(path)
    assert "empty.txt" in str(err.value) and "empty file" in str(err.value)


def test_whitespace_only_file(tmp_path):
    path = write(tmp_path, "blank.txt", " \n\t\r\n　\n".encode("utf-8"))
    with pytest.raises(InputError) as err:
        read_text_file(path)
    assert "blank.txt" in str(err.value) and "empty file" in str(err.value)


def test_binary_data_named_txt(tmp_path):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    path = write(tmp_path, "figure.txt", data)
    with pytest.raises(InputError) as err:
        read_text_file(path)
    assert "figure.txt" in str(err.value)
    assert "binary data, not text" in str(err.value)
    assert "PNG" in str(err.value)


def test_pdf_named_txt_gets_a_hint(tmp_path):
    path = write(tmp_path, "paper.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n\x00\x01stream")
    with pytest.raises(InputError, match="binary data.*give it a .pdf suffix"):
        read_text_file(path)


def test_random_bytes_are_rejected(tmp_path):
    data = random.Random(7).randbytes(4000)
    path = write(tmp_path, "noise.txt", data)
    with pytest.raises(InputError) as err:
        read_text_file(path)
    assert "noise.txt" in str(err.value)
    assert "binary data" in str(err.value)


def test_undecodable_high_bytes_suggest_an_encoding(tmp_path):
    # No NULs or control bytes, invalid in UTF-8, GB18030 and Big5 (0x80/0xFF
    # cannot start a character), and gibberish in every single-byte codepage.
    rng = random.Random(3)
    data = bytes(rng.choice([0x80, 0xFF, 0x9F, 0xC3, 0x28, 0xA0]) for _ in range(3000))
    path = write(tmp_path, "garbled.txt", data)
    with pytest.raises(InputError) as err:
        read_text_file(path)
    message = str(err.value)
    assert "garbled.txt" in message
    assert "binary data" in message or "pass --encoding gb18030" in message


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        read_text_file(tmp_path / "nope.txt")


# ------------------------------------------------------------------ read_path


def test_read_path_dispatches_on_suffix_case_insensitively(tmp_path):
    path = write(tmp_path, "NOTES.TXT", SIMPLIFIED.encode("gbk"))
    doc = read_path(path)
    assert doc.text == SIMPLIFIED and doc.format == "txt" and doc.path == str(path)
    md = write(tmp_path, "readme.md", "# 运动\n有氧运动。\n".encode("utf-8"))
    assert read_path(md).text == "# 运动\n有氧运动。\n"


def test_read_path_passes_encoding(tmp_path):
    path = write(tmp_path, "big5.txt", TRADITIONAL.encode("big5"))
    assert read_path(path, encoding="big5").encoding == "big5"


def test_read_path_rejects_unsupported_and_folders(tmp_path):
    doc = write(tmp_path, "paper.docx", b"PK\x03\x04")
    with pytest.raises(InputError, match=r"unsupported file type '\.docx'.*\.txt, \.md, \.pdf"):
        read_path(doc)
    with pytest.raises(InputError, match="is a folder"):
        read_path(tmp_path)
    with pytest.raises(InputError, match="no such file or directory"):
        read_path(tmp_path / "missing.pdf")


# ------------------------------------------------------------------ iter_input_paths


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "corpus"
    for rel in ["b.txt", "A.pdf", "notes.docx", "sub/c.md", "sub/deep/d.TXT", "sub/image.png",
                ".hidden.txt", ".git/config.txt", "sub/.cache/e.txt", "z/E.Pdf"]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("运动 exercise\n", encoding="utf-8")
    return root


def rel(paths, root):
    return [p.relative_to(root).as_posix() for p in paths]


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES[:3] == (".txt", ".md", ".pdf") and ".ris" in SUPPORTED_SUFFIXES


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tree):
    found = list(iter_input_paths([tree]))
    assert rel(found, tree) == ["A.pdf", "b.txt", "sub/c.md", "sub/deep/d.TXT", "z/E.Pdf"]
    assert list(iter_input_paths([str(tree)])) == found          # str accepted, deterministic


def test_explicit_files_are_yielded_as_given(tree):
    hidden = tree / ".hidden.txt"
    found = list(iter_input_paths([hidden, tree / "b.txt", tree / "b.txt"]))
    assert found == [hidden, tree / "b.txt"]                       # duplicates once


def test_explicit_unsupported_file(tree):
    with pytest.raises(InputError) as err:
        list(iter_input_paths([tree / "notes.docx"]))
    assert "notes.docx" in str(err.value)
    assert ".txt, .md, .pdf" in str(err.value)


def test_nonexistent_path(tmp_path):
    missing = tmp_path / "no_such_folder"
    with pytest.raises(InputError) as err:
        list(iter_input_paths([missing]))
    assert str(err.value) == f"{missing}: no such file or directory (check the path)"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_terminates(tree):
    os.symlink(tree, tree / "sub" / "loop")                       # sub/loop -> corpus
    os.symlink(tree / "sub", tree / "sub" / "deep" / "up")         # deep/up -> sub
    found = list(iter_input_paths([tree]))
    assert rel(found, tree) == ["A.pdf", "b.txt", "sub/c.md", "sub/deep/d.TXT", "z/E.Pdf"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_broken_symlink_in_folder_is_skipped(tree):
    os.symlink(tree / "gone.txt", tree / "sub" / "dangling.txt")
    assert "sub/dangling.txt" not in rel(iter_input_paths([tree]), tree)


@pytest.mark.parametrize("name, reason", [
    ("README.md", "project file"), ("readme.txt", "project file"), ("README.zh-CN.md", "project file"),
    ("LICENSE.txt", "project file"), ("CHANGELOG.md", "project file"), ("CONTRIBUTING.md", "project file"),
    (".notes.txt", "hidden"), (".git", "hidden"),
    ("news_exercise.txt", None), ("history_of_running.pdf", None), ("a.README.md", None), ("paper.md", None),
])
def test_project_file_reason(name, reason):
    assert project_file_reason(name) == reason


def test_folder_walk_reports_project_and_hidden_files(tmp_path):
    for rel_path in ("paper.txt", "README.md", "sub/CHANGELOG.md", "sub/trial.md", ".draft.txt", ".cache/x.txt",
                     "LICENSE"):
        (tmp_path / rel_path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel_path).write_text("x", encoding="utf-8")
    skipped = []
    found = list(iter_input_paths([tmp_path], on_skip=lambda p, why: skipped.append((rel([p], tmp_path)[0], why))))
    assert rel(found, tmp_path) == ["paper.txt", "sub/trial.md"]
    assert skipped == [(".cache", "hidden folder"), (".draft.txt", "hidden file"), ("LICENSE", "project file, not a paper"),
                       ("README.md", "project file, not a paper"), ("sub/CHANGELOG.md", "project file, not a paper")]
    every = list(iter_input_paths([tmp_path], all_files=True))
    assert rel(every, tmp_path) == [".cache/x.txt", ".draft.txt", "README.md", "paper.txt", "sub/CHANGELOG.md",
                                    "sub/trial.md"]
    assert list(iter_input_paths([tmp_path / "README.md"])) == [tmp_path / "README.md"]  # named: always read


def test_mostly_ascii_single_byte_file_is_read_as_cp1252(tmp_path):
    # One accented byte: charset detectors tie dozens of codepages (Greek, Hebrew, Arabic...).
    path = write(tmp_path, "one_byte.txt", "Running reduced TNF-\u00e9 expression in caf\u00e9 workers.".encode("cp1252"))
    doc = read_text_file(path)
    assert doc.encoding == "cp1252"
    assert "TNF-\u00e9 expression" in doc.text and not doc.warnings


def test_utf8_file_with_stray_cp1252_bytes_keeps_both_and_warns(tmp_path):
    data = ("Exercise \u201creduced\u201d TNF-\u03b1".encode("utf-8")
            + " and IL-1\u00df in rats.".encode("cp1252"))
    doc = read_text_file(write(tmp_path, "mixed.txt", data))
    assert doc.text == "Exercise \u201creduced\u201d TNF-\u03b1 and IL-1\u00df in rats."
    assert doc.encoding == "utf-8+cp1252"
    assert len(doc.warnings) == 1 and "Windows-1252" in doc.warnings[0]


def test_mostly_non_utf8_bytes_are_not_taken_for_utf8(tmp_path):
    # A Cyrillic KOI8-R text with one valid UTF-8 pair is no UTF-8 file with stray bytes.
    data = "\u00e9 ".encode("utf-8") + ("\u0411\u0435\u0433 \u0443\u043c\u0435\u043d\u044c\u0448\u0438\u043b \u0431\u043e\u043b\u044c " * 5).encode("koi8_r")
    doc = read_text_file(write(tmp_path, "koi.txt", data))
    assert doc.encoding != "utf-8+cp1252"


def test_trailing_nul_padding_is_dropped_with_a_warning(tmp_path):
    body = "Swimming reduced cold allodynia in mice with oxaliplatin neuropathy.\n".encode("utf-8")
    path = write(tmp_path, "padded.txt", body + b"\x00" * 512)
    raw = read_text_file(path)
    assert raw.text == body.decode("utf-8")
    assert raw.warnings == ["512 NUL bytes removed (stray or padding bytes in a text file)"]


def test_a_stray_nul_in_long_text_is_dropped(tmp_path):
    text = "Resistance training for eight weeks lowered serum IL-6 in older adults. " * 40
    data = text.encode("utf-8")
    data = data[:1000] + b"\x00" + data[1000:]
    raw = read_text_file(write(tmp_path, "stray.txt", data))
    assert raw.text == text and raw.warnings == ["1 NUL byte removed (stray or padding bytes in a text file)"]


def test_many_nuls_inside_are_still_binary(tmp_path):
    data = b"Exercise\x00 reduced\x00 pain\x00 in rats\x00." * 20
    with pytest.raises(InputError, match="nuls.txt: binary data, not text"):
        read_text_file(write(tmp_path, "nuls.txt", data))
