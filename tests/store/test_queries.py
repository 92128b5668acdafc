"""Relation queries at size: whole-name filters on indexed keys, streamed results and exports."""
from __future__ import annotations

import csv
import io
import re
import types

import pytest

from litmine.pipeline import process_text
from litmine.store.db import connect, write_document
from litmine.store.queries import (JSON_TEXT_COLUMNS, RELATION_COLUMNS, iter_relations, relation_records, relations,
                                   table_rows)
from litmine.store.rows import document_rows, name_key, relation_keys
from litmine.formats.tables import write_csv_records, write_rows

EN = ("Swimming decreased IL-1 and increased IL-10 in the spinal cord of CCI rats. "
      "Treadmill running reduced TNF-α in the dorsal horn of SNI mice.")
ZH = "8周跑台运动降低了SNI小鼠脊髓TNF-α的表达[3]。"


@pytest.fixture
def filled(engine):
    write_document(engine, document_rows(process_text(EN, "en.txt")))
    write_document(engine, document_rows(process_text(ZH, "zh.txt")))
    return engine


def pairs(rows):
    return sorted({(r["exercise"], r["target"]) for r in rows})


def test_a_target_filter_matches_whole_names_not_substrings(filled):
    assert pairs(relations(filled, target="IL-1")) == [("swimming", "IL1")]          # not IL-10
    assert pairs(relations(filled, target="IL-10")) == [("swimming", "IL-10")]
    assert relations(filled, target="IL") == [] and relations(filled, target="TN") == []
    # a synonym, either language, the concept id, or the stored name in another case
    for value in ("TNF", "tumour necrosis factor alpha", "肿瘤坏死因子", "HGNC:11892", "tnf-α"):
        assert pairs(relations(filled, target=value)) == [("treadmill", "TNF-α")], value


def test_exercise_filters_take_the_class_and_the_classes_under_it(filled):
    assert pairs(relations(filled, exercise="swimming")) == [("swimming", "IL-10"), ("swimming", "IL1")]
    assert {r["exercise"] for r in relations(filled, exercise="跑台")} == {"treadmill"}
    assert {r["exercise"] for r in relations(filled, exercise="aerobic")} == {"swimming", "treadmill"}
    assert relations(filled, exercise="swimm") == []                 # a word piece is no class ("swim" is a synonym since 528253d)
    assert len(relations(filled, exercise="exercise")) == len(relations(filled))  # the root: everything


def test_model_species_and_language_filters(filled):
    assert {r["model"] for r in relations(filled, model="cci")} == {"CCI"}
    assert relations(filled, model="C") == []
    assert {r["species"] for r in relations(filled, species="大鼠")} == {"rat"}
    zh = relations(filled, lang="zh")
    assert zh and {r["doc"] for r in zh} == {"zh.txt"} and zh[0]["refs"] == ["3"]
    assert relations(filled, target="TNF", lang="en", species="mouse", exercise="treadmill")[0]["doc"] == "en.txt"


def test_query_keys_are_folded_names():
    assert name_key(" TNF‐α ") == "tnf-α" and name_key("Painful  DPN") == "painful dpn" and name_key("") is None
    assert relation_keys("long-term treadmill", "IL-10", None, "Rat") == {
        "exercise_class": "treadmill", "target_key": "il-10", "model_key": None, "species_key": "rat"}


def test_results_stream_from_the_cursor(filled, monkeypatch):
    import litmine.store.queries as q
    monkeypatch.setattr(q, "STREAM_ROWS", 1)
    it = iter_relations(filled)
    assert isinstance(it, types.GeneratorType)
    first = next(it)
    assert first["doc"] == "en.txt" and set(first) == set(RELATION_COLUMNS)
    rest = list(it)
    assert [first] + rest == relations(filled) and len(rest) >= 2
    assert list(table_rows(filled, "relations")) == relations(filled)
    # each row's lists are its own: changing one changes no other row
    a, b = relations(filled, lang="en")[:2]
    a["refs"].append("x")
    assert b["refs"] == []


def test_the_csv_fast_path_writes_what_the_dict_path_writes(filled):
    slow, fast = io.StringIO(), io.StringIO()
    n = write_rows(iter_relations(filled), "csv", slow, RELATION_COLUMNS)
    m = write_csv_records(relation_records(filled), fast, RELATION_COLUMNS, JSON_TEXT_COLUMNS)
    assert n == m == len(relations(filled)) and fast.getvalue() == slow.getvalue()
    rows = list(csv.DictReader(io.StringIO(fast.getvalue())))
    assert {r["refs"] for r in rows} == {"[]", '["3"]'} and rows[0]["context_from"].startswith("{")


def test_every_query_filter_uses_an_index(filled):
    from litmine.store.queries import _relations_select, _where
    if filled.dialect.name != "sqlite":
        pytest.skip("reads SQLite's query plans (PostgreSQL scans tables this small whatever the indexes)")
    for kw in (dict(target="TNF"), dict(exercise="treadmill"), dict(model="SNI"), dict(species="rat"),
               dict(direction="increase", lang="zh"), dict(pain_effect="relief")):
        sql = _relations_select(_where(filled, **kw), 100).compile(filled, compile_kwargs={"literal_binds": True})
        with filled.connect() as conn:
            plan = " | ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
        assert re.search(r"(SCAN|SEARCH) relations USING INDEX", plan), (kw, plan)
        assert not re.search(r"SCAN relations(?! USING)", plan) and " LIKE " not in str(sql), (kw, plan)


def test_a_relation_in_coordinated_models_is_found_by_each(engine):
    """"CCI和SNI大鼠": the relation's model is "CCI; SNI", and query --model finds it by either, not by a piece."""
    write_document(engine, document_rows(process_text("跑台运动能显著提高CCI和SNI大鼠的机械痛阈值。", "two.txt")))
    assert {r["model"] for r in relations(engine)} == {"CCI; SNI"}
    for value in ("CCI", "SNI", "sni"):
        assert len(relations(engine, model=value)) == 1, value
    assert relations(engine, model="SN") == [] and relations(engine, model="CCI; S") == []
