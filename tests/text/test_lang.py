"""Language of a text (text/lang.detect_lang): ideographs against Latin letters."""
from __future__ import annotations

import pytest

from litmine.text.lang import detect_lang


@pytest.mark.parametrize("text, lang", [
    ("", "en"),
    ("Treadmill running lowered IL-6 in the spinal cord of CCI rats.", "en"),
    ("跑台运动降低了大鼠脊髓中白细胞介素6的表达。", "zh"),
    ("跑台运动降低了SNI大鼠脊髓中TNF-α和IL-6的表达。", "zh"),            # abbreviations inside Chinese prose
    ("游泳训练 improved the mechanical withdrawal threshold of diabetic rats after four weeks", "mixed"),
    ("Swimming lowered BDNF (脑源性神经营养因子) in the dorsal root ganglia of rats with nerve injury.", "mixed"),
    ("The mechanical withdrawal threshold of the exercised rats rose over eight weeks of running 中", "en"),
])
def test_language_of_a_text(text, lang):
    assert detect_lang(text) == lang
