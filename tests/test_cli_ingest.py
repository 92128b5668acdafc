"""``litmine ingest`` guards: a mistyped --db folder, and folders holding a
project's own files (README, LICENSE, CHANGELOG) or hidden files."""
import re

from click.testing import CliRunner

from litmine.cli import cli

from helpers import CORPUS


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_db_in_a_missing_folder_is_refused_unless_create_dirs(tmp_path):
    db = tmp_path / "typo" / "dir" / "x.sqlite"
    res = run("ingest", CORPUS / "zh_treadmill_sni.txt", "--db", db)
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [
        f"Error: {db}: the folder {db.parent} does not exist (check --db for a typo, or add --create-dirs "
        "to create it)"]
    assert not (tmp_path / "typo").exists()
    res = run("ingest", CORPUS / "zh_treadmill_sni.txt", "--db", db, "--create-dirs")
    assert res.exit_code == 0 and "1 stored, 0 skipped, 0 failed" in res.output and db.is_file()


def test_folder_ingest_skips_and_names_project_and_hidden_files(tmp_path):
    folder = tmp_path / "papers"
    (folder / ".drafts").mkdir(parents=True)
    (folder / "paper.txt").write_text((CORPUS / "zh_treadmill_sni.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "README.md").write_text("# My reading list\nTreadmill running lowered TNF-α in mice.\n", encoding="utf-8")
    (folder / "CHANGELOG.md").write_text("Swimming reduced IL-6 in rats.\n", encoding="utf-8")
    (folder / ".notes.txt").write_text("Exercise lowered BDNF.\n", encoding="utf-8")
    (folder / ".drafts" / "d.txt").write_text("Exercise lowered GFAP.\n", encoding="utf-8")
    db = tmp_path / "t.sqlite"
    res = run("ingest", folder, "--db", db)
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert [ln for ln in lines if ln.startswith("ignored  ")] == [
        f"ignored  {folder}/.drafts/: hidden folder", f"ignored  {folder}/.notes.txt: hidden file",
        f"ignored  {folder}/CHANGELOG.md: project file, not a paper",
        f"ignored  {folder}/README.md: project file, not a paper"]
    assert "1 stored, 0 skipped, 0 failed" in lines
    assert re.search(r"^4 ignored in folders \(hidden or README/LICENSE-like, not papers; --all-files reads them\)",
                     res.output, re.M)
    docs = run("export", "--db", db, "--table", "documents", "--format", "csv").output
    assert "paper.txt" in docs and "README.md" not in docs
    res = run("ingest", folder, "--db", db, "--all-files", "-q")
    assert res.output.splitlines() == ["4 stored, 1 skipped, 0 failed"]


def test_folder_with_only_project_files_is_an_error(tmp_path):
    (tmp_path / "README.md").write_text("Exercise lowered TNF-α.\n", encoding="utf-8")
    res = run("ingest", tmp_path, "--db", tmp_path / "t.sqlite")
    assert res.exit_code == 1 and f"no papers found in {tmp_path}, only ignored files" in res.output
    res = run("ingest", tmp_path / "README.md", "--db", tmp_path / "t.sqlite")  # named: read
    assert res.exit_code == 0 and "1 stored" in res.output


def test_damaged_text_is_stored_with_one_low_quality_warning(tmp_path):
    """Issue 9 (text faults): U+FFFD in a file is reported on the document's line."""
    paper = tmp_path / "damaged.txt"
    paper.write_text("Treadmill running lowered spinal IL-6 in rats \ufffd\ufffd after nerve injury.\n", encoding="utf-8")
    db = tmp_path / "t.sqlite"
    res = run("ingest", paper, "--db", db)
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith(f"stored   {paper}"))
    assert lines[at + 1].startswith("  warning: low text quality: 2 replacement characters (U+FFFD)")
    docs = run("export", "--db", db, "--table", "documents", "--format", "jsonl").output
    assert "low text quality" in docs
