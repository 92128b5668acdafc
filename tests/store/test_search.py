"""Full-text search (issue 12): the query language, Chinese words in the jieba shadow column,
English stemming and phrases, the index kept in sync with the sentences, the v4 -> v5 migration."""
import json
import sqlite3

import pytest
from click.testing import CliRunner
from sqlalchemy import text

import litmine
from litmine.cli import cli
from litmine.errors import QueryError
from litmine.nlp.search_words import index_words, term_words
from litmine.store.db import connect, schema_version
from litmine.store.schema import SCHEMA_VERSION
from litmine.store.search import MAX_QUERY_CHARS, MAX_TERMS, fts_query, parse

# Sentences written for these tests (one per line; each its own sentence).
EN = ("Treadmill running for six weeks reduced TNF-α expression in the spinal dorsal horn of rats with nerve injury.\n"
      "Swimming training increased BDNF levels in the hippocampus of diabetic mice.\n"
      "Resistance exercise did not change IL-6 concentrations in older adults.\n"
      "The treadmill protocol consisted of 30 minutes per day at 12 m/min.\n")
ZH = ("跑台运动降低了SNI大鼠脊髓背角炎症反应和TNF-α的表达。\n"
      "游泳运动提高了糖尿病小鼠海马BDNF水平。\n"
      "运动组小胶质细胞活化明显减少。\n"
      "抗阻训练对老年人血清IL-6无显著影响。\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search")
    (folder / "en_search.txt").write_text(EN, encoding="utf-8")
    (folder / "zh_search.txt").write_text(ZH, encoding="utf-8")
    path = folder / "litmine.sqlite"
    res = litmine.ingest([folder / "en_search.txt", folder / "zh_search.txt"], db=path)
    assert [r.status for r in res] == ["stored", "stored"]
    return path


def found(db, query, **kw):
    """The searched sentences (their text), best first."""
    return [r["sentence"] for r in litmine.search(query, db=db, **kw)]


def starting(rows, *prefixes):
    return sorted(p for p in prefixes if any(r.startswith(p) for r in rows))


# ---- segmentation and translation (no database) ----

def test_index_words_hold_compounds_and_their_parts():
    words = index_words("跑台运动降低了炎症反应").split()
    assert {"跑台运动", "跑台", "运动", "炎症反应", "炎症", "反应"} <= set(words)
    assert "小胶质细胞" in index_words("运动组小胶质细胞活化明显减少").split()   # a 5-character sub-word
    assert index_words("ＴＮＦ－α升高") == index_words("TNF-α升高")                 # read in NFKC
    assert index_words("English only, no Han characters.") is None
    # words, not character strings: 进行为期 holds 行为 (behaviour) only as characters
    words = index_words("大鼠进行为期6周的跑台训练").split()
    assert {"进行", "为期", "跑台训练", "跑台", "训练"} <= set(words) and "行为" not in words


def test_term_words_are_precise_segmentation():
    assert term_words("跑台运动") == ["跑台运动"]
    assert term_words("TNF-α 表达") == ["TNF", "α", "表达"]
    assert term_words("spinal cord") == ["spinal", "cord"]


@pytest.mark.parametrize("query, expr", [
    ("treadmill AND TNF", '("treadmill" AND "TNF")'),
    ("treadmill TNF", '("treadmill" AND "TNF")'),
    ("跑台 炎症", '("跑台" AND "炎症")'),
    ('"spinal cord"', '"spinal cord"'),
    ('"spinal cord"*', '"spinal cord"*'),
    ("treadm*", '"treadm"*'),
    ("TNF-α", '"TNF-α"'),
    ("a OR b NOT c", '("a" OR ("b" NOT "c"))'),
    ("(a OR b) AND c", '(("a" OR "b") AND "c")'),
    ("运动 - 炎症", '("运动" AND "炎症")'),          # punctuation alone is no term
    ("TNF-α表达", 'NEAR("TNF" "α" "表达", 10)'),
    ("a AND NOT b", '("a" NOT "b")'),
    ("（跑台 OR 游泳） ＴＮＦ", '(("跑台" OR "游泳") AND "TNF")'),   # full-width, as an input method types
    ("“spinal cord”", '"spinal cord"'),
    ("pain -exercise", '("pain" NOT "exercise")'),          # a leading minus is NOT
    ("pain AND -exercise rat", '(("pain" NOT "exercise") AND "rat")'),
    ('pain -"spinal cord"', '("pain" NOT "spinal cord")'),
    ("pain -(rat OR mouse)", '("pain" NOT ("rat" OR "mouse"))'),
    ("IL-6 -TNF-α", '("IL-6" NOT "TNF-α")'),                # a minus inside a word is the word's
    ("IL-1β", '("IL-1β" OR words : "IL 1 β")'),            # FTS5 reads 1β as one token, jieba as two
])
def test_fts_query(query, expr):
    assert fts_query(parse(query)) == expr


@pytest.mark.parametrize("query, message", [
    ("", "nothing to search for"),
    ("  AND  ", "nothing to search for"),
    ("NOT rat", "NOT needs a term before it"),
    ("-exercise pain", r"-exercise means NOT exercise and needs a term before it \(pain -exercise"),
    ("pain OR -rat", "-rat means NOT rat and needs a term before it"),
    ("treadmill AND", "the query ends with AND; add a term after it"),
    ("treadmill OR OR rat", "OR follows another operator"),
    ('"spinal cord', "a quote is not closed"),
    ('say"s', "a quote is not closed"),
    ("(treadmill OR rat", "a parenthesis is not closed"),
    ("treadmill) rat", "a closing parenthesis has no opening one"),
    ("rat ()", "empty parentheses"),
    ("* rat", r"'\*' must end a word"),
    ("x" * (MAX_QUERY_CHARS + 1), f"at most {MAX_QUERY_CHARS}"),
    (" ".join(["w"] * (MAX_TERMS + 1)), f"{MAX_TERMS + 1} terms; at most {MAX_TERMS}"),
    ("(" * 20 + "a" + ")" * 20, "more than 16 nested parentheses"),
])
def test_invalid_queries_are_one_line_errors(query, message):
    with pytest.raises(QueryError, match=message) as err:
        parse(query)
    assert "\n" not in str(err.value)


# ---- searching a database ----

def test_two_character_chinese_words(db):
    rows = found(db, "运动")            # inside 跑台运动, 游泳运动 and 运动组, not in 抗阻训练
    assert starting(rows, "跑台运动", "游泳运动", "运动组", "抗阻训练") == ["游泳运动", "跑台运动", "运动组"]
    assert found(db, "炎症") == ["跑台运动降低了SNI大鼠脊髓背角炎症反应和TNF-α的表达。"]     # inside 炎症反应
    assert found(db, "跑台 炎症") == found(db, "炎症")
    assert found(db, "跑台 AND 游泳") == []
    assert starting(found(db, "小胶质细胞"), "运动组") == ["运动组"]
    assert starting(found(db, "跑台 OR 游泳"), "跑台", "游泳") == ["游泳", "跑台"]
    assert starting(found(db, "运动 NOT 跑台"), "跑台", "游泳", "运动组") == ["游泳", "运动组"]


def test_english_terms_phrases_and_booleans(db):
    assert starting(found(db, "treadmill"), "Treadmill running", "The treadmill") == ["The treadmill",
                                                                                     "Treadmill running"]
    assert starting(found(db, "treadmill AND TNF"), "Treadmill", "The") == ["Treadmill"]
    assert len(found(db, "treadmill AND TNF")) == 1
    assert starting(found(db, "run"), "Treadmill") == ["Treadmill"]                   # porter: running
    assert starting(found(db, '"spinal dorsal horn"'), "Treadmill") == ["Treadmill"]
    assert found(db, '"dorsal spinal horn"') == []
    assert starting(found(db, "swim*"), "Swimming") == ["Swimming"]
    assert starting(found(db, "treadmill NOT protocol"), "Treadmill", "The") == ["Treadmill"]
    assert found(db, "treadmill AND NOT protocol") == found(db, "treadmill NOT protocol")
    assert found(db, "ｔｒｅａｄｍｉｌｌ") == found(db, "treadmill")
    assert starting(found(db, "swimming OR resistance"), "Swimming", "Resistance") == ["Resistance", "Swimming"]
    assert starting(found(db, "(swimming OR resistance) AND mice"), "Swimming", "Resistance") == ["Swimming"]


def test_latin_terms_in_chinese_sentences_and_filters(db):
    assert starting(found(db, "BDNF"), "Swimming", "游泳") == ["Swimming", "游泳"]
    assert starting(found(db, "BDNF", lang="zh"), "Swimming", "游泳") == ["游泳"]
    assert starting(found(db, "TNF-α"), "Treadmill", "跑台") == ["Treadmill", "跑台"]
    assert starting(found(db, "BDNF", doc="en_search.txt"), "Swimming", "游泳") == ["Swimming"]
    assert len(found(db, "运动 OR treadmill", limit=2)) == 2
    with pytest.raises(QueryError, match="no such document"):
        litmine.search("BDNF", db=db, doc="nothing_like_it.txt")
    with pytest.raises(ValueError, match="lang="):
        litmine.search("BDNF", db=db, lang="fr")


def test_hits_and_relations(db):
    (zh,) = litmine.search("炎症", db=db)
    assert [zh["sentence"][s:e] for s, e in zh["hits"]] == ["炎症"]
    assert zh["lang"] == "zh" and zh["doc"] == "zh_search.txt"
    (en,) = litmine.search("treadmill AND TNF", db=db)
    # TNF names a concept: its other names are searched too, and the whole name is the hit
    assert [en["sentence"][s:e] for s, e in en["hits"]] == ["Treadmill", "TNF-α"]
    (exact,) = litmine.search("treadmill AND TNF", db=db, concepts=False)
    assert [exact["sentence"][s:e] for s, e in exact["hits"]] == ["Treadmill", "TNF"]
    assert ("decrease", "TNF-α") in {(r["direction"], r["target"]) for r in en["relations"]}
    with _engine(db) as eng, eng.connect() as conn:            # offsets point into the document text
        doc_text = conn.execute(text("SELECT text FROM documents WHERE id = :i"), {"i": en["document_id"]}).scalar()
    assert doc_text[en["sentence_start"]:en["sentence_end"]] == en["sentence"]
    (tnf_zh,) = litmine.search("TNF", db=db, lang="zh", concepts=False)   # a Latin word found in the words column
    assert [tnf_zh["sentence"][s:e] for s, e in tnf_zh["hits"]] == ["TNF"]


class _engine:
    def __init__(self, path):
        self.engine = connect(path, create=False)

    def __enter__(self):
        return self.engine

    def __exit__(self, *exc):
        self.engine.dispose()


def _integrity_ok(path):
    con = sqlite3.connect(path)
    try:
        con.execute("INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        con.close()


def test_index_follows_reingest_and_delete(tmp_path):
    f = tmp_path / "zh.txt"
    f.write_text(ZH, encoding="utf-8")
    path = tmp_path / "db.sqlite"
    litmine.ingest([f], db=path)
    before = found(path, "运动")
    litmine.ingest([f], db=path, force=True)          # replaced in place: the same hits, once each
    assert found(path, "运动") == before and len(before) == 3
    _integrity_ok(path)
    with _engine(path) as eng, eng.begin() as conn:
        conn.execute(text("DELETE FROM documents"))   # sentences go by cascade, their index entries with them
    assert found(path, "运动") == [] and found(path, "BDNF") == []
    _integrity_ok(path)
    with _engine(path) as eng, eng.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sentences_fts_docsize")).scalar() == 0


def test_standard_sqlite_reads_the_index(db):
    """No custom tokenizer: Python's own sqlite3 (as the sqlite3 shell, Datasette,
    sqlite-utils) searches the file."""
    con = sqlite3.connect(db)
    try:
        n_zh = con.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '运动'").fetchone()[0]
        n_en = con.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'treadmill'").fetchone()[0]
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'sentences_fts'").fetchone()[0]
    finally:
        con.close()
    assert (n_zh, n_en) == (3, 2)
    assert 'content="sentences"' in sql                 # what Datasette and sqlite-utils detect


def test_sqlite_utils_finds_and_searches_the_index(db):
    """sqlite-utils (Datasette's sibling, by the same author) detects the index as the FTS
    table of ``sentences`` and searches it with its own SQL."""
    sqlite_utils = pytest.importorskip("sqlite_utils")
    table = sqlite_utils.Database(db)["sentences"]
    assert table.detect_fts() == "sentences_fts"
    assert len(list(table.search("运动", columns=["text"]))) == 3
    (row,) = table.search('"spinal dorsal horn"', columns=["text"])
    assert row["text"].startswith("Treadmill running")


def test_version_4_database_is_indexed_by_the_migration(tmp_path, monkeypatch):
    monkeypatch.setattr("litmine.store.search.FILL_BATCH", 3)      # several pages of stored sentences
    f = tmp_path / "zh.txt"
    f.write_text(ZH, encoding="utf-8")
    path = tmp_path / "v4.sqlite"
    litmine.ingest([f], db=path)
    con = sqlite3.connect(path)                        # make it a version-4 database
    for stmt in ("DROP TRIGGER sentences_ai", "DROP TRIGGER sentences_ad", "DROP TRIGGER sentences_au",
                 "DROP TABLE sentences_fts", "ALTER TABLE sentences DROP COLUMN words",
                 "UPDATE meta SET value = '4' WHERE key = 'schema_version'"):
        con.execute(stmt)
    con.commit()
    con.close()
    with _engine(path) as eng:
        assert schema_version(eng) == SCHEMA_VERSION
    assert len(found(path, "运动")) == 3 and len(found(path, "炎症")) == 1
    assert found(path, "训练") == ["抗阻训练对老年人血清IL-6无显著影响。"]          # the last page too
    _integrity_ok(path)


def test_a_dropped_index_is_made_again_when_opened(tmp_path):
    f = tmp_path / "zh.txt"
    f.write_text(ZH, encoding="utf-8")
    path = tmp_path / "db.sqlite"
    litmine.ingest([f], db=path)
    sqlite_utils = pytest.importorskip("sqlite_utils")
    sqlite_utils.Database(path)["sentences"].disable_fts()      # drops the table and its triggers
    assert len(found(path, "运动")) == 3
    _integrity_ok(path)
    litmine.ingest([f], db=path, force=True)                    # and the triggers keep it in step again
    assert len(found(path, "运动")) == 3
    _integrity_ok(path)


# ---- the command ----

def test_cli_search_formats(db):
    run = CliRunner().invoke(cli, ["search", "跑台", "炎症", "--db", str(db), "--format", "jsonl"])
    assert run.exit_code == 0, run.output
    (row,) = [json.loads(line) for line in run.output.splitlines()]
    assert row["doc"] == "zh_search.txt" and row["sentence"].startswith("跑台运动")
    run = CliRunner().invoke(cli, ["search", "treadmill AND TNF", "--db", str(db)])
    assert run.exit_code == 0, run.output
    lines = run.output.splitlines()
    assert lines[0] == "en_search.txt" and lines[2].strip().startswith("Treadmill running")
    assert any("-decrease-> TNF-α" in line for line in lines)
    assert lines[-1] == "(1 sentence in 1 document, best first)"
    run = CliRunner().invoke(cli, ["search", "treadmill", "--db", str(db), "--format", "csv"])
    assert run.exit_code == 0 and run.output.splitlines()[0].startswith("doc,document_id,sentence_id")


def test_cli_search_filters(db):
    run = CliRunner().invoke(cli, ["search", "BDNF", "--db", str(db), "--lang", "zh", "--format", "jsonl"])
    assert [json.loads(line)["sentence"][:4] for line in run.output.splitlines()] == ["游泳运动"]
    run = CliRunner().invoke(cli, ["search", "BDNF", "--db", str(db), "--document", "en_search", "--format", "jsonl"])
    assert [json.loads(line)["doc"] for line in run.output.splitlines()] == ["en_search.txt"]
    run = CliRunner().invoke(cli, ["search", "运动", "OR", "treadmill", "--db", str(db), "--limit", "2"])
    last = run.output.splitlines()[-1]
    assert last.startswith("(2 sentences in ") and last.endswith("best first; the first 2, --limit for more)")


@pytest.mark.parametrize("args, message", [
    (["NOT", "rat"], "Error: search 'NOT rat': NOT needs a term before it"),
    (['"spinal'], "Error: search '\"spinal': a quote is not closed; close it or remove it"),
])
def test_cli_bad_query_is_one_line(db, args, message):
    run = CliRunner().invoke(cli, ["search", *args, "--db", str(db)])
    assert run.exit_code == 1
    assert run.output.strip() == message


def test_terminal_styles_the_words_found():
    from litmine.formats.terminal import HIT_STYLE, search_lines
    row = {"doc": "zh.txt", "document_id": 1, "sentence_id": 3, "sentence_index": 2, "lang": "zh", "section": "",
           "page": None, "score": 1.5, "sentence": "跑台运动\n\n降低了炎症。", "hits": [[9, 11]],
           "relations": [{"exercise": "treadmill", "direction": "decrease", "target": "inflammation",
                          "negated": False, "hedged": True}]}
    heading, where, sentence, relation = search_lines([row])
    assert heading.plain == "zh.txt" and where.plain == "1  zh  sentence 2  score 1.5"
    (span,) = [s for s in sentence.spans if s.style == HIT_STYLE]
    assert sentence.plain.strip() == "跑台运动 降低了炎症。" and sentence.plain[span.start:span.end] == "炎症"
    assert relation.plain.strip() == "-> treadmill -decrease-> inflammation [hedged]"


def test_a_molecule_is_found_by_its_names_in_both_languages(db):
    """肿瘤坏死因子 (TNF-α's Chinese name) finds the sentences that write TNF-α, in both languages; --exact does not."""
    got = litmine.search("肿瘤坏死因子", db=db)
    assert {r["lang"] for r in got} == {"en", "zh"} and all("TNF" in r["sentence"] for r in got)
    assert litmine.search("肿瘤坏死因子", db=db, concepts=False) == []
    res = CliRunner().invoke(cli, ["search", "肿瘤坏死因子", "--exact", "--db", str(db)])
    assert res.exit_code == 0 and "no sentences match" in res.output
