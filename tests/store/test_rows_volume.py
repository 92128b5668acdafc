"""The ``volume`` text of a relation row: sets and repetitions as stated, open ranges kept
open ("at most 4 sets" is ``≤4 sets``, never ``None-4``)."""
from __future__ import annotations

import pytest

import litmine
from litmine.store.rows import document_rows


@pytest.mark.parametrize("text, volume", [
    ("Resistance training, at most 4 sets, 15 reps per set, reduced pain in patients.", "≤4 sets × 15 reps"),
    ("Resistance training of 3 sets of 10 repetitions reduced pain in patients.", "3 sets × 10 reps"),
    ("Resistance training, 2 group/time, 10-15 reps/group, reduced pain in patients.", "2 sets × 10-15 reps"),
])
def test_volume_text(text, volume):
    rows = document_rows(litmine.process_text(text), "primary").relations
    assert rows and {r.volume for r in rows} == {volume}
