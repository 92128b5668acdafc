"""The lexicon TSV stays valid and unambiguous as it grows."""
import re
from collections import defaultdict

from litmine.nlp.lexicon import COLUMNS, fold, lexicon_path, load_lexicon, read_tsv

TYPES = {"EXERCISE", "CYTOKINE", "CHEMOKINE", "RECEPTOR", "ION_CHANNEL", "NEUROTROPHIC_FACTOR", "ENZYME",
         "OXIDATIVE_MARKER", "NEUROTRANSMITTER", "NEUROPEPTIDE", "HORMONE", "GENE_OR_PROTEIN", "SIGNALING",
         "PROCESS", "CELL_TYPE", "CELL_STATE", "DISEASE", "ANIMAL_MODEL", "SPECIES", "ANATOMY", "OUTCOME",
         "DRUG", "CLASS", "THERAPY"}
ID_RE = re.compile(r"^(HGNC:\d+|MESH:[CD]\d+|NCBITaxon:\d+|UBERON:\d{7}|CL:\d{7}|CHEBI:\d+|LM:[\w\-]+)$")


def test_rows_are_well_formed():
    concepts = read_tsv(lexicon_path())
    assert lexicon_path().read_text(encoding="utf-8").splitlines()[0].split("\t") == COLUMNS
    assert len(concepts) >= 700
    for c in concepts:
        assert ID_RE.match(c.id), c.id
        assert c.type in TYPES, (c.id, c.type)
        assert c.name and c.source, c.id


def test_no_surface_form_names_two_concepts():
    owners = defaultdict(set)
    for c in read_tsv(lexicon_path()):
        for form in {c.name, c.name_zh, *c.synonyms} - {""}:
            key = form if len(form) <= 5 else fold(form)  # short forms are case-sensitive
            owners[key].add(c.id)
    clashes = {f: ids for f, ids in owners.items() if len(ids) > 1}
    assert not clashes, list(clashes.items())[:10]


def test_every_form_finds_its_own_concept():
    lex = load_lexicon()
    for c in lex.concepts.values():
        for form in {c.name, c.name_zh, *c.synonyms} - {""}:
            hits = lex.find(form)
            assert hits and hits[0].start == 0 and hits[0].end == len(form) and hits[0].concept_id == c.id, (form, c.id)


def test_normalise_and_fold_fast_paths_read_each_character():
    """Issue 13: NFKC-normalised text without dashes is its own normalisation, and fold lower-cases the
    normalised text whole unless it holds a capital sigma or dotted I; both equal the per-character reading."""
    import unicodedata
    from litmine.nlp.lexicon import DASHES, fold, normalise

    def one(c):
        n = unicodedata.normalize("NFKC", c)
        n = "-" if c in DASHES or n in DASHES else (n if len(n) == 1 else c)
        return n

    texts = ["大鼠跑台运动，TNF–α（IL-6）", "ΑΣ ΟΔΟΣ", "İstanbul", "ﬁber µg ６０％", "e\u0301 café", "Σ", "plain"]
    for t in texts:
        assert normalise(t) == "".join(map(one, t)), t
        assert fold(t) == "".join(c.lower() if len(c.lower()) == 1 else c for c in map(one, t)), t
    assert fold("ΑΣ ΟΔΟΣ") == "ασ οδοσ" and fold("İL") == "İl" and normalise("TNF–α") == "TNF-α"


def test_find_reads_latin_boundaries_plurals_and_greek_continuations():
    """The boundary rule of Lexicon.find: a Latin form is not read inside a longer token, an acronym may take a
    plural s (the span stays the form), a form does not stop before a Greek letter that continues it, CJK forms need no boundary."""
    from litmine.nlp.lexicon import Concept, Lexicon
    lex = Lexicon([Concept("X:1", "GENE_OR_PROTEIN", "IL-1"), Concept("X:2", "OUTCOME", "PWT"),
                   Concept("X:3", "EXERCISE", "跑台运动"), Concept("X:4", "GENE_OR_PROTEIN", "IL-10")])
    text = "IL-1, IL-10, IL-1β, xIL-1, PWTs, PWTsx, 大鼠跑台运动后, IL-1 rose"
    got = [(text[m.start:m.end], m.concept_id) for m in lex.find(text)]
    assert got == [("IL-1", "X:1"), ("IL-10", "X:4"), ("PWT", "X:2"), ("跑台运动", "X:3"), ("IL-1", "X:1")]


def test_find_takes_the_longest_form_at_each_start_and_the_case_sensitive_one_on_a_tie():
    """Lexicon.find's order of candidates: by start, the longest first, a case-sensitive form before a
    case-folded one of the same span; a candidate inside an earlier match is skipped, a longer one refused
    by the boundary rule gives way to a shorter one at the same start."""
    from litmine.nlp.lexicon import Concept, Lexicon
    lex = Lexicon([Concept("X:1", "ANATOMY", "spinal cord"), Concept("X:2", "ANATOMY", "spinal cord dorsal horn"),
                   Concept("X:3", "DISEASE", "cord injury"), Concept("X:4", "GENE_OR_PROTEIN", "SPINAL"),
                   Concept("X:5", "PROCESS", "spinal"), Concept("X:6", "EXERCISE", "跑台"),
                   Concept("X:7", "EXERCISE", "跑台运动")])
    text = "Spinal cord dorsal horn, spinal cord injury, SPINAL, spinal cords, 跑台运动和跑台"
    got = [(text[m.start:m.end], m.concept_id) for m in lex.find(text)]
    assert got == [("Spinal cord dorsal horn", "X:2"), ("spinal cord", "X:1"), ("SPINAL", "X:4"),
                   ("spinal cords", "X:1"), ("跑台运动", "X:7"), ("跑台", "X:6")]
    assert lex.find("") == [] and lex.find("no forms here") == []
