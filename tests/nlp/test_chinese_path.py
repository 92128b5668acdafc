"""The one Chinese path (issue 14): rjieba with the user dictionary makes the tokens of the registered
spaCy pipeline, lexicon mentions cut them, and ingest reads mentions, tokens and search words from it."""
import subprocess
import sys

from litmine.nlp.lexicon import load_segmenter
from litmine.nlp.pipelines import MENTIONS_KEY, TOKENS_KEY, RjiebaTokenizer, chinese
from litmine.nlp.search_words import index_words, token_index_words
from litmine.nlp.tokens import ChineseTokens, offsets_of, refine
from litmine.pipeline import process_text
from litmine.store.rows import document_rows

# Written for litmine: jieba cuts 机械 | 痛阈值 and 坐骨 | 神经..., the lexicon reads 机械痛阈 and 坐骨神经.
ZH = ("大鼠坐骨神经损伤(SNI)后机械痛阈值明显降低。"
      "6周跑台运动提高了SNI大鼠的机械痛阈，并降低了脊髓中TNF-α和IL-1β的表达。"
      "游泳训练改善了坐骨神经功能指数。")


def test_refine_cuts_words_only_inside():
    spans = offsets_of(["机械", "痛阈值", "降低"])
    assert spans == [(0, 2), (2, 5), (5, 7)]
    assert refine(spans, [0, 4, 5, 7]) == ([(0, 2), (2, 4), (4, 5), (5, 7)], [(2, 5)])
    assert refine(spans, [2, 5]) == (spans, [])                      # on boundaries already: unchanged
    assert refine([(0, 6)], [4, 1, 4]) == ([(0, 1), (1, 4), (4, 6)], [(0, 6)])


def test_tokenizer_is_rjieba_with_the_user_dictionary():
    nlp = chinese()
    assert isinstance(nlp.tokenizer, RjiebaTokenizer) and nlp.pipe_names == ["litmine_entities"]
    text = "机械痛阈值明显降低"
    assert [t.text for t in nlp.make_doc(text)] == load_segmenter().cut(text)
    assert load_segmenter().is_word("机械痛阈")                      # a lexicon term in the user dictionary


def test_the_component_cuts_jieba_words_at_mentions():
    doc = chinese()("机械痛阈值明显降低")
    assert [t.text for t in doc] == ["机械", "痛阈", "值", "明显降低"]
    assert [(e.text, e.label_) for e in doc.ents] == [("机械痛阈", "OUTCOME")]
    assert doc.user_data[TOKENS_KEY] == ChineseTokens(((0, 2), (2, 4), (4, 5), (5, 9)), ((2, 5),))
    assert [m.text for m in doc.user_data[MENTIONS_KEY]] == ["机械痛阈"]


def test_ingest_mentions_are_token_spans_and_words_come_from_the_tokens():
    pd = process_text(ZH, "zh_path.txt")
    assert set(pd.tokens) == {i for i, s in enumerate(pd.sentences) if s.lang == "zh"} and pd.tokens
    cut_any = False
    for i, toks in pd.tokens.items():
        s = pd.sentences[i]
        assert "".join(toks.words(s.text)) == s.text
        starts, ends = {a for a, _ in toks.spans}, {b for _, b in toks.spans}
        for m in pd.mentions:
            if m.sentence == s.index:
                assert m.start - s.start in starts and m.end - s.start in ends, m.text
        cut_any |= bool(toks.cut_words)
    assert cut_any                                                  # 机械 | 痛阈值 was cut at 机械痛阈
    assert {"机械痛阈", "坐骨神经损伤", "TNF-α"} <= {m.text for m in pd.mentions}
    rows = document_rows(pd)
    for i, toks in pd.tokens.items():
        text = pd.sentences[i].text
        words = rows.sentences[i].words.split()
        assert words == token_index_words(text, toks).split()
        assert set(index_words(text).split()) <= set(words)         # every word jieba alone gave is still there
    first = rows.sentences[0].words.split()
    assert {"机械", "痛阈", "痛阈值", "阈值"} <= set(first)


def test_ingest_does_not_import_jieba(tmp_path):
    """The Chinese path segments with rjieba; the Python jieba package is not what ingest runs."""
    code = ("import sys, litmine; pd = litmine.process_text('跑台运动降低了SNI大鼠脊髓中TNF-α的表达。'); "
            "print(len(pd.tokens), 'jieba' in sys.modules, 'rjieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "False", "True"]


def test_tag_gives_what_the_pipeline_gives_without_its_doc():
    """Ingest's tagger (no Doc, nlp/pipelines.tag) and the spaCy component agree on every sentence's
    mentions and tokens, the document's abbreviations and protocol parts included."""
    from litmine.nlp.pipelines import SENTENCE_KEY
    from litmine.nlp.protocol import find_protocol_parts
    pd = process_text(ZH + "\n\n每周5天，每天60 min 中等强度跑台运动，共8周。", "zh_same.txt")
    component = chinese().get_pipe("litmine_entities")
    for i, s in enumerate(pd.sentences):
        d = chinese().make_doc(s.text)
        d.user_data[SENTENCE_KEY] = s
        d = component(d, pd.doc_lexicon, find_protocol_parts)
        assert d.user_data[TOKENS_KEY] == pd.tokens[i]
        assert d.user_data[MENTIONS_KEY] == [m for m in pd.mentions if m.sentence == s.index]
        assert [t.text for t in d] == pd.tokens[i].words(s.text)
    assert len(pd.sentences) >= 4 and any(t.cut_words for t in pd.tokens.values())
    assert any(m.source == "protocol" for m in pd.mentions) and any(m.source == "abbreviation" for m in pd.mentions)
