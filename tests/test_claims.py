"""Claims and stances: a new paper against a review, on texts written for litmine."""
from dataclasses import asdict

from litmine.consensus import claims, compare, compatible, effective_direction
from litmine.pipeline import process_text

REVIEW = ("跑台运动能够降低SNI小鼠脊髓中TNF-α的表达, 并提高BDNF水平。"
          "游泳训练减少了大鼠DRG中IL-6的释放。")
PAPER = ("In CCI rats, treadmill running reduced TNF-α in the spinal cord. "
         "Treadmill running did not increase BDNF. Exercise also lowered GFAP expression.")


def rows(text, name):
    pd = process_text(text, name)
    return [dict(asdict(r), doc=name, sentence=pd.sentences[r.sentence].text) for r in pd.relations]


def test_compatibility_and_effective_direction():
    assert compatible("long-term exercise", "treadmill") and compatible("aerobic+resistance", "aerobic")
    assert not compatible("swimming", "treadmill")
    assert effective_direction({"direction": "increase", "negated": True}) == "no_change"


def test_consensus():
    cs = claims([{"exercise": "treadmill", "target": "TNF-α", "target_id": "HGNC:11892", "direction": d}
                 for d in ("decrease", "decrease", "increase")])
    assert len(cs) == 1 and cs[0].direction == "decrease" and round(cs[0].consensus, 2) == 0.67


def test_paper_against_review():
    stances = {(s.paper.target, s.stance) for s in compare(rows(REVIEW, "review.txt"), rows(PAPER, "paper.txt"))}
    assert ("TNF-α", "extends") in stances or ("TNF-α", "supports") in stances
    assert ("BDNF", "contradicts") in stances
    assert ("GFAP", "extends") in stances
    tnf = [s for s in compare(rows(REVIEW, "r"), rows(PAPER, "p")) if s.paper.target == "TNF-α"][0]
    assert tnf.stance == "extends" and "CCI" in tnf.reason  # same effect, new model
