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


# A .txt whose first line is its title (the cleaner marks it a front block). Before: |t| was the file
# name ('paper.txt') and |a| the whole text, the title in it.
TITLED = ("Treadmill running and spinal cytokines in rats with nerve injury\n\n"
          "Treadmill running reduced IL-6 in the spinal cord of rats with spared nerve injury. "
          "Swimming increased BDNF in the DRG of rats.")


def pubtator(engine, text, name):
    write_document(engine, document_rows(process_text(text, name)))
    out = io.StringIO()
    write_pubtator(engine, out)
    return out.getvalue().splitlines()


def test_pubtator_title_is_the_documents_first_line_when_it_is_a_title(engine):
    lines = pubtator(engine, TITLED, "paper.txt")
    assert lines[0] == "paper.txt|t|Treadmill running and spinal cytokines in rats with nerve injury"
    assert lines[1] == ("paper.txt|a|Treadmill running reduced IL-6 in the spinal cord of rats with spared nerve "
                        "injury. Swimming increased BDNF in the DRG of rats.")
    full = lines[0].split("|t|")[1] + " " + lines[1].split("|a|")[1]
    ann = [ln.split("\t") for ln in lines[2:] if ln.count("\t") == 5]
    assert {a[3] for a in ann} >= {"IL-6", "BDNF", "rats"}
    assert all(full[int(a[1]):int(a[2])] == a[3] for a in ann)
    assert ["paper.txt", "0", "17", "Treadmill running"] == ann[0][:4]     # a mention in the title keeps its place


def test_pubtator_title_is_the_file_name_without_a_title_line(engine):
    lines = pubtator(engine, TEXT, "mixed.txt")
    assert lines[0] == "mixed.txt|t|mixed.txt" and lines[1] == "mixed.txt|a|" + TEXT


def test_pubtator_title_of_a_record_whose_title_is_a_question(engine, tmp_path):
    from click.testing import CliRunner
    from litmine.cli import cli
    xml = ("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>30000009</PMID><Article>"
           "<ArticleTitle>Does swimming ease pain in diabetic mice?</ArticleTitle><Abstract><AbstractText>Swimming "
           "reduced mechanical allodynia in diabetic mice.</AbstractText></Abstract></Article></MedlineCitation>"
           "</PubmedArticle></PubmedArticleSet>\n")
    (tmp_path / "q.xml").write_text(xml, encoding="utf-8")
    db = str(tmp_path / "q.sqlite")
    assert CliRunner().invoke(cli, ["ingest", str(tmp_path / "q.xml"), "--db", db]).exit_code == 0
    lines = CliRunner().invoke(cli, ["export", "--format", "pubtator", "--db", db]).output.splitlines()
    assert lines[:2] == ["q.xml#pmid:30000009|t|Does swimming ease pain in diabetic mice?",
                         "q.xml#pmid:30000009|a|Swimming reduced mechanical allodynia in diabetic mice."]
    assert "q.xml#pmid:30000009\t42\t50\tSwimming\tEXERCISE\tMESH:D013550" in lines
