"""The studies of a document: one :class:`~litmine.types.Study` per study it reports.

Three kinds (``Study.source``):

* ``table`` -- a row of a study table the document prints (a review's "characteristics of
  included studies", rebuilt from the PDF text by :mod:`litmine.text.tables`): study cell
  (author, year, citation number), diagnosis or model, exercise type, protocol cells,
  outcomes, as printed; protocol numbers are read from the cells by
  :mod:`litmine.nlp.protocol`; abbreviations are expanded from the table's legend and the
  document's own definitions.
* ``citation`` -- a study the text cites with exercise relations: the relations of the
  sentences that cite exactly one work (so a statement is never given to the wrong one
  of several), grouped by that work: a citation number, with author and year from the
  reference list entry of that number (:mod:`litmine.text.references`), else from the
  author named before the citation ("COBIANCH等[47]", "Smith et al. [12]"); or an
  author-year citation ("Smith et al. (2019)", "(Smith et al., 2019)", "王明等(2019)").
  Numbers a study table already lists are not repeated. Design and sample size come from
  the sentences citing the number ("a randomized controlled trial in 40 patients [12]").
* ``document`` -- the document's own study: its exercise relations in sentences that cite
  nothing, in a document without a study table (a review's own uncited statements are
  not a study; whether the document is a primary study is its stored role, applied when
  the table is read: :func:`litmine.store.queries.study_rows`).

Pure functions over plain data; nothing here touches the database.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import fields, replace
from typing import Iterable, Optional

from ..text.biblio import first_author_surname
from ..text.tables import Table, TableRow, document_tables, find_design
from ..types import Document, Protocol, Reference, Relation, Sentence, Study
from .protocol import find_protocol_parts, parse_protocol

__all__ = ["ARROWS", "author_year_citations", "table_studies", "cited_studies", "own_study", "document_studies"]

#: Arrow written after an outcome for each relation direction.
ARROWS = {"increase": "↑", "decrease": "↓", "no_change": "→", "modulate": "↕"}

#: Words that say which species a population is (English and Chinese): a clinical
#: population is human; rodent strains name their species.
SPECIES_WORDS = (
    (re.compile(r"(?<![A-Za-z])(?:patients?|participants?|adults?|women|men|children|elderly|volunteers?|"
                r"clinical|survivors?|humans?)(?![A-Za-z])|患者|受试者|人群|临床|志愿者|儿童|老年人", re.I), "human"),
    (re.compile(r"(?<![A-Za-z])(?:rats?|Sprague|Wistar|SD)(?![A-Za-z])|大鼠", re.I), "rat"),
    (re.compile(r"(?<![A-Za-z])(?:mice|mouse|C57BL)(?![A-Za-z])|小鼠", re.I), "mouse"),
)
_LEVEL_WORD = re.compile(r"(?<![A-Za-z])(?:low|light|moderate|vigorous|high)(?![A-Za-z])", re.I)
_EXERCISE_GLUE = re.compile(r"(?<=[a-z])(and|or)(?=\s)", re.I)
#: An author named before a citation: a surname with "et al." or 等 ("COBIANCH等 [47]",
#: "Smith et al. [12]"), or a Latin surname with a year in brackets ("Smith (2019) [12]").
_AUTHOR_BEFORE = (r"(?:(?P<a>[A-Z][A-Za-z'’\-]+|[\u4e00-\u9fff]{2,4}?)\s*(?:et\s+al\.?|等人?)"
                  r"|(?P<b>[A-Z][A-Za-z'’\-]+)\s*[,，]?\s*\((?:19|20)\d{2}\))\s*")


def species_of(*texts: str) -> str:
    """The species the first text naming one names (:data:`SPECIES_WORDS`), ``""`` when none does."""
    for text in texts:
        for rx, species in SPECIES_WORDS:
            if text and rx.search(text):
                return species
    return ""


def _weeks(days: Optional[float]) -> Optional[float]:
    return None if days is None else round(days / 7, 2)


def _best_intensity(text: str) -> tuple[Optional[float], Optional[float], str]:
    """``(low, high, unit)`` of the intensity stated in ``text`` (an intensity cell): a
    measured unit (%HRmax, %HRR, %1RM...) before a level word ("moderate", alone in the cell
    too); ``(None, None, "")`` when none."""
    parts = [p for p in find_protocol_parts(text) if p.kind == "INTENSITY"]
    parts.sort(key=lambda p: p.unit == "level")
    if not parts:   # an intensity cell may print the level word alone ("moderate")
        m = _LEVEL_WORD.search(text)
        parts = [p for p in find_protocol_parts(m.group() + " intensity") if p.kind == "INTENSITY"] if m else []
    if not parts:
        return None, None, ""
    return parts[0].low, parts[0].high, parts[0].unit


def _terms(cell: str, legend: dict[str, list[str]], definitions: dict[str, str]) -> str:
    """Expansions of the abbreviations in ``cell``: the table legend's (English first when it
    gives one), else the document's own definitions; ``"; "``-joined, in cell order."""
    out = []
    for tok in re.findall(r"[A-Za-z0-9α-ω][\w\-/α-ω]*", cell):
        found = legend.get(tok) or ([definitions[tok]] if tok in definitions else [])
        if found:
            best = sorted(found, key=lambda s: not s.isascii())[0]
            if best not in out:
                out.append(best)
    return "; ".join(out)


def _first_int(text: str) -> Optional[int]:
    m = re.search(r"(?:[nN]\s*=\s*)?(\d{1,5})", text or "")
    return int(m.group(1)) if m else None


def _stated_n(text: str) -> Optional[int]:
    """A sample size stated inside a population cell ("(n=40)", "40例"), else ``None``."""
    m = re.search(r"[nN]\s*=\s*(\d{1,5})|(\d{1,5})\s*(?:例|名|patients|participants)", text or "")
    return int(m.group(1) or m.group(2)) if m else None


def _surname(authors: str) -> str:
    """The first author's surname of a reference entry's author list: "Hamed K, Li Q" ->
    "Hamed", "K.-J. Yoon and I.-S. Kweon" -> "Yoon", "van Dijk J" -> "van Dijk", "王明, 刘洋"
    -> "王明" (initials -- capitals with or without full stops -- are never the surname)."""
    first = re.split(r"[,，;；]|\s+(?:and|&)\s+", authors, maxsplit=1)[0].strip() if authors else ""
    if re.match(r"[\u4e00-\u9fff]", first):
        return first
    words = [w for w in first.split() if not re.fullmatch(r"(?:[A-Z][a-z]?\.?-?)+|[A-Z]{1,3}", w)]
    if len(words) > 1 and words[0].islower():      # a particle: van, de, von...
        return f"{words[0]} {words[1]}"
    return words[0] if words else ""


def table_studies(tables: Iterable[Table], references: dict[str, Reference],
                  definitions: Optional[dict[str, str]] = None) -> list[Study]:
    """One ``table`` study per row of the document's study tables (a row listing several
    exercise arms is one study, see :func:`_merge_arms`).

    Args:
        tables: rebuilt tables (:func:`litmine.text.tables.document_tables`).
        references: the reference list by number, to fill an author or year the row does
            not print and to give the cited title and DOI.
        definitions: the document's own abbreviation definitions (short -> long form).
    """
    out = []
    for table in tables:
        arms: list[TableRow] = []
        for row in table.rows + [None]:
            if arms and (row is None or row.start != arms[0].start):
                out.append(_merge_arms([_row_study(r, table, references, definitions or {}) for r in arms]))
                arms = []
            if row is not None:
                arms.append(row)
    return out


def _merge_arms(arms: list[Study]) -> Study:
    """One study from the arms of one table row (:func:`litmine.text.tables.split_arms`): the
    exercises, protocol texts and comparisons joined with "; " where they differ, outcomes
    per arm ("HIIT: Gait speed↑; MICT: Gait speed→"); protocol numbers are the first arm's."""
    study = arms[0]
    if len(arms) == 1:
        return study
    outcomes = "; ".join(f"{a.exercise}: {a.outcomes}" if a.exercise else a.outcomes for a in arms if a.outcomes)
    for name in ("exercise", "duration", "volume", "intensity", "comparison"):
        setattr(study, name, "; ".join(dict.fromkeys(v for v in (getattr(a, name) for a in arms) if v)))
    study.outcomes = outcomes
    return study


def _row_study(row: TableRow, table: Table, references: dict[str, Reference],
               definitions: dict[str, str]) -> Study:
    c = row.cells
    ref = references.get(row.refs[0]) if len(row.refs) == 1 else None
    population = c.get("population", "")
    dur = parse_protocol(c.get("duration", "")) if c.get("duration") else Protocol()
    vol = parse_protocol(c.get("volume", "")) if c.get("volume") else Protocol()
    low, high, unit = _best_intensity(c.get("intensity", ""))
    header = " ".join(col.label for col in table.columns)
    return Study(
        source="table", author=row.author or (_surname(ref.authors) if ref else ""),
        year=row.year or (ref.year if ref else None), refs=",".join(row.refs), design=c.get("design", ""),
        population=population, population_terms=_terms(population, table.legend, definitions),
        species=species_of(c.get("species", ""), population, table.caption, header),
        n=_first_int(c["n"]) if c.get("n") else _stated_n(population),
        exercise=_EXERCISE_GLUE.sub(r" \1", c.get("exercise", "")),
        duration=c.get("duration", ""), duration_weeks=_weeks(dur.duration_days_min),
        volume=c.get("volume", ""), sessions_per_week=vol.sessions_per_week,
        minutes_min=vol.minutes_min, minutes_max=vol.minutes_max,
        intensity=c.get("intensity", ""), intensity_low=low, intensity_high=high, intensity_unit=unit,
        comparison=c.get("comparison", ""), outcomes=c.get("outcome", ""), start=row.start, end=row.end,
        table=table.caption, cited_title=ref.title if ref else "", cited_doi=ref.doi if ref else "")


def _outcome(r: Relation) -> str:
    if r.direction == "better_than":
        return f"{r.target}: {r.exercise}>{r.compared_to or '?'}"
    return r.target + (ARROWS["no_change"] if r.negated else ARROWS.get(r.direction, ""))


def _common(values: Iterable) -> object:
    """The most frequent value that is not ``None``/empty (the first seen on a tie), else ``None``."""
    counts = Counter(v for v in values if v not in (None, ""))
    return counts.most_common(1)[0][0] if counts else None


def _merged(protocols: list[Protocol]) -> Protocol:
    """Field by field, the most frequent stated value of ``protocols``."""
    return Protocol(**{f.name: _common(getattr(p, f.name) for p in protocols) for f in fields(Protocol)})


def _relations_study(source: str, rels: list[Relation], sentences: list[Sentence]) -> Study:
    """A study from the relations stating it: exercises, model, species, protocol and outcomes."""
    p = _merged([r.protocol for r in rels])
    outcomes = list(dict.fromkeys(_outcome(r) for r in rels))
    first = sentences[rels[0].sentence]
    low, high, unit = p.intensity_low, p.intensity_high, p.intensity_unit or ""
    return Study(
        source=source, population=_common(r.model for r in rels) or "",
        species=_common(r.species for r in rels) or "",
        exercise="; ".join(dict.fromkeys(r.exercise for r in rels)), duration=p.duration or "",
        duration_weeks=_weeks(p.duration_days_min), volume="; ".join(x for x in (p.frequency, p.session_length) if x),
        sessions_per_week=p.sessions_per_week, minutes_min=p.minutes_min, minutes_max=p.minutes_max,
        intensity=p.intensity or "", intensity_low=low, intensity_high=high, intensity_unit=unit,
        comparison=_common(r.compared_to for r in rels) or "", outcomes=", ".join(outcomes),
        start=first.start, end=first.end)


def _author_before(sentences: list[Sentence], ref: str) -> str:
    """The author a sentence names just before citation ``ref`` ("COBIANCH等 [47]" -> "COBIANCH")."""
    rx = re.compile(_AUTHOR_BEFORE + rf"[\[［]\s*{re.escape(ref)}\s*[\]］]")
    for s in sentences:
        m = rx.search(s.text)
        if m:
            return m.group("a") or m.group("b")
    return ""


#: A sample size stated in a methods or abstract sentence: "n = 40", "40 patients", "40只大鼠".
_SAMPLE = re.compile(r"(?<![\w.])(?:[nN]\s*=\s*(\d{1,5})|(\d{1,5})\s*(?:(?:male|female|adult|healthy|older|"
                     r"elderly)\s+)?(?:patients|participants|subjects|adults|women|men|volunteers|survivors|"
                     r"children|rats|mice|animals|只|例|名))")

#: An author-year citation: narrative "Smith et al. (2019)", "Smith and Lee (2019)",
#: parenthetical "(Smith et al., 2019)" / "(Smith 2019; ...)", Chinese "王明等(2019)".
_AUTHOR_YEAR = re.compile(
    r"(?P<a1>(?:(?:van|von|de|da|del|di|le)\s+)?[A-Z][A-Za-z'’\-]+)(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][A-Za-z'’\-]+)?"
    r"\s*\(\s*(?P<y1>(?:19|20)\d{2})[a-z]?\s*\)"
    r"|(?<=[(;；]\s)(?P<a2>[A-Z][A-Za-z'’\-]+)(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][A-Za-z'’\-]+)?,?\s+"
    r"(?P<y2>(?:19|20)\d{2})[a-z]?(?=\s*[);；,])"
    r"|(?<=[(（;；])(?P<a3>[A-Z][A-Za-z'’\-]+)(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][A-Za-z'’\-]+)?,?\s+"
    r"(?P<y3>(?:19|20)\d{2})[a-z]?(?=\s*[);；,）])"
    r"|(?P<a4>[\u4e00-\u9fff]{2,4}?)等人?\s*[(（]\s*(?P<y4>(?:19|20)\d{2})\s*[)）]")
#: Capitalised words that start a sentence or name a figure, never an author.
_NOT_AUTHORS = frozenset("In On At By For From The This That These Those Since Until After Before During Table Fig "
                         "Figure Supplementary Study Studies Trial Data Year Years".split())


def author_year_citations(text: str) -> list[tuple[str, int]]:
    """The author-year citations in ``text``: ``[("Smith", 2019), ...]`` (first author's
    surname as printed, year), in order, each once (:data:`_AUTHOR_YEAR`)."""
    return list(_citations(text))


@functools.lru_cache(maxsize=4096)
def _citations(text: str) -> tuple[tuple[str, int], ...]:
    """:func:`author_year_citations` as a tuple, memoised: the cited and the own study ask for every body
    sentence, the first once per relation in it."""
    out = []
    for m in _AUTHOR_YEAR.finditer(text):
        author = m.group("a1") or m.group("a2") or m.group("a3") or m.group("a4")
        year = int(m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4"))
        if author in _NOT_AUTHORS or (author, year) in out:
            continue
        out.append((author, year))
    return tuple(out)


def cited_studies(sentences: list[Sentence], relations: list[Relation], references: dict[str, Reference],
                  skip: Iterable[str] = ()) -> list[Study]:
    """One ``citation`` study per cited work whose citing sentences carry exercise relations.

    A work is a citation number (resolved through ``references``) or, in a sentence without
    numbers, an author-year citation (:func:`author_year_citations`). Only sentences of body
    text citing exactly one work count, so a statement is never given to the wrong one of
    several; numbers in ``skip`` (those a study table lists) are left out. Studies come in
    order of first citation.
    """
    skip = set(skip)
    by_work: dict[tuple, list[Relation]] = {}
    for r in relations:
        s = sentences[r.sentence]
        if s.kind != "body":
            continue
        if s.refs:
            if len(s.refs) == 1 and s.refs[0] not in skip:
                by_work.setdefault(("number", s.refs[0]), []).append(r)
            continue
        cited = _citations(s.text)
        if len(cited) == 1:
            by_work.setdefault(("author-year", *cited[0]), []).append(r)
    citing_by_ref: dict[str, list[Sentence]] = {}
    for s in sentences:
        for ref in s.refs:
            citing_by_ref.setdefault(ref, []).append(s)
    out = []
    for work, rels in by_work.items():
        study = _relations_study("citation", rels, sentences)
        if work[0] == "author-year":
            study.author, study.year = work[1], work[2]
        else:
            ref = work[1]
            entry = references.get(ref)
            citing = citing_by_ref.get(ref, [])
            study.refs = ref
            study.design = next((d for d in (find_design(s.text) for s in citing) if d), "")
            sizes = (_SAMPLE.search(s.text) for s in citing)
            study.n = next((int(m.group(1) or m.group(2)) for m in sizes if m), None)
            study.author = _surname(entry.authors) if entry and entry.authors else _author_before(citing, ref)
            study.year = entry.year if entry else None
            study.cited_title, study.cited_doi = (entry.title, entry.doi) if entry else ("", "")
        out.append(study)
    return out


def _uncited(s: Sentence) -> bool:
    return s.kind == "body" and not s.refs and not _citations(s.text)


def own_study(sentences: list[Sentence], relations: list[Relation]) -> Optional[Study]:
    """The document's own study: its exercise relations in body sentences citing nothing (no
    number, no author-year citation); ``None`` without any. Its ``design`` is the first study
    design an uncited sentence names (:func:`litmine.text.tables.find_design`), ``n`` the first
    sample size ("n = 40", "40 patients", "40只"), both ``""``/``None`` when not stated."""
    rels = [r for r in relations if _uncited(sentences[r.sentence])]
    if not rels:
        return None
    study = _relations_study("document", rels, sentences)
    own = [s for s in sentences if _uncited(s)]
    study.design = next((d for d in (find_design(s.text) for s in own) if d), "")
    sizes = (_SAMPLE.search(s.text) for s in own)
    study.n = next((int(m.group(1) or m.group(2)) for m in sizes if m), None)
    return study


def document_studies(doc: Document, sentences: list[Sentence], relations: list[Relation],
                     references: list[Reference], definitions: Optional[dict[str, str]] = None) -> list[Study]:
    """Every study of one processed document: table rows, cited studies, then its own study
    (only in a document without a study table; its author and year from the document's
    bibliographic record when it has one). See the module docstring."""
    refs = {r.number: r for r in references}
    tables = document_tables(doc)
    out = table_studies(tables, refs, definitions)
    listed = {n for s in out for n in s.refs.split(",") if n}
    out += cited_studies(sentences, relations, refs, listed)
    if not tables:
        own = own_study(sentences, relations)
        if own is not None:
            if doc.record is not None:      # a search-export record names its own authors and year
                own = replace(own, author=first_author_surname(doc.record.authors) or own.author,
                              year=doc.record.year or own.year)
            out.append(own)
    return out
