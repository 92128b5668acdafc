"""Full-text search over stored sentences (SQLite FTS5), in Chinese and English.

Index: ``sentences_fts``, an FTS5 table with external content (``content="sentences"``,
rowid = ``sentences.id``) over two columns: ``text`` (the sentence as stored) and
``words`` (the jieba words and sub-words of a sentence with Han characters,
:func:`litmine.nlp.search_words.index_words`; NULL otherwise). Its tokenizer is
FTS5's built-in ``porter unicode61 remove_diacritics 2``: English words are
stemmed (running finds run, runs), accents and case are folded, and each
space-separated Chinese word is one token -- no custom tokenizer is registered,
so ``sqlite3``, Datasette and sqlite-utils search the same file as it is.
Triggers on ``sentences`` (``sentences_ai``, ``sentences_ad``, ``sentences_au``:
sqlite-utils' names for them) keep the index in the same transaction as the
sentence rows, including rows deleted by a cascade (a document replaced or
deleted).

Query language (:func:`parse`), translated to an FTS5 expression (:func:`fts_query`):

* terms: ``treadmill``, ``TNF-α``, ``跑台``; a Chinese term is segmented as the
  index is and each of its words must appear (several words: near each other,
  FTS5 ``NEAR``), or else the dictionary words inside them as consecutive words
  (:func:`~litmine.nlp.search_words.word_pieces`: 机械痛阈 also finds a sentence cut
  机械 | 痛阈 | 值 around the mention 机械痛阈); ``treadm*`` is a prefix;
* ``"quoted phrases"`` (English: consecutive words; Chinese: words near each
  other) and ``"prefix phrases"*``;
* ``AND`` (also two terms side by side), ``OR``, ``NOT`` (``a NOT b``; ``a AND NOT b``
  and ``a -b`` are read the same: a leading minus is NOT, after a term), in capitals,
  with FTS5's precedence NOT > AND > OR, and parentheses.

The query is read in NFKC (full-width ``ＴＮＦ``, ``（`` and ``）`` as a Chinese input
method types them are ``TNF``, ``(`` and ``)``), Chinese quotation marks as ``"``.

Limits: :data:`MAX_QUERY_CHARS`, :data:`MAX_TERMS`, :data:`MAX_DEPTH`. A query
breaking them or the syntax raises :class:`~litmine.errors.QueryError` with one
line saying what to change; user text only ever reaches SQLite as a bound
parameter inside FTS5 string literals.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Optional, Sequence, Union

from sqlalchemy import text as sql
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from ..consensus import effective_direction
from ..errors import QueryError, UsageError
from ..nlp.search_words import has_han, index_words, jieba_words, term_words, word_pieces
from ..text.script import to_simplified

__all__ = ["FTS_TABLE", "SEARCH_COLUMNS", "MAX_QUERY_CHARS", "MAX_TERMS", "MAX_DEPTH", "MAX_LIMIT", "Term",
           "BoolOp", "NotOp", "parse", "fts_query", "create_search_index", "fill_search_index", "search"]

FTS_TABLE = "sentences_fts"
#: FTS5 tokenizer of the index: built into every SQLite with FTS5.
TOKENIZER = "porter unicode61 remove_diacritics 2"
MAX_QUERY_CHARS = 500
MAX_TERMS = 32
MAX_DEPTH = 16
MAX_LIMIT = 10_000
#: Sentences read at a time when the stored ones are segmented (:func:`fill_search_index`).
FILL_BATCH = 2_000
#: Largest gap (in index tokens) between the words of one Chinese term or phrase:
#: a word's sub-words stand between it and the next word in the index.
NEAR_GAP = 10

#: Keys of a search result, in order (see :func:`search`).
SEARCH_COLUMNS = ["doc", "document_id", "sentence_id", "sentence_index", "lang", "section", "page",
                  "sentence_start", "sentence_end", "sentence", "hits", "score", "relations"]

_DDL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(text, words, content=\"sentences\", "
    f"content_rowid=\"id\", tokenize='{TOKENIZER}')",
    f"CREATE TRIGGER IF NOT EXISTS sentences_ai AFTER INSERT ON sentences BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, text, words) VALUES (new.id, new.text, new.words); END",
    f"CREATE TRIGGER IF NOT EXISTS sentences_ad AFTER DELETE ON sentences BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text, words) VALUES ('delete', old.id, old.text, old.words); END",
    f"CREATE TRIGGER IF NOT EXISTS sentences_au AFTER UPDATE OF text, words ON sentences BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text, words) VALUES ('delete', old.id, old.text, old.words); "
    f"INSERT INTO {FTS_TABLE}(rowid, text, words) VALUES (new.id, new.text, new.words); END",
]


def create_search_index(conn: Connection) -> None:
    """Create the FTS5 index and its triggers where missing (SQLite only; other
    databases have no ``sentences_fts`` and :func:`search` says so). Rows already
    stored are not indexed here: see :func:`fill_search_index`."""
    if conn.dialect.name != "sqlite":
        return
    for stmt in _DDL:
        conn.exec_driver_sql(stmt)


def fill_search_index(conn: Connection) -> int:
    """Segment every stored sentence with Han characters that has no ``words`` yet
    and (re)build the index from the ``sentences`` table (the v4 -> v5 migration;
    linear in the stored text). Returns the number of sentences segmented.

    The words are written while the update trigger is away (it would take index
    entries out that were never put in, which corrupts an external-content
    FTS5 index); the index is then rebuilt whole."""
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS sentences_au")
    done, last = 0, -1
    page = sql("SELECT id, text FROM sentences WHERE words IS NULL AND id > :last ORDER BY id LIMIT :n")
    while True:                      # pages of FILL_BATCH sentences: memory bounded by the page, not the database
        rows = conn.execute(page, {"last": last, "n": FILL_BATCH}).all()
        if not rows:
            break
        last = rows[-1][0]
        todo = [{"w": index_words(t), "i": i} for i, t in rows if has_han(t)]
        if todo:
            conn.execute(sql("UPDATE sentences SET words = :w WHERE id = :i"), todo)
        done += len(todo)
    if sqlite:
        create_search_index(conn)
        conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    return done


# ---- the query language ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    """A search term or quoted phrase as typed; ``prefix``: it ended in ``*``."""

    text: str
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class BoolOp:
    """``op`` (``"AND"`` or ``"OR"``) of two or more parts."""

    op: str
    parts: tuple


@dataclass(frozen=True)
class NotOp:
    """Rows matching ``left`` and not ``right``."""

    left: object
    right: object


Node = Union[Term, BoolOp, NotOp]
_TOKEN = re.compile(r'\s+|(\()|(\))|"([^"]*)("?)(\**)|([^\s()"]+)')
_OPS = ("AND", "OR", "NOT")


#: Quotation marks typed with a Chinese input method, read as ``"``.
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u300c": '"', "\u300d": '"'})


def normalise_query(query: str) -> str:
    """``query`` in NFKC (full-width letters, digits, parentheses and ``＂``, as a Chinese
    input method types them, become ASCII) with Chinese quotation marks (“ ” 「 」) as ``"``,
    in Simplified characters when written in Traditional ones (OpenCC t2s, as documents are stored)."""
    return to_simplified(unicodedata.normalize("NFKC", query).translate(_QUOTES))[0]


def _tokens(query: str) -> list[tuple[str, object]]:
    """``query`` as ``(kind, value)``: ``("(", None)``, ``(")", None)``, ``("op", "AND")``, ``("term", Term)``;
    ``AND NOT`` is read as ``NOT``."""
    query = normalise_query(query)
    out = []
    pos = 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        pos = m.end()
        if m.group(1):
            out.append(("(", None))
        elif m.group(2):
            out.append((")", None))
        elif m.group(3) is not None or m.group(4) is not None:
            if not m.group(4):
                raise QueryError(f"search {_show(query)}: a quote is not closed; close it or remove it")
            if re.search(r"\w", m.group(3)):
                out.append(("term", Term(m.group(3).strip(), phrase=True, prefix=bool(m.group(5)))))
        elif m.group(6):
            word = m.group(6)
            if word.startswith("-") and (re.match(r"-+\w", word) or query[pos:pos + 1] in ('"', "(")):
                # -word (also -"phrase", -(...)): NOT word, after a term as FTS5's NOT needs
                if not out or out[-1][0] == "(" or (out[-1][0] == "op" and out[-1][1] != "AND"):
                    raise QueryError(f"search {_show(query)}: {word} means NOT {word.lstrip('-') or 'what follows'}"
                                     " and needs a term before it (pain -exercise: pain, not exercise)")
                if out[-1] == ("op", "AND"):
                    out.pop()                              # a AND -b: a NOT b
                out.append(("op", "NOT"))
                word = word.lstrip("-")
                if not word:
                    continue                               # -"phrase" or -(...): what follows is NOT's term
            if word in _OPS:
                if word == "NOT" and out and out[-1] == ("op", "AND"):
                    out.pop()                              # a AND NOT b: FTS5's a NOT b
                out.append(("op", word))
                continue
            stem = word.rstrip("*")
            if not re.search(r"\w", stem):
                if "*" in word:
                    raise QueryError(f"search {_show(query)}: '*' must end a word (treadm*)")
                continue                                   # punctuation alone: nothing to search
            out.append(("term", Term(stem, prefix=stem != word)))
    return out


def _show(query: str) -> str:
    return repr(query if len(query) <= 60 else query[:57] + "...")


def parse(query: str) -> Node:
    """The query as a tree of :class:`Term`, :class:`BoolOp` and :class:`NotOp`.

    Raises:
        QueryError: empty query; longer than :data:`MAX_QUERY_CHARS` characters;
            more than :data:`MAX_TERMS` terms or :data:`MAX_DEPTH` nested
            parentheses; an unclosed quote or parenthesis; an operator without a
            term on each side (``NOT`` needs one before it: ``a NOT b``).
    """
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"search: the query has {len(query)} characters; at most {MAX_QUERY_CHARS}")
    toks = _tokens(query)
    if not any(k == "term" for k, _ in toks):
        raise QueryError(f"search {_show(query)}: nothing to search for; give a word, a \"phrase\" or a prefix*")
    n_terms = sum(k == "term" for k, _ in toks)
    if n_terms > MAX_TERMS:
        raise QueryError(f"search: the query has {n_terms} terms; at most {MAX_TERMS}")
    pos = 0

    def fail(why: str):
        raise QueryError(f"search {_show(query)}: {why}")

    def peek():
        return toks[pos] if pos < len(toks) else (None, None)

    def primary(depth: int) -> Node:
        nonlocal pos
        kind, value = peek()
        if kind == "(":
            if depth >= MAX_DEPTH:
                fail(f"more than {MAX_DEPTH} nested parentheses")
            pos += 1
            node = or_expr(depth + 1)
            if peek()[0] != ")":
                fail("a parenthesis is not closed")
            pos += 1
            return node
        if kind == "term":
            pos += 1
            return value
        if kind == "op":
            fail(f"{value} needs a term before it" if value == "NOT" or pos == 0 else
                 f"{value} follows another operator; put a term between them")
        if kind == ")":
            fail("a closing parenthesis has no opening one" if depth == 0 else "empty parentheses")
        fail(f"the query ends with {toks[-1][1]}; add a term after it" if toks and toks[-1][0] == "op"
             else "a term is missing")

    def not_expr(depth: int) -> Node:
        nonlocal pos
        node = primary(depth)
        while peek() == ("op", "NOT"):
            pos += 1
            node = NotOp(node, primary(depth))
        return node

    def and_expr(depth: int) -> Node:
        nonlocal pos
        parts = [not_expr(depth)]
        while True:
            kind, value = peek()
            if kind == "op" and value == "AND":
                pos += 1
            elif kind not in ("term", "("):
                break
            parts.append(not_expr(depth))
        return parts[0] if len(parts) == 1 else BoolOp("AND", tuple(parts))

    def or_expr(depth: int) -> Node:
        nonlocal pos
        parts = [and_expr(depth)]
        while peek() == ("op", "OR"):
            pos += 1
            parts.append(and_expr(depth))
        return parts[0] if len(parts) == 1 else BoolOp("OR", tuple(parts))

    node = or_expr(0)
    if pos < len(toks):
        fail("a closing parenthesis has no opening one" if toks[pos][0] == ")" else "unexpected "
             + str(toks[pos][1]))
    return node


def _string(s: str) -> str:
    """An FTS5 string literal (FTS5's tokenizer splits it; ``"`` doubled)."""
    return '"' + s.replace('"', '""') + '"'


def _leaf(t: Term) -> str:
    """One term or phrase as FTS5: ``"treadmill"``, ``"treadm"*``, ``"run on a treadmill"``,
    ``"跑台"``, ``NEAR("跑台" "炎症", 10)``, ``("机械痛阈" OR "机械 痛阈")``."""
    star = "*" if t.prefix else ""
    if not has_han(t.text):
        # in a Chinese sentence a Latin name is cut by jieba, as the words column holds it ("IL-1β" is
        # "IL 1 β" there, while the text column fuses "1β等" into one token): either column may match
        cut = jieba_words(t.text) if re.search(r"[0-9\u0370-\u03ff]", t.text) else []
        if cut and cut != re.findall(r"\w+", t.text):   # where jieba and FTS5's tokenizer cut it apart
            return f"({_string(t.text)}{star} OR words : {_string(' '.join(cut))}{star})"
        return _string(t.text) + star
    words = term_words(t.text)
    cut = [" ".join(word_pieces(w)) for w in words]
    alternatives = [words] + ([cut] if cut != words else [])
    # a stored sentence may hold a word of the term cut smaller (jieba in context, or the cut at a
    # mention's boundary): each word's dictionary pieces as consecutive words (a phrase) match it too
    out = []
    for ws in alternatives:
        parts = [_string(w) for w in ws]
        parts[-1] += star
        out.append(parts[0] if len(parts) == 1 else f"NEAR({' '.join(parts)}, {max(NEAR_GAP, 2 * len(words))})")
    return out[0] if len(out) == 1 else f"({' OR '.join(out)})"


def _phrases(expr: str) -> list[str]:
    """The FTS5 phrases of a MATCH expression made by :func:`fts_query`, each a MATCH
    expression of its own: ``'"跑台"'``, ``'"treadm"*'``, ``'words : "IL 1 β"'`` (a phrase
    inside ``NEAR(...)`` or a group is one too), in order, each once."""
    out = []
    for m in _PHRASE.finditer(expr):
        phrase = (m.group(1) or "") + m.group(2) + m.group(3)
        if phrase not in out:
            out.append(phrase)
    return out


#: A phrase of an FTS5 expression as :func:`_string` writes it: optional column filter, the
#: quoted string (``"`` doubled inside), optional prefix star.
_PHRASE = re.compile(r'((?:words|text) : )?("(?:[^"]|"")*")(\*?)')


def fts_query(node: Node) -> str:
    """The FTS5 MATCH expression of a parsed query (explicit operators, parenthesised)."""
    if isinstance(node, Term):
        return _leaf(node)
    if isinstance(node, NotOp):
        return f"({fts_query(node.left)} NOT {fts_query(node.right)})"
    return "(" + f" {node.op} ".join(fts_query(p) for p in node.parts) + ")"


def _positive_terms(node: Node) -> list[Term]:
    """The terms a matching sentence may contain (not those under the right of a NOT)."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, NotOp):
        return _positive_terms(node.left)
    return [t for p in node.parts for t in _positive_terms(p)]


# ---- running a search -------------------------------------------------------------------------------------

_MARK = re.compile("\x02(.*?)\x03", re.S)


def _hits(marked: str, sentence: str, terms: Sequence[Term]) -> list[list[int]]:
    """``[start, end]`` character offsets (into the sentence) of the words the query
    found: FTS5's ``highlight()`` marks on the text (English words, stemmed as
    indexed), plus each Chinese word of a term, and in a sentence with Han
    characters each Latin term too (there it was found in the ``words`` column,
    which ``highlight()`` cannot map back), case-insensitively."""
    spans = []
    removed = 0
    for m in _MARK.finditer(marked):
        start = m.start() - removed
        spans.append((start, start + len(m.group(1))))
        removed += 2
    if has_han(sentence):
        low = sentence.lower()
        for t in terms:
            words = term_words(t.text) if has_han(t.text) else re.findall(r"\w+", t.text)
            # a word the sentence holds only cut in pieces (found by them): its pieces are marked
            words = [p for w in words for p in ([w] if w.lower() in low else word_pieces(w))]
            for w in words:
                w = w.lower()
                i = low.find(w)
                while i >= 0 and w:
                    spans.append((i, i + len(w)))
                    i = low.find(w, i + len(w))
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return merged


def _fts_error(query: str, exc: OperationalError) -> QueryError:
    msg = str(exc.orig)
    if "no such table" in msg and FTS_TABLE in msg:
        return QueryError("search: this database has no full-text index (made by another program?); "
                          "open it once with this litmine to migrate it")
    return QueryError(f"search {_show(query)}: SQLite cannot run it ({msg.removeprefix('fts5: ')}); "
                      "check quotes, parentheses and AND/OR/NOT")


#: The concept types whose names a search term is widened to (:func:`with_concept_names`): what relations are about
#: (molecules, cells, processes, outcomes), not exercises, species or tissues, whose words stay as typed.
CONCEPT_TYPES = frozenset({"CYTOKINE", "CHEMOKINE", "RECEPTOR", "ION_CHANNEL", "CELL_STATE", "NEUROTROPHIC_FACTOR", "NEUROTRANSMITTER",
                           "NEUROPEPTIDE", "ENZYME", "GENE_OR_PROTEIN", "SIGNALING", "OXIDATIVE_MARKER", "HORMONE"})
#: At most this many names of a concept join a term (its own form first, then the canonical English and Chinese names,
#: then synonyms in the lexicon's order).
CONCEPT_NAMES = 6


def with_concept_names(node: Node) -> Node:
    """``node`` with each plain term (not a phrase, not a prefix) that names a lexicon concept of
    :data:`CONCEPT_TYPES` widened to an ``OR`` of the concept's names in both languages
    (``肿瘤坏死因子`` -> ``肿瘤坏死因子 OR "TNF-α" OR ...``; the lexicon: ``models/lexicon.tsv``),
    at most :data:`CONCEPT_NAMES` of them; everything else as it was."""
    if isinstance(node, NotOp):
        return NotOp(with_concept_names(node.left), with_concept_names(node.right))
    if isinstance(node, BoolOp):
        return BoolOp(node.op, tuple(with_concept_names(p) for p in node.parts))
    if node.phrase or node.prefix:
        return node
    from ..nlp.lexicon import load_lexicon

    c = load_lexicon().lookup(node.text)
    if c is None or c.type not in CONCEPT_TYPES:
        return node
    names = [node.text]
    for name in (c.name, c.name_zh, *c.synonyms):
        if name and name.casefold() not in {n.casefold() for n in names} and len(names) < CONCEPT_NAMES:
            names.append(name)
    return node if len(names) == 1 else BoolOp("OR", (node, *(Term(n, phrase=True) for n in names[1:])))


def search(engine: Engine, query: str, *, lang: Optional[str] = None, document_ids: Optional[Sequence[int]] = None,
           limit: int = 20, concepts: bool = True) -> list[dict]:
    """Sentences matching ``query`` (see the module docstring), best first (BM25 with a
    smoothed idf, :func:`_ranked`, then sentence id).

    Args:
        query: the search, e.g. ``'treadmill AND TNF'``, ``'跑台 炎症'``, ``'"spinal cord" NOT rat*'``.
        lang: only sentences of this language (``zh``, ``en``, ``mixed``).
        document_ids: only sentences of these documents.
        limit: at most this many sentences (1 .. :data:`MAX_LIMIT`).
        concepts: widen a term naming a molecule, cell or process concept to its names in both
            languages (:func:`with_concept_names`: ``肿瘤坏死因子`` finds ``TNF-α``); ``False``: the words as typed.
    Returns:
        dicts with :data:`SEARCH_COLUMNS`: ``doc`` (document name), ``document_id``,
        ``sentence_id``, ``sentence_index`` (in its document), ``lang``, ``section``,
        ``page``, ``sentence_start``/``sentence_end`` (character offsets into the
        document text), ``sentence``, ``hits`` (``[start, end]`` character offsets
        into the sentence of the words found), ``score`` (BM25, > 0: higher is better),
        ``relations`` (the sentence's relations: dicts with ``relation_id``,
        ``exercise``, ``direction`` (stored), ``asserted_direction`` (what it asserts: a negated decrease is
        ``no_change``), ``target``, ``target_id``, ``negated``, ``hedged``).
    Raises:
        QueryError: the query is invalid or too long (see :func:`parse`), the
            database is not SQLite, or it has no search index.
        UsageError (a ValueError): ``limit`` outside 1 .. :data:`MAX_LIMIT`.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit={limit}: give 1 to {MAX_LIMIT}")
    node = parse(query)
    if concepts:
        node = with_concept_names(node)
    expr = fts_query(node)
    if engine.dialect.name != "sqlite":
        raise QueryError(f"search: full-text search needs a SQLite database (FTS5); this one is "
                         f"{engine.dialect.name}")
    # Three short statements: the best ``limit`` rowids (bm25 over every match is the cost:
    # FTS5 alone, joined with the sentences only when a filter needs them), highlight() of
    # those rowids only, then their sentence rows and relations by primary key.
    filters, params = [], {"q": expr, "limit": limit}
    if lang:
        filters.append("s.lang = :lang")
        params["lang"] = lang
    if document_ids is not None:
        filters.append(f"s.document_id IN ({', '.join(str(int(i)) for i in document_ids) or 'NULL'})")
    join = f" JOIN sentences s ON s.id = {FTS_TABLE}.rowid" if filters else ""

    def matches(param: str) -> str:       # rowid and FTS5's bm25 of the sentences matching :param
        return (f"SELECT {FTS_TABLE}.rowid AS id, bm25({FTS_TABLE}) AS score FROM {FTS_TABLE}{join} "
                f"WHERE {' AND '.join([f'{FTS_TABLE} MATCH :{param}'] + filters)}")

    terms = _positive_terms(node)
    positive = _phrases(fts_query(_positive_part(node)))
    try:
        with engine.connect() as conn:
            top = _ranked(conn, matches, params, positive)
            if not top:
                return []
            ids = ", ".join(str(int(i)) for i, _ in top)
            marked = dict(conn.execute(sql(f"SELECT rowid, highlight({FTS_TABLE}, 0, char(2), char(3)) "
                                           f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q AND rowid IN ({ids})"),
                                       {"q": expr}).all())
            rows = {r[0]: r for r in conn.execute(sql(
                "SELECT s.id, s.document_id, COALESCE(NULLIF(d.label, ''), d.name) AS name, s.idx, s.lang, "
                's.section, s.page, s.start, s."end", s.text '
                f"FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id IN ({ids})"))}
            rels = _relations(conn, [i for i, _ in top])
    except OperationalError as exc:
        raise _fts_error(query, exc) from None
    out = []
    for sid, score in top:
        r = rows[sid]
        out.append({"doc": r[2], "document_id": r[1], "sentence_id": sid, "sentence_index": r[3], "lang": r[4],
                    "section": r[5], "page": r[6], "sentence_start": r[7], "sentence_end": r[8], "sentence": r[9],
                    "hits": _hits(marked.get(sid) or "", r[9], terms), "score": round(score, 4),
                    "relations": rels.get(sid, [])})
    return out


def _positive_part(node: Node) -> Node:
    """``node`` without the right sides of its NOTs (the part whose words a match holds)."""
    if isinstance(node, Term):
        return node
    if isinstance(node, NotOp):
        return _positive_part(node.left)
    return BoolOp(node.op, tuple(_positive_part(p) for p in node.parts))


def fts5_idf(n: int, rows: int) -> float:
    """The idf FTS5's ``bm25()`` gives a phrase found in ``n`` of ``rows`` rows:
    ln((rows - n + 0.5) / (n + 0.5)), or 1e-6 where that is not positive (a phrase in
    half the rows or more). Source: SQLite's ``ext/fts5/fts5_aux.c``, ``fts5Bm25GetData``."""
    idf = math.log((rows - n + 0.5) / (n + 0.5))
    return idf if idf > 0 else 1e-6


def smoothed_idf(n: int, rows: int) -> float:
    """BM25's idf with the +1 smoothing of Lucene's BM25Similarity:
    ln(1 + (rows - n + 0.5) / (n + 0.5)) = ln((rows + 1) / (n + 0.5)), positive for every
    0 <= n <= rows, so a phrase found in every sentence of a one-sentence database still
    scores; within 1e-3 of :func:`fts5_idf` when n is under 0.1 % of the rows
    (ln((rows + 1) / (rows - n + 0.5)))."""
    return math.log((rows + 1) / (n + 0.5))


def _ranked(conn: Connection, matches: Callable[[str], str], params: dict,
            phrases: list[str]) -> list[tuple[int, float]]:
    """The best ``params["limit"]`` sentences matching ``params["q"]`` as ``(rowid, score)``,
    score descending, then rowid: BM25 with FTS5's term frequencies and length normalisation
    (k1 1.2, b 0.75, both columns weight 1) and :func:`smoothed_idf` in place of FTS5's idf,
    which is 0 for a phrase in half the rows or more and so gave every result of a small
    database the score 0. ``matches(name)`` is the SELECT of ``id, score`` (FTS5's bm25) of
    the sentences matching the parameter ``name``, with the search's filters; ``phrases``
    the query's phrases (:func:`_phrases`).

    FTS5's ``bm25()`` is a sum over the query's phrases of idf times a term-frequency part.
    One phrase: FTS5's order, each score scaled by the two idfs' ratio. Several: a phrase's
    part of a row is FTS5's bm25 of ``phrase AND (query)`` less that of the query (the phrase
    counted once more), divided by its :func:`fts5_idf` and weighted by its
    :func:`smoothed_idf`; SQLite sums the parts and keeps the best rows (one statement, k + 1
    runs of the query for k phrases, grouped by rowid).
    """
    rows = conn.execute(sql("SELECT count(*) FROM sentences")).scalar() or 0
    weights = []
    for phrase in phrases:
        n = conn.execute(sql(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :p"), {"p": phrase}).scalar()
        weights.append(smoothed_idf(n, rows) / fts5_idf(n, rows))
    if len(phrases) <= 1:               # one idf for every row: FTS5's order, each score scaled
        top = conn.execute(sql(matches("q") + f" ORDER BY score, id LIMIT :limit"), params).all()
        return [(rid, -score * (weights[0] if weights else 1.0)) for rid, score in top]
    arms = [f"SELECT id, 0.0 AS pw, 0.0 AS w, score AS b FROM ({matches('q')})"]
    for i, (phrase, weight) in enumerate(zip(phrases, weights)):
        params[f"q{i}"] = f"{phrase} AND ({params['q']})"
        params[f"w{i}"] = weight
        arms.append(f"SELECT id, score * :w{i}, :w{i}, NULL FROM ({matches(f'q{i}')})")
    # a row's parts: sum of w_i * (bm25(phrase_i AND q) - bm25(q)) over the phrases it holds
    top = conn.execute(sql(f"SELECT id, SUM(pw) - MAX(b) * SUM(w) AS score FROM ({' UNION ALL '.join(arms)}) "
                           "GROUP BY id ORDER BY score, id LIMIT :limit"), params).all()
    return [(rid, -score) for rid, score in top]


def _relations(conn: Connection, sentence_ids: list[int]) -> dict[int, list[dict]]:
    """The relations of these sentences, by sentence id, in relation order."""
    out: dict[int, list[dict]] = {}
    if not sentence_ids:
        return out
    rows = conn.execute(sql(
        "SELECT sentence_id, id, exercise, direction, target, target_id, negated, hedged FROM relations "
        f"WHERE sentence_id IN ({', '.join(str(int(i)) for i in sentence_ids)}) ORDER BY id"))
    for sid, rid, exercise, direction, target, target_id, negated, hedged in rows:
        out.setdefault(sid, []).append({"relation_id": rid, "exercise": exercise, "direction": direction,
                                        "asserted_direction": effective_direction(direction, bool(negated)),
                                        "target": target, "target_id": target_id, "negated": bool(negated),
                                        "hedged": bool(hedged)})
    return out
