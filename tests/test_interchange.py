"""BioC JSON and PubTator exports re-slice the stored text exactly."""
import io
import json

from litmine.formats.interchange import bioc_collection, write_pubtator
from litmine.pipeline import process_text
from litmine.store.rows import document_rows
from litmine.store.db import write_document

TEXT = "6周跑台运动显著降低了SNI小鼠脊髓背角TNF-α的表达[3]。Swimming increased BDNF in the DRG of rats."


def test_bioc_offsets_and_relations(engine):
    pd = process_text(TEXT, "mixed.txt")
    write_document(engine, document_rows(pd))
    coll = bioc_collection(engine)
    (doc,) = coll["documents"]
    assert doc["id"] == "mixed.txt"
    for p in doc["passages"]:
        for a in p["annotations"]:
            loc = a["locations"][0]
            assert pd.document.text[loc["offset"]:loc["offset"] + loc["length"]] == a["text"]
    rels = [r for p in doc["passages"] for r in p["relations"]]
    tnf = next(r for r in rels if r["infons"]["target"] == "TNF-α")
    assert tnf["infons"]["direction"] == "decrease" and {n["role"] for n in tnf["nodes"]} == {"exercise", "target"}
    json.dumps(coll)  # serialisable


def test_pubtator_offsets(engine):
    write_document(engine, document_rows(process_text(TEXT, "mixed.txt")))
    out = io.StringIO()
    assert write_pubtator(engine, out) == 1
    lines = out.getvalue().splitlines()
    title = lines[0].split("|t|")[1]
    body = lines[1].split("|a|")[1]
    full = title + " " + body
    ann = [ln.split("\t") for ln in lines[2:] if ln and ln.count("\t") == 5]
    assert ann and all(full[int(a[1]):int(a[2])] == a[3] for a in ann)
    assert any(ln.split("\t")[1:] == ["increase", "MESH:D013550", "HGNC:1033"] for ln in lines if ln.count("\t") == 3)
