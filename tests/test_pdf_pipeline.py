"""Issue 2: the real two-column PDFs in ../shared ingest, and a known sentence of
each comes out whole, in reading order, with no line-break hyphen left."""
import re

import pytest

from litmine.io import read_path
from litmine.pipeline import process

from helpers import SHARED

GOOD = SHARED / "corpus" / "pdf" / "good"

#: (file, sentences in reading order); each was broken across lines (and hyphenated) in the PDF.
PROBES = [
    ("bmc_review_dvt_prophylaxis.pdf", [
        "While the use of these techniques can be life saving, they must be appropriately utilized.",
        "Although DVT alone is not life-threatening, a resulting pulmonary embolism (PE) carries potentially "
        "significant morbidity and mortality."]),
    ("clinsci_ace_inhibitors.pdf", [
        "ACE consists of two homologous domains that despite similarities of sequence and topology display "
        "differences in substrate processing and inhibitor binding."]),
    ("hindawi_heart_failure_programmes.pdf", [
        "The direct medical costs of heart failure treatment constitute from 1% to 2% of total healthcare "
        "expenditures in developed countries [4].",
        "Treatment requires a complex combination of pharmacological and lifestyle interventions."]),
    ("ieee_two_column_stereo.pdf", [
        "Abstract—Stereo matching algorithms are nearly always designed to find matches between a single pair "
        "of images.",
        "However, their application to stereo video sequences does not guarantee interframe consistency of "
        "matches extracted from subsequent stereo frame pairs."]),
]


@pytest.mark.skipif(not GOOD.exists(), reason="../shared is absent")
@pytest.mark.parametrize("name, sentences", PROBES)
def test_known_sentences_whole_and_in_order(name, sentences):
    pd = process(read_path(GOOD / name))
    texts = [s.text for s in pd.sentences]
    positions = [texts.index(s) for s in sentences]  # ValueError: not whole
    assert positions == sorted(positions)
    body = " ".join(s.text for s in pd.sentences if s.kind == "body")
    assert not re.search(r"[a-z]- [a-z]", body)  # no line-break hyphen left inside a word
    assert "\ufffe" not in pd.document.text and "\u00ad" not in pd.document.text
