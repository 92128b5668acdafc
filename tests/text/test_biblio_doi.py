"""A document's own DOI, not a cited paper's: texts written for litmine."""
import litmine
from litmine.text.biblio import own_doi

SHORT_REVIEW = ("Exercise and spinal cytokines: a short review\n\ndoi: 10.5555/rev.2021.1\n\n"
                "Treadmill running lowers spinal TNF-α after nerve injury [1].\n\nReferences\n\n"
                "[1] Garcia RM. Treadmill running and TNF-α[J]. Pain, 2018, 159: 77-85. DOI: 10.5555/pain.2018.77.\n")


def test_own_doi_skips_the_reference_list_and_numbered_entries():
    assert own_doi(SHORT_REVIEW) == "10.5555/rev.2021.1"
    without_own = SHORT_REVIEW.replace("doi: 10.5555/rev.2021.1\n\n", "")
    assert own_doi(without_own) == ""                                 # the cited paper's DOI is not the review's
    assert own_doi("Results text.\n[3] Smith J. Pain. 2019. doi:10.1/x\n") == ""


def test_a_short_review_is_not_merged_with_a_paper_it_cites(tmp_path):
    review = tmp_path / "review.txt"
    review.write_text(SHORT_REVIEW.replace("doi: 10.5555/rev.2021.1\n\n", ""), encoding="utf-8")
    ris = tmp_path / "cited.ris"
    ris.write_text("TY  - JOUR\nAU  - García, Rosa M.\nPY  - 2018\nTI  - Treadmill running and TNF-α\n"
                   "DO  - 10.5555/pain.2018.77\nAB  - Treadmill running reduced TNF-α in rats.\nER  - \n",
                   encoding="utf-8")
    db = tmp_path / "t.sqlite"
    litmine.ingest([review], db, strict=True)
    litmine.ingest([ris], db, strict=True)
    assert litmine.stats(db)["documents"] == 2
