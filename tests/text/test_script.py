"""Traditional Chinese read as Simplified: sentences written for litmine."""
from litmine.pipeline import process_text
from litmine.text.script import to_simplified, traditional_share

TRAD = "跑台運動顯著降低了坐骨神經損傷大鼠脊髓中TNF-α的表達，並緩解了機械性痛覺過敏。"
SIMP = "跑台运动显著降低了坐骨神经损伤大鼠脊髓中TNF-α的表达，并缓解了机械性痛觉过敏。"


def test_traditional_text_is_converted_with_offsets_kept():
    out, converted = to_simplified(TRAD + "\n\n" + "Treadmill running (運動) reduced pain.")
    assert converted and out.startswith(SIMP)
    assert len(out) == len(TRAD) + 2 + len("Treadmill running (運動) reduced pain.")
    assert "(运动)" in out


def test_simplified_and_english_text_are_left_alone():
    assert to_simplified(SIMP) == (SIMP, False)
    assert to_simplified("Swimming reduced IL-6.") == ("Swimming reduced IL-6.", False)
    assert traditional_share(SIMP) < 0.05 < traditional_share(TRAD)


def test_a_traditional_document_gives_the_same_relations_as_its_simplified_twin():
    def rels(text):
        return {(r.exercise, r.direction, r.target) for r in process_text(text, "t.txt").relations}
    trad, simp = process_text(TRAD, "t.txt"), rels(SIMP)
    assert ("treadmill", "decrease", "TNF-α") in simp
    assert {(r.exercise, r.direction, r.target) for r in trad.relations} == simp
    assert any("Traditional Chinese" in w for w in trad.document.warnings)
