"""The evidence map's grid: which claims become which cells, in which order."""
from __future__ import annotations

import pytest

from litmine.formats.plots import evidence_grid


def _claim(i, cls, path, target, tid, direction="decrease", docs=1, ev=1, conflict=False, kind="effect"):
    return dict(claim_id=i, kind=kind, exercise_class=cls, exercise_path=path, direction=direction, target=target,
                target_id=tid, documents=docs, n_evidence=ev, consensus=0.75, confidence=0.5, conflict=conflict)


CLAIMS = [
    _claim(1, "treadmill", "exercise > aerobic > treadmill", "TNF-α", "HGNC:11892", docs=3, ev=5, conflict=True),
    _claim(2, "aerobic", "exercise > aerobic", "TNF-α", "HGNC:11892", docs=3, ev=6),
    _claim(3, "exercise", "exercise", "TNF-α", "HGNC:11892", docs=4, ev=7),
    _claim(4, "swimming", "exercise > aerobic > swimming", "BDNF", "HGNC:1033", "increase", docs=2, ev=2),
    _claim(5, "resistance", "exercise > resistance", "IL-6", "HGNC:6018", docs=1, ev=1),
    _claim(6, "treadmill", "exercise > aerobic > treadmill", "swimming", "LM:x", "better_than", kind="comparison"),
]
CONCEPTS = {"HGNC:11892": ("CYTOKINE", "肿瘤坏死因子-α"), "HGNC:6018": ("CYTOKINE", "白细胞介素-6"),
            "HGNC:1033": ("NEUROTROPHIC_FACTOR", "脑源性神经营养因子")}


def test_rows_follow_the_class_hierarchy_and_columns_group_types_by_evidence():
    g = evidence_grid(CLAIMS, concepts=CONCEPTS)
    assert g.classes == ["exercise", "aerobic", "swimming", "treadmill", "resistance"]
    assert g.class_labels == ["exercise", "aerobic", "› swimming", "› treadmill", "resistance"]
    # TNF-α (10 documents over its claims) first, IL-6 with it (same type), then BDNF
    assert g.targets == ["HGNC:11892", "HGNC:6018", "HGNC:1033"]
    assert g.target_types == ["CYTOKINE", "CYTOKINE", "NEUROTROPHIC_FACTOR"]
    assert g.target_labels[0] == "TNF-α 肿瘤坏死因子-α"
    cells = {(g.classes[c.row], g.targets[c.col]): c for c in g.cells}
    assert len(cells) == 5                                   # the comparison claim is not mapped
    t = cells[("treadmill", "HGNC:11892")]
    assert (t.direction, t.documents, t.evidence, t.conflict, t.claim_id) == ("decrease", 3, 5, True, 1)
    assert g.conflicts == 1 and g.left_out == 0


def test_filters_and_limits():
    g = evidence_grid(CLAIMS, concepts=CONCEPTS, min_docs=3)
    assert g.targets == ["HGNC:11892"] and len(g.cells) == 3
    g = evidence_grid(CLAIMS, concepts=CONCEPTS, target_type="neurotrophic_factor")
    assert g.targets == ["HGNC:1033"] and g.classes == ["swimming"]
    g = evidence_grid(CLAIMS, concepts=CONCEPTS, max_targets=1)
    assert g.targets == ["HGNC:11892"] and g.left_out == 2
    assert evidence_grid(CLAIMS, concepts=CONCEPTS, labels="en").target_labels == ["TNF-α", "IL-6", "BDNF"]
    assert evidence_grid(CLAIMS, concepts=CONCEPTS, labels="zh").target_labels[2] == "脑源性神经营养因子"
    # no concept types known: one group, most documents first; no Chinese names: English labels
    assert evidence_grid(CLAIMS, concepts={}, labels="zh").target_labels == ["TNF-α", "BDNF", "IL-6"]
    assert evidence_grid([], concepts=CONCEPTS).cells == []
    with pytest.raises(ValueError):
        evidence_grid(CLAIMS, labels="fr")
