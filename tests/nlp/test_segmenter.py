"""rjieba (jieba-rs) with litmine's user dictionary cuts as jieba does (issue 13): the search
words of stored Chinese sentences and of queries come from it."""
from __future__ import annotations

import subprocess
import sys

from litmine.nlp.lexicon import load_jieba, load_segmenter

SENTENCES = [
    "跑台运动降低了SNI小鼠脊髓中TNF-α的表达，并提高了脑源性神经营养因子水平。",
    "将24只成年雄性SD大鼠随机分为假手术组(Sham组)、模型组(CCI组)和游泳组(CCI+SW组)。",
    "8周有氧运动使小胶质细胞活化减少，星形胶质细胞的GFAP表达下调(P<0.05)。",
    "抗阻训练与有氧运动联合干预改善了2型糖尿病周围神经病变患者的神经传导速度。",
    "结果显示，运动组机械缩足阈值明显高于模型组，热缩足潜伏期延长。",
]


def test_same_words_as_jieba_with_the_user_dictionary():
    jieba, seg = load_jieba(), load_segmenter()
    for s in SENTENCES:
        assert seg.cut(s) == list(jieba.cut(s, HMM=False))
    assert "小胶质细胞活化" in seg.cut(SENTENCES[2])       # user-dictionary words stay whole
    assert "脑源性神经营养因子" in seg.cut(SENTENCES[0])


def test_dictionary_look_up_agrees_with_jieba():
    freq, seg = load_jieba().dt.FREQ, load_segmenter()
    words = {w[i:j] for s in SENTENCES for w in seg.cut(s) for i in range(len(w)) for j in range(i + 2, len(w) + 1)}
    assert len(words) > 50
    assert all(seg.is_word(w) == bool(freq.get(w)) for w in words)


def test_ingesting_chinese_never_imports_jieba():
    code = ("import sys\n"
            "from litmine.pipeline import process_text\n"
            "from litmine.store.rows import document_rows\n"
            "rows = document_rows(process_text('跑台运动降低了大鼠脊髓中TNF-α的表达。', 'zh.txt'))\n"
            "print(rows.sentences[0].words, 'jieba' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split()[-1] == "False" and "跑台运动" in out
