"""Tagging and normalisation: lexicon variants, families, abbreviations, both languages."""
import pytest
import spacy

from litmine.nlp.lexicon import load_lexicon, normalise
from litmine.nlp.tagger import chinese_abbreviations, family_matches
from litmine.pipeline import process_text


def tagged(text):
    return {(m.text, m.name) for m in process_text(text).mentions}


@pytest.mark.parametrize("surface, name", [
    ("TNF-α", "TNF-α"), ("TNF-alpha", "TNF-α"), ("TNFα", "TNF-α"), ("ＴＮＦ－α", "TNF-α"), ("TNF–α", "TNF-α"),
    ("肿瘤坏死因子-α", "TNF-α"), ("IL-1β", "IL-1β"), ("IL-1beta", "IL-1β"), ("白细胞介素-1β", "IL-1β"),
    ("μ-opioid receptor", "μ-opioid receptor"), ("\u00b5-opioid receptor", "μ-opioid receptor"),
    ("mu-opioid receptor", "μ-opioid receptor"), ("μ-阿片受体", "μ-opioid receptor"),
    ("脑源性神经营养因子", "BDNF"), ("brain-derived neurotrophic factor", "BDNF"), ("Bdnf", "BDNF"),
    ("小胶质细胞", "microglia"), ("跑台运动", "treadmill"), ("treadmill running", "treadmill"),
    ("坐骨神经", "sciatic nerve"), ("背根神经节", "DRG"), ("C57BL/6小鼠", "mouse"), ("SD大鼠", "rat"),
])
def test_surface_forms_normalise(surface, name):
    assert (surface, name) in tagged(f"运动改变了{surface}的水平。")


def test_same_concept_in_both_languages():
    zh = process_text("跑台运动降低了小鼠脊髓背角肿瘤坏死因子-α和脑源性神经营养因子的表达。").mentions
    en = process_text("Treadmill running reduced TNF-alpha and brain-derived neurotrophic factor in the "
                      "spinal dorsal horn of mice.").mentions
    ids = lambda ms: {m.concept_id for m in ms}  # noqa: E731
    assert ids(zh) == ids(en)
    assert "HGNC:11892" in ids(zh) and "NCBITaxon:10090" in ids(zh)


@pytest.mark.parametrize("text, names", [
    ("IL-33 and CXCL12 rose", {"IL-33", "CXCL12"}),
    ("Nav1.7 and TRPV1 channels", {"Nav1.7", "TRPV1"}),
    ("IL-10 but not IL-1", {"IL-10", "IL-1"}),
])
def test_family_patterns(text, names):
    assert {n for *_, n in family_matches(text)} >= names


def test_chinese_abbreviation_overrides_lexicon_sense():
    text = ("研究采用坐骨神经损伤(sciatic nerve injury, SNI)模型。"
            "运动降低了SNI小鼠坐骨神经中TNF-α的表达。")
    pd = process_text(text)
    sni = [m for m in pd.mentions if m.text == "SNI"]
    assert sni and all(m.source == "abbreviation" for m in sni)
    assert load_lexicon().lookup("SNI").name == "SNI"  # the lexicon's default: spared nerve injury
    assert sni[0].concept_id != load_lexicon().lookup("SNI").id
    assert pd.doc_lexicon.definitions["SNI"][1] == "sciatic nerve injury"


def test_chinese_abbreviation_patterns():
    defs = chinese_abbreviations("运动能够降低脊髓中疼痛相关的垂体腺苷酸环化酶激活多肽 (pituitary adenylate "
                                 "cyclase-activating polypeptide, PACAP)的mRNA水平")
    assert [(d.short, d.long, d.long_zh) for d in defs] == [
        ("PACAP", "pituitary adenylate cyclase-activating polypeptide", "垂体腺苷酸环化酶激活多肽")]


def test_english_abbreviation_defined_in_text():
    pd = process_text("Chronic constriction injury (CCI) was induced in rats. Exercise reduced IL-6 in CCI rats.")
    cci = [m for m in pd.mentions if m.text == "CCI"]
    assert len(cci) == 2 and cci[0].concept_id == load_lexicon().lookup("chronic constriction injury").id


def test_normalise_keeps_length():
    s = "ＴＮＦ－α µ 60％"
    assert len(normalise(s)) == len(s) and normalise(s) == "TNF-α μ 60%"


def test_motor_sense_of_yundong_is_not_exercise():
    pd = process_text("运动神经传导速度明显加快。")
    assert not [m for m in pd.mentions if m.label == "EXERCISE"]


def test_chinese_pipeline_keeps_terms_whole():
    """jieba (rjieba) with the lexicon's user dictionary; ``merge=True`` also joins the tokens
    of an entity split at hyphens and Greek letters into one."""
    from litmine.nlp.pipelines import chinese
    text = "跑台运动降低了小胶质细胞中TNF-α和IL-1β的表达，并提高了脑源性神经营养因子水平。"
    doc = chinese()(text)
    tokens = [t.text for t in doc]
    for term in ("跑台运动", "小胶质细胞", "脑源性神经营养因子"):
        assert term in tokens
    assert tokens[tokens.index("TNF"):tokens.index("TNF") + 3] == ["TNF", "-", "α"]  # default: no merging
    assert doc.text == text
    assert {e.kb_id_ for e in doc.ents} >= {"HGNC:11892", "HGNC:5992", "HGNC:1033"}
    merging = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "litmine.rjieba_tokenizer.v1"}}})
    merging.add_pipe("litmine_entities", config={"merge": True})
    merged = [t.text for t in merging(text)]
    assert {"TNF-α", "IL-1β", "跑台运动"} <= set(merged) and "".join(merged) == text


def test_jieba_user_dictionary_is_generated_from_the_lexicon():
    from litmine.nlp.lexicon import jieba_dict_path
    words = {line.split()[0] for line in jieba_dict_path().read_text(encoding="utf-8").splitlines() if line}
    assert {"跑台运动", "小胶质细胞", "脑源性神经营养因子", "坐骨神经"} <= words


def test_a_method_the_document_defines_beats_the_generated_sense():
    """"主成分分析(PCA)" defines PCA as a method: no generated MeSH sense (Passive Cutaneous Anaphylaxis) and no
    relation to it; the same for an English long form."""
    from litmine.nlp.lexicon import load_lexicon
    assert load_lexicon().lookup("PCA") is not None  # the generated sense the definition must beat
    zh = process_text("我们采用主成分分析(PCA)比较各组的步态。PCA分析显示,跑台训练组的步态评分明显高于模型组。")
    pca = [m for m in zh.mentions if m.text == "PCA"]
    assert len(pca) == 2 and {m.label for m in pca} == {"METHOD"} and {m.source for m in pca} == {"abbreviation"}
    assert not [r for r in zh.relations if "PCA" in (r.target_text or "") or "naphylaxis" in r.target]
    en = process_text("Gait was compared by principal component analysis (PCA). PCA showed that trained rats walked better.")
    assert {m.label for m in en.mentions if m.text == "PCA"} == {"METHOD"}


def test_a_curated_sense_stays_and_a_scale_beats_a_generated_gene():
    """The curated reading of an abbreviation stays when a Chinese long form only types it (坐骨神经慢性压迫损伤(CCI):
    the curated CCI); a long form headed by 量表 makes an outcome of letters the generated lexicon reads as
    something else."""
    from litmine.nlp.lexicon import load_lexicon
    from litmine.nlp.tagger import DocumentLexicon, AbbreviationDef
    base = load_lexicon()
    dl = DocumentLexicon(base, [AbbreviationDef("CCI", "", "坐骨神经慢性压迫性损伤")])
    assert dl.definitions["CCI"][0] == base.lookup("CCI").id
    assert base.lookup("MTS").type == "GENE_OR_PROTEIN" and base.lookup("MTS").id not in base.concepts  # generated
    dl = DocumentLexicon(base, [AbbreviationDef("MTS", "", "改良Tardieu量表")])
    c = dl.concept(dl.definitions["MTS"][0])
    assert c.type == "OUTCOME" and c.id == "LM:doc:MTS"
    pd = process_text("采用改良Tardieu量表(MTS)评估痉挛。训练组干预后MTS评分明显降低。")
    assert {m.label for m in pd.mentions if m.text == "MTS"} == {"OUTCOME"}


def test_family_and_head_gates_skip_only_texts_without_their_words(monkeypatch):
    """Issue 13: a family pattern runs only on a text holding its literal, the English head scans only on a
    text holding a head word as a whole run (case-insensitive, dotless i and long s included); the results
    are those of running every scan."""
    from litmine.nlp import tagger
    texts = ["IL-6, CCL2, CXCR4, CD68, TrkB, Nav1.7, Cav2.2, TRPV1, P2X4, TLR4, caspase-3, MMP-9, GAD65 and 5-HT2A",
             "Paw withdrawal THRESHOLDS and nerve conduction velocity; the number of myelinated fibers rose.",
             "Mechanical threſhold and ſensitivity; recovery from the lesion; axon-diameter; no heads here.",
             "运动改善了神经功能和机械痛阈值。", ""]
    fast = [(tagger.family_matches(t), tagger.outcome_phrases(t, [], "en")) for t in texts]
    monkeypatch.setattr(tagger, "_FAMILY_LITERALS", [""] * len(tagger.FAMILY_PATTERNS))  # "" is in every text
    monkeypatch.setattr(tagger, "_LETTER_HYPHEN_RUN", _AlwaysRun())
    monkeypatch.setattr(tagger, "_LETTER_RUN", _AlwaysRun())
    monkeypatch.setattr(tagger, "_HEAD_WORDS", _Everything())
    monkeypatch.setattr(tagger, "_OF_WORDS", _Everything())
    assert fast == [(tagger.family_matches(t), tagger.outcome_phrases(t, [], "en")) for t in texts]
    assert len(fast[0][0]) == 14 and {n for _, _, n in fast[1][1]} >= {"Paw withdrawal THRESHOLDS",
                                                                        "nerve conduction velocity"}
    assert any(n.startswith("Mechanical") for _, _, n in fast[2][1])


class _AlwaysRun:
    """A stand-in run pattern: every text has one run."""

    def findall(self, text):
        return ["x"]


class _Everything:
    """A stand-in word set that every run list meets."""

    def isdisjoint(self, other):
        return False


def test_cue_before_and_repair_gates_agree_with_the_full_searches():
    """Issue 13: the end test of ``_cue_before`` keeps every window the anchored cue search matches (long s and
    a final newline included), and repair_view's gates keep every fused citation and spaced name."""
    from litmine.nlp import tagger
    windows = ["levels of SOD, CAT and ", "the p-", "anti-\n", "was phoſphorylated ", "expression of the ",
               "activities of GPx OR ", "rats were given", "content of", "Levels of X,", "phospho-", ""]
    for w in windows:
        assert tagger._cue_before(w) == bool(tagger._CUE_BEFORE.search(w)), w
    assert sum(map(tagger._cue_before, windows)) == 7  # not "content of" (no space after), not "X," (too short)
    view, index = tagger.repair_view("TNF- α and IL -6 rose in SNI15–17 rats; NF-κ B", lambda f: f in ("SNI", "rats"))
    assert view == "TNF-α and IL-6 rose in SNI      rats; NF-κB" and len(index) == len(view) + 1
    assert tagger.repair_view("plain text, no faults", lambda f: True) == ("plain text, no faults", list(range(22)))


def test_scale_names_with_a_number_are_whole():
    """"GAD-7", "PHQ-9评分", "HAMD-17评分", "EQ-5D评分" name scales (the score of a scale is the scale), never the enzyme
    GAD or a fragment "9评分"; an unknown "ABC-12评分" is one outcome phrase, its acronym kept."""
    pd = process_text("太极拳组干预后GAD-7、PHQ-9评分均较干预前降低,HAMD-17评分降低,EQ-5D评分升高,XYZ-12评分降低。")
    names = {m.text: m.name for m in pd.mentions if m.label == "OUTCOME"}
    assert names["GAD-7"] == "GAD-7" and names["PHQ-9评分"] == "PHQ-9" and names["EQ-5D评分"] == "EQ-5D"
    assert names["HAMD-17评分"] == "depression" and names["XYZ-12评分"] == "XYZ-12评分"
    assert not any(m.name == "GAD65/67" or m.text.startswith(("9", "17", "5D")) for m in pd.mentions), pd.mentions
    assert {(r.direction, r.target) for r in pd.relations} >= {("decrease", "GAD-7"), ("decrease", "PHQ-9"),
                                                               ("increase", "EQ-5D")}


def test_a_scale_acronym_with_two_letters_swapped_is_the_scale():
    """"MARDS评分" is MADRS (Montgomery-Åsberg depression scale) misspelt; a swap that is no curated scale, or an
    acronym the lexicon knows, is left alone."""
    pd = process_text("干预后八段锦组MARDS评分低于对照组。")
    assert [m.name for m in pd.mentions if m.text.startswith("MARDS")] == ["depression"]
    assert ("Baduanjin", "decrease", "depression") in {(r.exercise, r.direction, r.target) for r in pd.relations}
    from litmine.nlp.lexicon import load_lexicon
    from litmine.nlp.tagger import scale_typos
    assert scale_typos("QWZX评分降低", load_lexicon()) == []
    assert scale_typos("MADRS评分降低", load_lexicon()) == []  # the right spelling is the lexicon's own form
