"""The evidence map (``litmine plot evidence-map``): exercise classes × targets from the
claims base, drawn with matplotlib (Agg, SVG or PDF canvas; no display, no pyplot state).

* :func:`evidence_grid` -- pure: claims (:func:`litmine.store.claims.claim_rows` dicts) to an
  :class:`EvidenceGrid` (rows: exercise classes in hierarchy order; columns: the targets
  with the most evidence, grouped by concept type; one :class:`EvidenceCell` per claim).
* :func:`find_cjk_font` -- a font with Chinese glyphs known to matplotlib, or one installed
  on the system that matplotlib has not seen yet (Debian's ``fonts-noto-cjk``: Noto Sans CJK).
* :func:`plot_evidence_map` -- the picture: one circle per cell, colour = the claim's
  consensus direction (opacity = consensus, 0..1), area = documents with evidence, number =
  evidence sentences, a black ring and ``!`` where comparable evidence conflicts.

Only ``effect`` claims are mapped (increase / decrease / no_change / modulate); comparison
claims (one modality better than another) have no single target direction to colour.
"""
from __future__ import annotations

import math
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ..errors import ExportError, UsageError

__all__ = ["DIRECTION_COLORS", "CJK_FAMILIES", "PLOT_FORMATS", "EvidenceCell", "EvidenceGrid", "PlotResult",
           "evidence_grid", "find_cjk_font", "plot_evidence_map"]

#: Cell colour of each consensus direction (a litmine choice: red up, blue down, as in
#: heat maps of expression changes; grey for no change; violet for "modulates").
DIRECTION_COLORS = {"increase": "#d7301f", "decrease": "#2166ac", "no_change": "#8c8c8c", "modulate": "#8e6bbf"}
#: Font families with Chinese glyphs, in order of preference (Debian: fonts-noto-cjk,
#: fonts-wqy-zenhei, fonts-wqy-microhei, fonts-droid-fallback, fonts-arphic-uming).
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Serif CJK SC",
                "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
                "Droid Sans Fallback", "AR PL UMing CN")
#: File-name parts of CJK font files looked for on the system when matplotlib knows none.
_CJK_FILES = ("NotoSansCJK", "NotoSerifCJK", "SourceHanSans", "wqy-zenhei", "wqy-microhei", "DroidSansFallback",
              "uming")
#: Output formats, by file suffix.
PLOT_FORMATS = ("png", "svg", "pdf")
#: ``labels`` choices: target names in English, in Chinese (where the lexicon has one), or both.
LABEL_MODES = ("en", "zh", "both")


@dataclass
class EvidenceCell:
    """One claim in the grid: row ``row`` (index into ``EvidenceGrid.classes``), column
    ``col`` (into ``EvidenceGrid.targets``); ``direction`` the claim's consensus direction;
    ``documents`` with evidence, ``evidence`` sentences (relations); ``consensus`` and
    ``confidence`` 0..1; ``conflict`` when comparable evidence is split."""

    row: int
    col: int
    claim_id: int
    direction: str
    documents: int
    evidence: int
    consensus: float
    confidence: float
    conflict: bool


@dataclass
class EvidenceGrid:
    """Rows, columns and cells of an evidence map.

    Attributes:
        classes: exercise classes, parents before their children (``exercise``, ``aerobic``,
            ``treadmill``...); ``class_labels`` the same with one ``›`` per level below the
            first (``"› treadmill"``, ``"›› wheel running"``).
        targets: target concept ids; ``target_labels`` their names (see ``labels`` of
            :func:`evidence_grid`); ``target_types`` their concept types (``CYTOKINE``...).
        cells: one :class:`EvidenceCell` per mapped claim.
        left_out: targets with claims that did not fit (``max_targets``).
    """

    classes: list[str]
    class_labels: list[str]
    targets: list[str]
    target_labels: list[str]
    target_types: list[str]
    cells: list[EvidenceCell] = field(default_factory=list)
    left_out: int = 0

    @property
    def conflicts(self) -> int:
        """Cells whose evidence conflicts."""
        return sum(c.conflict for c in self.cells)


def _depth(path: str) -> int:
    return max(0, path.count(" > ") - 1) if path else 0


def evidence_grid(claims: Iterable[dict], *, concepts: Optional[dict[str, tuple[str, str]]] = None,
                  target_type: Optional[str] = None, min_docs: int = 1, max_targets: int = 40,
                  labels: str = "both") -> EvidenceGrid:
    """Arrange effect claims as an exercise-class × target grid.

    Args:
        claims: dicts with ``claim_id, kind, exercise_class, exercise_path, direction,
            target, target_id, documents, n_evidence, consensus, confidence, conflict``.
        concepts: target id -> ``(concept type, Chinese name)`` (types such as ``CYTOKINE``;
            ``""`` when unknown).
        target_type: only targets of this concept type (case-insensitive: ``cytokine``).
        min_docs: only claims with evidence from at least this many documents.
        max_targets: at most this many columns: the targets with the most documents, then
            evidence, over all their claims (the rest are counted in ``left_out``).
        labels: target labels ``"en"`` (the concept name), ``"zh"`` (its Chinese name where
            the lexicon has one) or ``"both"`` (``"TNF-α 肿瘤坏死因子-α"``).
    Returns:
        an :class:`EvidenceGrid`; columns grouped by concept type, most evidence first.
    Raises:
        UsageError (a ValueError): ``labels`` not one of :data:`LABEL_MODES`, ``max_targets`` or
            ``min_docs`` below 1.
    """
    if labels not in LABEL_MODES:
        raise UsageError(f"labels={labels!r}: choose one of {', '.join(LABEL_MODES)}")
    if max_targets < 1 or min_docs < 1:
        raise UsageError("max_targets and min_docs must be at least 1")
    concepts = concepts or {}
    want = target_type.upper() if target_type else None
    kept = [c for c in claims if c.get("kind", "effect") == "effect" and c["documents"] >= min_docs
            and (want is None or concepts.get(c["target_id"], ("", ""))[0].upper() == want)]
    weight: dict[str, tuple[int, int]] = {}
    names: dict[str, str] = {}
    for c in kept:
        d, e = weight.get(c["target_id"], (0, 0))
        weight[c["target_id"]] = (d + c["documents"], e + c["n_evidence"])
        names.setdefault(c["target_id"], c["target"])
    ranked = sorted(weight, key=lambda t: (-weight[t][0], -weight[t][1], names[t]))
    chosen = ranked[:max_targets]
    type_of = {t: concepts.get(t, ("", ""))[0] or "" for t in chosen}
    type_rank: dict[str, int] = {}
    for t in chosen:                                  # type groups in order of their best target
        type_rank.setdefault(type_of[t], len(type_rank))
    targets = sorted(chosen, key=lambda t: (type_rank[type_of[t]], ranked.index(t)))
    col = {t: i for i, t in enumerate(targets)}
    cells_claims = [c for c in kept if c["target_id"] in col]
    paths = {c["exercise_class"]: c.get("exercise_path") or c["exercise_class"] for c in cells_claims}
    classes = sorted(paths, key=lambda k: (paths[k].split(" > "), k))
    row = {k: i for i, k in enumerate(classes)}

    def label(t: str) -> str:
        zh = concepts.get(t, ("", ""))[1]
        if labels == "en" or not zh or zh == names[t]:
            return names[t]
        return zh if labels == "zh" else f"{names[t]} {zh}"

    cells = [EvidenceCell(row[c["exercise_class"]], col[c["target_id"]], c["claim_id"], c["direction"],
                          c["documents"], c["n_evidence"], float(c["consensus"]), float(c["confidence"]),
                          bool(c["conflict"])) for c in cells_claims]
    return EvidenceGrid(classes=classes, class_labels=[("›" * _depth(paths[k]) + " ").lstrip() + k for k in classes],
                        targets=targets, target_labels=[label(t) for t in targets],
                        target_types=[type_of[t] for t in targets], cells=cells,
                        left_out=len(ranked) - len(chosen))


def find_cjk_font() -> Optional[str]:
    """The file of a font with Chinese glyphs that matplotlib can use, or ``None``.

    Looks first among the fonts matplotlib knows (:data:`CJK_FAMILIES`, in that order),
    then among the system's font files (``font_manager.findSystemFonts``: fontconfig's
    list, or the usual folders) for one of those families installed after matplotlib
    built its font cache (Debian's ``fonts-noto-cjk``: ``NotoSansCJK-Regular.ttc``); a
    file found that way is added to matplotlib's font manager for this process.
    """
    from matplotlib import font_manager

    known = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in known and os.path.exists(known[family]):
            return known[family]
    files = [f for f in font_manager.findSystemFonts() if any(k.lower() in os.path.basename(f).lower()
                                                              for k in _CJK_FILES)]
    files.sort(key=lambda f: (next(i for i, k in enumerate(_CJK_FILES) if k.lower() in os.path.basename(f).lower()),
                              "Bold" in f, f))
    for path in files:
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue
        return path
    return None


@dataclass
class PlotResult:
    """What :func:`plot_evidence_map` drew: ``output``, ``cells``, ``classes``, ``targets``,
    ``conflicts``, the CJK ``font`` file used (``None``: none found), ``missing_glyphs``
    (characters the fonts could not draw) and ``warnings`` (one line each)."""

    output: Path
    cells: int
    classes: int
    targets: int
    conflicts: int
    font: Optional[str]
    missing_glyphs: int = 0
    warnings: list[str] = field(default_factory=list)


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def plot_evidence_map(grid: EvidenceGrid, output: os.PathLike, fmt: Optional[str] = None, *,
                      title: str = "Evidence map: exercise classes × targets") -> PlotResult:
    """Draw ``grid`` to ``output`` (a path; ``fmt`` ``png``/``svg``/``pdf``, default its suffix).

    Rows are exercise classes, columns targets (labels rotated; Chinese drawn with
    :func:`find_cjk_font`'s font, other text with DejaVu Sans). Each cell is a circle:
    colour :data:`DIRECTION_COLORS` of the consensus direction, opacity 0.35 + 0.65 ×
    consensus, area proportional to the documents with evidence, the number of evidence
    sentences written on it; a conflicting cell has a black ring and a ``!`` (SVG: element
    ids ``conflict-N``). Legends explain colour, size and the mark. Without a CJK font the
    labels fall back to English names, and one warning says so. SVG keeps text as text;
    PDF embeds the glyphs used as Type 3 fonts (matplotlib's default; Type 42 embedding
    subsets the whole CJK font with fontTools, about 2.5 s a font).

    Raises:
        ExportError: an unknown format, or an empty grid (nothing to map).
        OSError: the file cannot be written.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgba
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    import matplotlib

    output = Path(output)
    fmt = (fmt or output.suffix.lstrip(".")).lower()
    if fmt not in PLOT_FORMATS:
        raise ExportError(f"{output}: unknown plot format {fmt!r}; name the file .png, .svg or .pdf")
    if not grid.cells:
        raise ExportError("no claims to map (lower --min-docs, change --target-type, or ingest documents first)")
    notes: list[str] = []
    font = find_cjk_font()
    labels = list(grid.target_labels)
    families = ["DejaVu Sans"]
    if font is not None:
        from matplotlib import font_manager
        families = [font_manager.FontProperties(fname=font).get_name(), "DejaVu Sans"]
    elif any(_has_cjk(t) for t in labels + grid.class_labels):
        notes.append("no CJK font found (install Debian's fonts-noto-cjk): labels are in English where they can "
                     "be, Chinese characters left may show as boxes")
        labels = [t.split(" ")[0] if _has_cjk(t) and not _has_cjk(t.split(" ")[0]) else t for t in labels]
    n_rows, n_cols = len(grid.classes), len(grid.targets)
    longest_col = max(len(t) for t in labels)
    longest_row = max(len(t) for t in grid.class_labels)
    width = 1.6 + 0.11 * longest_row + 0.36 * n_cols + 2.6
    height = 1.4 + 0.07 * longest_col + 0.36 * n_rows + 0.6
    rc = {"font.family": families, "font.size": 9, "svg.fonttype": "none", "pdf.fonttype": 3,
          "axes.unicode_minus": False}
    missing = 0
    with matplotlib.rc_context(rc), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = Figure(figsize=(max(6.0, width), max(3.5, height)), dpi=110)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        max_docs = max(c.documents for c in grid.cells)
        area = lambda d: 60 + 340 * (d / max_docs if max_docs > 1 else 0.6)  # noqa: E731  (points²)
        alphas = [0.35 + 0.65 * max(0.0, min(1.0, c.consensus)) for c in grid.cells]
        ax.scatter([c.col for c in grid.cells], [c.row for c in grid.cells], s=[area(c.documents) for c in grid.cells],
                   c=[to_rgba(DIRECTION_COLORS.get(c.direction, "#555555"), a) for c, a in zip(grid.cells, alphas)],
                   edgecolors=["black" if c.conflict else "white" for c in grid.cells],
                   linewidths=[2.2 if c.conflict else 0.6 for c in grid.cells], zorder=3)
        for i, (c, alpha) in enumerate(zip(grid.cells, alphas)):
            ax.text(c.col, c.row, str(c.evidence), ha="center", va="center", fontsize=7, zorder=4,
                    color="white" if alpha > 0.6 and c.direction != "no_change" else "black")
            if c.conflict:
                mark = ax.text(c.col + 0.32, c.row - 0.32, "!", ha="center", va="center", fontsize=9,
                               fontweight="bold", color="black", zorder=5)
                mark.set_gid(f"conflict-{i}")
        ax.set_xticks(range(n_cols))
        ax.set_xticklabels(labels, rotation=60, ha="left", rotation_mode="anchor")
        ax.xaxis.tick_top()
        ax.set_yticks(range(n_rows))
        ax.set_yticklabels(grid.class_labels)
        ax.set_xlim(-0.6, n_cols - 0.4)
        ax.set_ylim(n_rows - 0.4, -0.6)
        ax.set_axisbelow(True)
        ax.grid(True, color="#e6e6e6", linewidth=0.6)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.tick_params(length=0)
        ax.set_xlabel(title + (f" (top {n_cols} targets; {grid.left_out} more not shown)" if grid.left_out else ""),
                      fontsize=9)
        handles = [Line2D([], [], marker="o", linestyle="", markersize=8, color=col, label=d.replace("_", " "))
                   for d, col in DIRECTION_COLORS.items() if any(c.direction == d for c in grid.cells)]
        sizes = sorted({1, max_docs} | ({max(1, round(max_docs / 2))} if max_docs > 2 else set()))
        handles += [Line2D([], [], marker="o", linestyle="", color="#bbbbbb",
                           markersize=math.sqrt(area(d)), label=f"{d} document{'s' * (d != 1)}") for d in sizes]
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor="white",
                              markeredgecolor="black", markeredgewidth=2, label="conflicting evidence (!)"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8,
                  title="colour: consensus direction\nnumber: evidence sentences", title_fontsize=8,
                  labelspacing=1.1, borderaxespad=0.0)
        fig.savefig(output, format=fmt, bbox_inches="tight")   # cropped to what is drawn
    for w in caught:
        msg = str(w.message)
        if "missing from" in msg and "Glyph" in msg:
            missing += 1
        elif not issubclass(w.category, DeprecationWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if missing and font is not None:
        notes.append(f"{missing} characters could not be drawn with {os.path.basename(font)}")
    return PlotResult(output=output, cells=len(grid.cells), classes=n_rows, targets=n_cols,
                      conflicts=grid.conflicts, font=font, missing_glyphs=missing, warnings=notes)
