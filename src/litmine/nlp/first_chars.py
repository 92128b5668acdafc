"""A look-ahead on the characters a regex match can start with, so ``re`` skips other positions fast.

Python's ``re`` tries the whole pattern at every position unless the pattern starts with a
literal or a character set. Patterns that open with an optional part (``(?:<op>\\s*)?`` before a
number) or an alternation of groups are tried in full everywhere; a look-ahead ``(?=[...])`` on
the set of characters any match can begin with rejects most positions in one set test.

:func:`first_char_guard` reads that set from the pattern's parse tree (``re._parser``): literals,
sets, ranges and ``\\d \\s \\w``-style categories, through groups, alternations and repeats
(a repeat that may be empty lets the next item's first characters in); zero-width items
(anchors, look-arounds) are skipped, which only widens the set. It gives up -- and returns the
pattern unchanged -- on anything else (``.``, negated sets, back-references) and on patterns
that can match the empty string. The guarded pattern matches exactly what the pattern matches:
a match must start with one of the characters, and the look-ahead consumes nothing.

:func:`required_literals` reads, from the same tree, words one of which every match contains
(``\\bno evidence that\\b`` -> ``{"no evidence that"}``, ``(?:did|does) not (?:alter|change)``
-> ``{" not "}``), so that :func:`may_match` -- a few ``str`` containment tests -- can skip the
regex scan of a text that holds none of them.
"""
from __future__ import annotations

import re

try:  # Python >= 3.11
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

__all__ = ["LazyPattern", "WordGate", "first_char_guard", "fold", "may_match", "needs_group", "required_literals"]

_CATEGORIES = {_C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_SPACE: r"\s", _C.CATEGORY_WORD: r"\w",
               _C.CATEGORY_NOT_DIGIT: r"\D", _C.CATEGORY_NOT_SPACE: r"\S", _C.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = tuple(op for op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)) if op)


class _Unknown(Exception):
    """The first characters of a pattern item cannot be listed."""


def _first_of_sequence(items) -> tuple[set[str], bool]:
    """(set-class atoms a match of the sequence can start with, whether it can be empty)."""
    atoms: set[str] = set()
    for op, av in items:
        got, empty = _first_of_item(op, av)
        atoms |= got
        if not empty:
            return atoms, False
    return atoms, True


def _first_of_item(op, av) -> tuple[set[str], bool]:
    if op is _C.LITERAL:
        return {re.escape(chr(av))}, False
    if op is _C.IN:
        atoms = set()
        for o, a in av:
            if o is _C.LITERAL:
                atoms.add(re.escape(chr(a)))
            elif o is _C.RANGE:
                atoms.add(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
            elif o is _C.CATEGORY and a in _CATEGORIES:
                atoms.add(_CATEGORIES[a])
            else:  # a negated set, an unknown category
                raise _Unknown(o)
        return atoms, False
    if op is _C.SUBPATTERN:
        return _first_of_sequence(av[-1])
    if op is getattr(_C, "ATOMIC_GROUP", object()):
        return _first_of_sequence(av)
    if op is _C.BRANCH:
        atoms, empty = set(), False
        for branch in av[1]:
            got, e = _first_of_sequence(branch)
            atoms |= got
            empty |= e
        return atoms, empty
    if op in _REPEATS:
        low, _high, sub = av
        got, empty = _first_of_sequence(sub)
        return got, empty or low == 0
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return set(), True  # zero-width: skipping it only widens the set
    raise _Unknown(op)


class LazyPattern:
    """A regular expression compiled when first used, for module-level patterns only some inputs need:
    a process pays for compiling the ones its input runs (start-up), not all of them at import.

    ``LazyPattern(pattern, flags)`` is ``re.compile(pattern, flags)``; ``LazyPattern(make=f)`` is what
    ``f()`` (no arguments -> :class:`re.Pattern`) returns. ``pattern`` (and ``flags``, as given) are
    read without compiling when a pattern was given; :meth:`compiled` gives the :class:`re.Pattern`,
    and every other attribute (``match``, ``finditer``, ``groupindex``...) is the compiled pattern's.

    Raises:
        TypeError: neither ``pattern`` nor ``make`` given.
    """

    __slots__ = ("_pattern", "_flags", "_make", "_rx")

    def __init__(self, pattern: str | None = None, flags: int = 0, make=None):
        if pattern is None and make is None:
            raise TypeError("LazyPattern needs a pattern or make")
        self._pattern, self._flags, self._make, self._rx = pattern, flags, make, None

    def compiled(self) -> re.Pattern:
        """The compiled pattern (made on the first call, then kept)."""
        rx = self._rx
        if rx is None:
            rx = self._rx = self._make() if self._make is not None else re.compile(self._pattern, self._flags)
        return rx

    @property
    def pattern(self) -> str:
        """The pattern's source text (compiles it only when made by ``make``)."""
        return self._pattern if self._pattern is not None else self.compiled().pattern

    @property
    def flags(self) -> int:
        """The flags it is compiled with (as given; the compiled pattern's when made by ``make``)."""
        return self._flags if self._pattern is not None else self.compiled().flags

    def __getattr__(self, name: str):
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})" if self._pattern is not None else f"LazyPattern(make={self._make!r})"


def first_char_guard(rx: re.Pattern) -> re.Pattern:
    """``rx`` behind a look-ahead on the characters its matches can start with (same flags, same
    groups, same matches), or ``rx`` itself when that set cannot be read or ``rx`` can match
    the empty string. Example: ``first_char_guard(re.compile(r"(?:at least\\s*)?\\d+ min"))``
    is ``(?=[\\da])(?:(?:at least\\s*)?\\d+ min)``."""
    try:
        atoms, empty = _first_of_sequence(_P.parse(rx.pattern, rx.flags))
    except _Unknown:
        return rx
    if empty or not atoms:
        return rx
    try:
        return re.compile("(?=[" + "".join(sorted(atoms)) + "])(?:" + rx.pattern + ")", rx.flags)
    except re.error:  # e.g. inline global flags, which must open a pattern
        return rx


def needs_group(rx: re.Pattern, names) -> bool:
    """Must every match of ``rx`` take part in one of the named groups ``names``, i.e. is one of them
    outside every optional part and alternation of the pattern (through groups and repeats of at
    least one)? Read from the parse tree. Example: true for ``(?:at least )?(?P<a>\\d+) min`` and
    ``a``; false for ``(?P<a>\\d+)? min`` or ``(?P<a>\\d+)|daily``."""
    tree = _P.parse(rx.pattern, rx.flags)
    wanted = {tree.state.groupdict[n] for n in names if n in tree.state.groupdict}

    def mandatory(items) -> bool:
        for op, av in items:
            if op is _C.SUBPATTERN and (av[0] in wanted or mandatory(av[-1])):
                return True
            if op in _REPEATS and av[0] >= 1 and mandatory(av[2]):
                return True
        return False
    return mandatory(tree)


def _gate_char(code: int, icase: bool):
    """The character a literal of the pattern contributes to a required word, lower-cased under IGNORECASE,
    or None when it cannot be one: a cased character outside ASCII under IGNORECASE (re folds it in ways
    ``str.lower`` does not; CJK ideographs and punctuation have no case and are kept)."""
    c = chr(code)
    if not icase or c.isascii():
        return c.lower() if icase else c
    if "\u3000" <= c <= "\u303f" or "\u4e00" <= c <= "\u9fff":
        return c
    return None


def _better(a, b):
    """The more selective of two required-word sets (longest shortest word, then fewest words)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _required_of_sequence(items, icase: bool):
    best, run = None, []
    for op, av in items:
        if op is _C.LITERAL:
            c = _gate_char(av, icase)
            if c is not None:
                run.append(c)
                continue
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        best = _better(best, _required_of_item(op, av, icase))
    if run:
        best = _better(best, frozenset(["".join(run)]))
    return best


def _required_of_item(op, av, icase: bool):
    if op is _C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & re.IGNORECASE:
            return None  # a local (?i:...) or (?-i:...): read nothing inside
        return _required_of_sequence(sub, icase)
    if op is getattr(_C, "ATOMIC_GROUP", object()):
        return _required_of_sequence(av, icase)
    if op is _C.BRANCH:
        words = set()
        for branch in av[1]:
            got = _required_of_sequence(branch, icase)
            if got is None:
                return None
            words |= got
        return frozenset(words)
    if op in _REPEATS and av[0] >= 1:
        return _required_of_sequence(av[2], icase)
    return None  # sets, classes, optional repeats, anchors, look-arounds: no word a match must hold


def required_literals(rx: re.Pattern):
    """Words one of which every match of ``rx`` contains, as a frozenset of ``str`` (lower-cased when ``rx`` has
    IGNORECASE: look for them in :func:`fold` of the text), or ``None`` when the parse tree gives none.
    Read from ``re``'s parse tree: runs of literals, the union over an alternation, the body of a repeat of at
    least one; sets, optional parts and look-arounds give nothing, and a sequence keeps its most selective item.
    Example: ``(?:had|has) no (?:significant )?(?:effect|change)`` -> ``{"effect", "change"}`` (``" no "``
    is shorter)."""
    words = _required_of_sequence(_P.parse(rx.pattern, rx.flags), bool(rx.flags & re.IGNORECASE))
    if words is None:
        return None
    # a word that holds another word of the set adds nothing ("management of" beside "manag")
    return frozenset(w for w in words if not any(o != w and o in w for o in words))


def fold(text: str) -> str:
    """``text`` as IGNORECASE literals are looked for in it: lower-cased, with the two letters ``re`` folds to
    ASCII that ``str.lower`` keeps (dotless ı -> i, long ſ -> s)."""
    low = text.lower()
    if not low.isascii():
        low = low.replace("\u0131", "i").replace("\u017f", "s")
    return low


def may_match(words, text: str, folded: str | None = None) -> bool:
    """False only when ``rx`` with ``required_literals(rx) == words`` cannot match in ``text``: none of ``words``
    occurs in it (``folded``, :func:`fold` of the text, for an IGNORECASE pattern). ``words`` None: True."""
    if words is None:
        return True
    hay = text if folded is None else folded
    return any(w in hay for w in words)


class WordGate:
    """The :func:`required_literals` of some patterns, looked for in a text in one pass, so that several
    patterns later searched in that text, or in slices of it, are skipped where none of their words occurs.

    ``add(rx)`` registers a pattern (before or after texts are read: :meth:`words_in` results carry the
    registry's version and :meth:`may_match` refuses a stale one). ``words_in(text)`` finds, with two
    Aho-Corasick automata (pyahocorasick), the words of the IGNORECASE patterns in :func:`fold` of the text
    and those of the others in the text itself. ``may_match(rx, found)`` is False only when ``rx`` cannot
    match in the text nor in any slice of it: a word in a slice (or in the fold of a slice: ``str.lower``
    maps the gate words' characters one by one) is in the whole text. Patterns without required words
    always may match."""

    def __init__(self):
        self._words: dict = {}   # pattern -> (frozenset of words or None, ignorecase)
        self._automata = None
        self.version = 0

    def add(self, rx: re.Pattern) -> re.Pattern:
        """Register ``rx`` (returned as is)."""
        if rx not in self._words:
            words = required_literals(rx)
            self._words[rx] = (None if words is None or "" in words else words, bool(rx.flags & re.IGNORECASE))
            self._automata = None
            self.version += 1
        return rx

    def _build(self):
        import ahocorasick
        out = []
        for icase in (False, True):
            words = {w for ws, ic in self._words.values() if ws and ic == icase for w in ws}
            auto = None
            if words:
                auto = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
                for w in words:
                    auto.add_word(w, w)
                auto.make_automaton()
            out.append(auto)
        self._automata = tuple(out)

    def words_in(self, text: str) -> tuple:
        """``(version, words found in text, words found in fold(text))`` for :meth:`may_match`."""
        if self._automata is None:
            self._build()
        plain, icase = self._automata
        return (self.version,
                frozenset(w for _end, w in plain.iter(text)) if plain is not None else frozenset(),
                frozenset(w for _end, w in icase.iter(fold(text))) if icase is not None else frozenset())

    def may_match(self, rx: re.Pattern, found: tuple) -> bool:
        """Can ``rx`` (registered) match in the text ``found`` (:meth:`words_in`) was read from, or in a slice
        of it? Raises KeyError for a pattern never registered, ValueError for a ``found`` older than the
        last registration."""
        words, icase = self._words[rx]
        if found[0] != self.version:
            raise ValueError("gate words read before a pattern was registered")
        return words is None or not (found[2] if icase else found[1]).isdisjoint(words)
