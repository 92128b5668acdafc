"""Plain data passed between litmine's pipeline stages.

Data flows one way::

    path --read--> RawDocument --clean--> Document --segment--> Sentence*
         --tag--> Mention* --relate--> Relation* --store--> SQLite

Every object keeps character offsets (Python ``str`` indices, i.e. Unicode code
points) into ``Document.text``, so any stored row can be traced to its words.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

BLOCK_KINDS = ("body", "caption", "table", "heading", "front", "figure", "references")
LANGS = ("zh", "en", "mixed")
#: ``Relation.direction`` values.
DIRECTIONS = ("increase", "decrease", "no_change", "modulate", "better_than")
#: How a relation in coordinated animal models names them in its model slot ("CCI和SNI大鼠" -> ``"CCI; SNI"``):
#: the relation extractor joins them, the store's --model filter and the claims base read each part.
MODEL_SEPARATOR = "; "
#: Document roles: a ``review``'s relations seed the claims to track; a ``primary`` study adds to them.
ROLES = ("primary", "review")
#: Tables of the database that ``litmine export --table`` writes.
TABLES = ("documents", "sentences", "mentions", "relations", "concepts", "abbreviations", "cited_works", "claims",
          "claim_evidence", "studies")
#: ``Relation.pain_effect`` values.
PAIN_EFFECTS = ("relieves", "worsens", "none")
#: Longest text filter of a query (exercise, target, model, species), in
#: characters: names of the field are far shorter, and SQLite refuses LIKE
#: patterns past 50,000 bytes ("pattern too complex").
MAX_FILTER_CHARS = 200
#: Longest document reference (a path, a stored name or a hash prefix): PATH_MAX on Linux.
MAX_REFERENCE_CHARS = 4096
#: Most NLP processes of ``ingest --workers N``: each is a process holding the models, and the
#: one writer stores in input order, so past a few per core more only cost memory (the speed-up
#: levels off well below this; ``benchmarks/workers.py``). A readable bound, not 2**63 - 1.
MAX_WORKERS = 64
#: Start of the reason given for a file met in a folder whose suffix litmine
#: does not read (``"unsupported file type '.docx'"``).
UNSUPPORTED_FILE = "unsupported file type"
#: The reason given for a symbolic link whose target is missing (or a loop of links).
BROKEN_LINK = "symbolic link to nothing (broken, or a loop)"
#: Start of the ``reason`` of an ingest result ``skipped`` because its file (or folder) was
#: reached before in the same run: named twice, or through a symbolic link.
REPEATED_PATH = "already read in this run"


@dataclass
class RawDocument:
    """Text as a reader produced it, before cleaning.

    Attributes:
        path: the file it came from (as given by the user).
        text: extracted text; for PDFs pages are joined with ``"\\f"``.
        format: ``"txt"``, ``"html"`` (a saved web page, :mod:`litmine.io.html`) or ``"pdf"``.
        sha256: hex digest of the file's bytes (the document's content hash).
        encoding: detected text encoding (``None`` for PDFs).
        pages: number of pages (PDF) or ``None``.
        warnings: non-fatal problems met while reading (e.g. a repaired PDF).
        metadata: free-form reader metadata (title, author...).
        record: the bibliographic record the document comes from (a search
            export's record, or a PDF attached to one), ``None`` for a plain file.
    """

    path: str
    text: str
    format: str
    sha256: str
    encoding: Optional[str] = None
    pages: Optional[int] = None
    warnings: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    record: Optional["BibRecord"] = None


#: Search-export formats ``litmine ingest --format`` names (readers in :mod:`litmine.io.records`).
EXPORT_FORMATS = ("pubmed-xml", "endnote-xml", "zotero-rdf", "zotero", "medline", "ris", "wos", "bibtex",
                  "cnki-endnote", "refworks", "noteexpress", "wanfang-text", "csl-json")
#: ``BibRecord.source_db`` values: where a record (or a file) came from.
SOURCE_DBS = ("pubmed", "wos", "cnki", "wanfang", "vip", "zotero", "endnote", "ris", "bibtex", "csl", "file")


@dataclass
class BibRecord:
    """One bibliographic record of a search export (:mod:`litmine.io.records`).

    Attributes:
        title: the title as exported (``""`` when missing).
        authors: author names in order, each as exported (``"Smith, Jane"``,
            ``"Smith J"``, ``"张三"``).
        year: publication year, or ``None``.
        journal: journal (or book, thesis school) name, ``""`` when missing.
        doi: lower-case DOI without ``https://doi.org/`` (``"10.1000/xyz1"``), ``""`` when none.
        pmid: PubMed id (digits), ``""`` when none.
        language: ``"en"``, ``"zh"`` or the export's own code (``"ger"``), ``""`` when not said.
        source_db: one of :data:`SOURCE_DBS` (the database or format the record came from).
        abstract: the abstract text; a structured abstract keeps its section
            labels, one section a paragraph (``"BACKGROUND: ...\n\nMETHODS: ..."``).
        keywords: keywords in order.
        pdf: path of an attached PDF (absolute, or as exported), ``""`` when none.
        key: the record's id inside its file (PMID, an EndNote record number, a
            BibTeX key, or ``"#n"``, its 1-based position), used to recognise
            the same record when an edited export is read again.
        fmt: the export format read (``"pubmed-xml"``, ``"medline"``, ``"ris"``...).
        warnings: what a reader noticed about this record (a record the file ends inside,
            cut short), one line each; they become the document's warnings, and are no part
            of the record's identity (its content hash).
    """

    title: str = ""
    authors: list[str] = field(default_factory=list)
    year: Optional[int] = None
    journal: str = ""
    doi: str = ""
    pmid: str = ""
    language: str = ""
    source_db: str = "file"
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    pdf: str = ""
    key: str = ""
    fmt: str = ""
    warnings: list[str] = field(default_factory=list, compare=False)

    def text(self) -> str:
        """The document text of a record without a PDF: title, a blank line, the abstract."""
        return "\n\n".join(p for p in (self.title.strip(), self.abstract.strip()) if p)


@dataclass
class Block:
    """A run of cleaned text of one kind: ``start``/``end`` are offsets into ``Document.text``.

    ``kind`` is one of :data:`BLOCK_KINDS`; ``section`` is the nearest heading
    number or name above it (``"2.1"``, ``"abstract"``, ``""`` when unknown).
    """

    start: int
    end: int
    kind: str = "body"
    section: str = ""
    lang: str = "zh"


@dataclass
class Document:
    """A cleaned document: ``text`` is what every offset below points into.

    ``pages`` is the page map of a paged source (a PDF, or text with form
    feeds between pages): ``(offset, page)`` pairs, in offset order, where
    text of that page (1-based) starts; a page can recur after a float moved
    from it. Empty when the source has no pages. ``record`` is the reader's
    :class:`BibRecord` (``None`` for a plain file).
    """

    name: str
    path: str
    text: str
    sha256: str
    format: str = "txt"
    blocks: list[Block] = field(default_factory=list)
    lang: str = "zh"
    encoding: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
    pages: list[tuple[int, int]] = field(default_factory=list)
    record: Optional[BibRecord] = None

    def page_at(self, offset: int) -> Optional[int]:
        """The page (1-based) of the character at ``offset`` of ``text``; ``None`` without pages."""
        i = bisect_right(self.pages, offset, key=lambda p: p[0])
        return self.pages[i - 1][1] if i else (self.pages[0][1] if self.pages else None)


@dataclass
class Sentence:
    """One sentence: ``text == document.text[start:end]``.

    ``refs`` are the citation numbers of bracketed markers in it, expanded
    (``[9-10,12]`` -> ``["9", "10", "12"]``). ``paragraph`` numbers the
    block the sentence belongs to, so context can be carried within it.
    ``page`` is the source page (1-based) where it starts, ``None`` for a
    source without pages.
    """

    index: int
    start: int
    end: int
    text: str
    lang: str
    kind: str = "body"
    section: str = ""
    paragraph: int = 0
    refs: list[str] = field(default_factory=list)
    page: Optional[int] = None


@dataclass
class Mention:
    """A tagged entity: offsets into ``Document.text``.

    ``label`` is an entity type (EXERCISE, CYTOKINE, ..., see ``models/README.md``);
    ``concept_id`` the litmine concept (``LM:...``) it is normalised to; ``source``
    how it was found: ``"lexicon"``, ``"pattern"``, ``"abbreviation"`` or ``"protocol"``.
    """

    start: int
    end: int
    text: str
    label: str
    concept_id: str
    name: str
    sentence: int = -1
    source: str = "lexicon"
    xref: str = ""


@dataclass
class Protocol:
    """An exercise protocol in numbers (fields are ``None`` when not stated).

    Units: ``duration_days_*`` in days (1 week = 7 days, 1 month = 30 days);
    ``sessions_per_week`` sessions per week; ``minutes_*`` minutes per session;
    ``intensity_low``/``intensity_high`` in ``intensity_unit`` (``%HRmax``,
    ``%HRR``, ``%1RM``, ``%10RM``, ``RPE``, ``%VO2max``, or a word such as ``moderate``);
    ``speed`` in m/min; ``sets``/``reps`` as (low, high) tuples; ``timing`` when
    training started ("2 weeks after injury") with ``timing_days`` in days.
    ``duration``, ``frequency``, ``intensity`` keep a human-readable form
    (``"6 weeks"``, ``"5 days/week"``, ``"50%-60% HRmax"``).
    """

    duration: Optional[str] = None
    duration_days_min: Optional[float] = None
    duration_days_max: Optional[float] = None
    frequency: Optional[str] = None
    sessions_per_week: Optional[float] = None
    session_length: Optional[str] = None
    minutes_min: Optional[float] = None
    minutes_max: Optional[float] = None
    intensity: Optional[str] = None
    intensity_low: Optional[float] = None
    intensity_high: Optional[float] = None
    intensity_unit: Optional[str] = None
    speed: Optional[float] = None
    sets: Optional[tuple] = None
    reps: Optional[tuple] = None
    timing: Optional[str] = None
    timing_days: Optional[float] = None


@dataclass
class Relation:
    """An exercise -> effect statement found in one sentence.

    ``direction``: increase | decrease | no_change | modulate | better_than.
    ``pain_effect``: relieves | worsens | none (derived from outcome polarity).
    ``*_from`` slots say where context came from: ``"clause"``, ``"sentence"``,
    ``"paragraph"`` or ``""``. ``confidence`` is in [0, 1].
    """

    sentence: int
    exercise: str
    exercise_text: Optional[str]
    direction: str
    target: str
    target_text: str
    target_id: str
    target_type: str
    trigger: str = ""
    aspect: Optional[str] = None
    negated: bool = False
    hedged: bool = False
    exercise_carried: bool = False
    compared_to: Optional[str] = None
    model: Optional[str] = None
    species: Optional[str] = None
    tissue: Optional[str] = None
    protocol: Protocol = field(default_factory=Protocol)
    context_from: dict = field(default_factory=dict)
    pain_effect: str = "none"
    confidence: float = 0.5
    kind: str = "exercise_effect"


@dataclass(frozen=True)
class Limits:
    """Resource limits applied to every input document (issue 15: bounded work on any input).

    A document past a limit is refused with a :class:`~litmine.errors.LimitError`
    naming the file, the limit and the ``litmine ingest`` option that raises it;
    nothing of it is stored. ``0`` (or less) switches a limit off.

    Attributes:
        max_text_mb: megabytes (10**6) of text per document: a text file's size
            on disk, checked before it is read; a PDF's extracted text, in
            characters, checked page by page (``--max-text-mb``).
        max_pdf_mb: megabytes of a PDF file on disk (``--max-pdf-mb``).
        max_pdf_pages: pages of one PDF (``--max-pdf-pages``).
        max_inflate_mb: megabytes the compressed (Flate) streams of one PDF that
            are not images -- content streams, fonts, object streams -- inflate
            to, all together; checked by inflating them chunk by chunk before
            PDFium does (``--max-inflate-mb``).
        time_limit_s: CPU seconds of processing (reading, cleaning, segmentation,
            tagging, relations) per document, not the clock's (a loaded machine does not
            refuse a document an idle one accepts); storing is never interrupted
            (``--time-limit``).
        max_export_mb: megabytes of a search export read as text (RIS, MEDLINE,
            CNKI...; read whole, then one record at a time); XML exports are
            streamed and have no size limit.

    The defaults keep any one document within about a minute of CPU and 1.5 GB
    and fit papers, reviews, theses and books, and they fit each other: a text
    at the size limit needs about two thirds of the time limit. Measured (2026-12-07, a
    shared 2-core machine): litmine processes about 50,000 characters per CPU
    second (English and Chinese), a generated 300-page English PDF (1.1 million
    characters) ingests in 23.5 s of CPU (46 s by the clock at load average 4;
    peak RSS 340 MB), so the 2 MB (2 million characters) size limit is reached
    at about 40 s of CPU, inside the 60 s time limit; a larger document is
    refused at once by its size, not after a minute of work. The time limit
    is what stops input that is slow for its size.
    """

    max_text_mb: float = 2.0
    max_pdf_mb: float = 256.0
    max_pdf_pages: int = 2000
    max_inflate_mb: float = 512.0
    time_limit_s: float = 60.0
    max_export_mb: float = 500.0

    @staticmethod
    def off(value) -> bool:
        """True when ``value`` (a limit) is switched off (``None`` or <= 0)."""
        return value is None or value <= 0


@dataclass
class Reference:
    """One numbered entry of a document's reference list (:mod:`litmine.text.references`).

    ``number`` as printed (``"12"``), matching :attr:`Sentence.refs`; ``text`` the whole
    entry; ``start``/``end`` offsets into ``Document.text``; ``authors``, ``title``, ``doi``
    are ``""`` and ``year`` ``None`` when the entry does not print them.
    """

    number: str
    text: str
    start: int
    end: int
    authors: str = ""
    year: Optional[int] = None
    title: str = ""
    doi: str = ""


#: ``Study.source`` values: a row of a study table, a study cited in the text (by its
#: citation number), or the document's own study.
STUDY_SOURCES = ("table", "citation", "document")


@dataclass
class Study:
    """One study of the studies table (:mod:`litmine.nlp.studies`): a characteristics-of-
    included-studies row.

    ``source`` is one of :data:`STUDY_SOURCES`. ``author`` is the first author's surname as
    printed, ``year`` the publication year, ``refs`` the citation numbers in the citing
    document ("24", "4,5"). ``population``: diagnosis, population or animal model as
    printed; ``population_terms``: expansions of its abbreviations ("diabetic peripheral
    neuropathy"). ``n``: participants or animals where stated. Protocol numbers in
    canonical units: ``duration_weeks`` (weeks, 1 month = 30/7 weeks), ``sessions_per_week``,
    ``minutes_min``/``minutes_max`` per session, ``intensity_low``/``intensity_high`` in
    ``intensity_unit`` (%HRmax, %HRR, %1RM, %10RM, %VO2max, RPE, or ``level``: low=1,
    moderate=2, high=3). ``duration``/``volume``/``intensity`` keep the text as printed (a
    table cell) or as read ("6 weeks"). ``outcomes``: outcomes with direction arrows
    ("Pain↓, ADL↑"; ↑ increase, ↓ decrease, → no change, ↕ modulated). ``start``/``end``
    are offsets into ``Document.text`` of the table row or the first evidence sentence;
    ``table`` is the caption of the table a row came from; ``cited_title``/``cited_doi``
    the reference-list entry its citation number resolves to.
    """

    source: str
    author: str = ""
    year: Optional[int] = None
    refs: str = ""
    design: str = ""
    population: str = ""
    population_terms: str = ""
    species: str = ""
    n: Optional[int] = None
    exercise: str = ""
    duration: str = ""
    duration_weeks: Optional[float] = None
    volume: str = ""
    sessions_per_week: Optional[float] = None
    minutes_min: Optional[float] = None
    minutes_max: Optional[float] = None
    intensity: str = ""
    intensity_low: Optional[float] = None
    intensity_high: Optional[float] = None
    intensity_unit: str = ""
    comparison: str = ""
    outcomes: str = ""
    start: int = 0
    end: int = 0
    table: str = ""
    cited_title: str = ""
    cited_doi: str = ""

    @property
    def label(self) -> str:
        """The study as a reader names it: ``"Hamed 2014 [24]"`` (parts that are missing left out)."""
        parts = [self.author, str(self.year) if self.year else ""]
        name = " ".join(p for p in parts if p)
        return f"{name} [{self.refs}]".strip() if self.refs else name


#: The first 16 bytes of every SQLite 3 database file (sqlite.org/fileformat.html, section 1.3).
SQLITE_HEADER = b"SQLite format 3\x00"
