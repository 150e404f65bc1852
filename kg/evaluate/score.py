"""Score extractions against gold annotations, as ``gold/SCHEMA.md`` "Scoring" says.

Per source file (gold ``<stem>.json`` against prediction ``<stem>.json``):

* **Entities** are counted once per file (see :mod:`kg.evaluate.units`).
  A predicted entity matches a gold one when one of its names equals the
  gold name or an alias (NFKC, quotation marks ignored) and its type is the
  gold type or an alt type. Matching is one-to-one (a maximum matching), so
  a second predicted entity for an already matched gold entity is a false
  positive, and a right name with a wrong type is a false positive (under
  the predicted type) *and* a false negative (under the gold type).
  TP and FN are counted under the gold type, FP under the predicted type.
* **Relations** are counted once per file; one matches when ``p`` is equal
  and both ends match by name/alias (either order for ``partneredWith``).
  ``amount_yuan`` and ``role`` are not scored.
* **Titles**: each predicted article title may match one gold article whose
  title or alt title it equals (one-to-one, so a reprinted article counts twice).
* **Bylines**: the multiset of all byline names of the file's articles.

Micro averages add TP/FP/FN over all files. A gold file without a
prediction counts as all false negatives and is reported in a warning;
prediction files without gold are listed and ignored.

>>> c = Counts(tp=3, fp=1, fn=2)
>>> round(c.precision, 3), round(c.recall, 3), round(c.f1, 3)
(0.75, 0.6, 0.667)
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.evaluate.annotations import Annotation, load_annotation, match_key
from kg.evaluate.units import (
    SYMMETRIC_PREDICATES,
    EntityUnit,
    RelationUnit,
    build_entity_units,
    build_relation_units,
    max_matching,
)
from kg.vocab import PREDICATES, TYPES

__all__ = [
    "Counts",
    "ScoreError",
    "FileScore",
    "Report",
    "score_file",
    "evaluate",
    "format_report",
    "report_to_json",
]

_KIND_ORDER = {"entity": 0, "relation": 1, "title": 2, "byline": 3}


@dataclass
class Counts:
    """True positives, false positives and false negatives of one row."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        """Number of gold items: ``tp + fn``."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        """``tp / (tp + fp)``; 0.0 when nothing was predicted.

        >>> Counts(fn=2).precision
        0.0
        """
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """``tp / (tp + fn)``; 0.0 when there is nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (``2tp / (2tp + fp + fn)``).

        >>> Counts(tp=1, fp=1, fn=0).f1
        0.6666666666666666
        """
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    def __add__(self, other: Counts) -> Counts:
        """Counts add field by field (that is what micro-averaging sums).

        >>> Counts(1, 2, 3) + Counts(10, 20, 30)
        Counts(tp=11, fp=22, fn=33)
        """
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_json(self) -> dict[str, Any]:
        """Counts and the three scores as a JSON object."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "support": self.support,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class ScoreError:
    """One false positive or false negative, for ``--errors``.

    ``text`` is ``name [Type]`` for entities and ``s -p-> o`` for relations;
    ``note`` says why a false positive missed when a name did match.
    """

    kind: str  # entity | relation | title | byline
    verdict: str  # FP | FN
    text: str
    note: str = ""
    order: tuple = ()  # sort key within its kind

    def line(self) -> str:
        """One line of the error listing.

        >>> ScoreError("entity", "FP", "银杏 [Community]", "wrong type").line()
        'FP entity    银杏 [Community]  (wrong type)'
        """
        note = f"  ({self.note})" if self.note else ""
        return f"{self.verdict} {self.kind:<9} {self.text}{note}"


@dataclass
class FileScore:
    """The scores of one gold file against its prediction."""

    stem: str
    prediction: str | None  # prediction file name, None when missing
    entities: dict[str, Counts] = field(default_factory=dict)  # by type
    relations: dict[str, Counts] = field(default_factory=dict)  # by predicate
    titles: Counts = field(default_factory=Counts)
    bylines: Counts = field(default_factory=Counts)
    errors: list[ScoreError] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return self.prediction is None

    @property
    def entity_total(self) -> Counts:
        return _sum(self.entities.values())

    @property
    def relation_total(self) -> Counts:
        return _sum(self.relations.values())


@dataclass
class Report:
    """Per-file scores plus micro totals over the file set."""

    files: list[FileScore] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # prediction files without gold
    warnings: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [f.stem for f in self.files if f.missing]

    @property
    def entities_by_type(self) -> dict[str, Counts]:
        return _merge_rows(f.entities for f in self.files)

    @property
    def relations_by_predicate(self) -> dict[str, Counts]:
        return _merge_rows(f.relations for f in self.files)

    @property
    def entities(self) -> Counts:
        return _sum(f.entity_total for f in self.files)

    @property
    def relations(self) -> Counts:
        return _sum(f.relation_total for f in self.files)

    @property
    def titles(self) -> Counts:
        return _sum(f.titles for f in self.files)

    @property
    def bylines(self) -> Counts:
        return _sum(f.bylines for f in self.files)


def _sum(counts) -> Counts:
    """Sum of many :class:`Counts`.

    >>> _sum([Counts(1, 0, 0), Counts(0, 1, 1)])
    Counts(tp=1, fp=1, fn=1)
    """
    total = Counts()
    for c in counts:
        total = total + c
    return total


def _merge_rows(tables) -> dict[str, Counts]:
    """Add row-keyed tables (type → counts) together."""
    out: dict[str, Counts] = {}
    for table in tables:
        for label, counts in table.items():
            out[label] = out.get(label, Counts()) + counts
    return out


def _rank(label: str, order: dict[str, Any]) -> tuple[int, str]:
    """Vocabulary order first, unknown labels after, by name.

    >>> _rank("City", TYPES) < _rank("Group", TYPES) < _rank("Alien", TYPES)
    True
    """
    names = list(order)
    return (names.index(label) if label in order else len(names), label)


def _bump(table: dict[str, Counts], label: str, field_name: str) -> None:
    """Add one to ``table[label].<field_name>``."""
    counts = table.setdefault(label, Counts())
    setattr(counts, field_name, getattr(counts, field_name) + 1)


def _entity_records(annotation: Annotation):
    """All entity lines of a file, in page order."""
    return [e for article in annotation.articles for e in article.entities]


def _relation_records(annotation: Annotation):
    """All relation lines of a file, in page order."""
    return [r for article in annotation.articles for r in article.relations]


def _fp_entity_note(unit: EntityUnit, gold: list[EntityUnit]) -> str:
    """Why a predicted entity whose name is in the gold still missed, else ''."""
    for g in gold:
        if unit.names & g.keys:
            if unit.type in g.types:
                return f"duplicate: {g.name} already matched"
            return f"wrong type: gold {g.name} [{g.type}]"
    return ""


def score_entities(gold: Annotation, pred: Annotation) -> tuple[dict[str, Counts], list[ScoreError], tuple]:
    """Per-type entity counts of one file, its errors, and the units (for relations).

    >>> from kg.evaluate.annotations import parse_annotation
    >>> g = parse_annotation({"articles": [{"title": "t", "entities": [
    ...     {"name": "银杏社区", "type": "Community", "aliases": ["银杏"]}]}]}, "g")
    >>> p = parse_annotation({"articles": [{"title": "t", "entities": [
    ...     {"name": "银杏", "type": "Community"}, {"name": "银杏社区", "type": "Community"}]}]}, "p")
    >>> score_entities(g, p)[0]
    {'Community': Counts(tp=1, fp=1, fn=0)}
    """
    gold_records, pred_records = _entity_records(gold), _entity_records(pred)
    gold_units, gold_ids = build_entity_units(gold_records, gold=True)
    pred_units, pred_ids = build_entity_units(pred_records, gold=False)
    matching = max_matching(
        len(pred_units), len(gold_units),
        lambda p, g: bool(pred_units[p].names & gold_units[g].keys) and pred_units[p].type in gold_units[g].types,
    )
    table: dict[str, Counts] = {}
    errors: list[ScoreError] = []
    matched_gold = set(matching.values())
    for g in gold_units:
        if g.id in matched_gold:
            _bump(table, g.type, "tp")
        else:
            _bump(table, g.type, "fn")
            errors.append(ScoreError("entity", "FN", f"{g.name} [{g.type}]",
                                     order=(_rank(g.type, TYPES), g.name)))
    for p in pred_units:
        if p.id not in matching:
            _bump(table, p.type, "fp")
            errors.append(ScoreError("entity", "FP", f"{p.name} [{p.type}]", _fp_entity_note(p, gold_units),
                                     order=(_rank(p.type, TYPES), p.name)))
    units = (gold_records, gold_units, gold_ids, pred_records, pred_units, pred_ids)
    return table, errors, units


def _relation_text(unit: RelationUnit) -> str:
    """``s -p-> o``, or ``s <-p-> o`` for a symmetric predicate.

    >>> _relation_text(RelationUnit((), "partneredWith", "甲", "乙", frozenset(), frozenset()))
    '甲 <-partneredWith-> 乙'
    """
    arrow = f"<-{unit.p}->" if unit.p in SYMMETRIC_PREDICATES else f"-{unit.p}->"
    return f"{unit.s_name} {arrow} {unit.o_name}"


def _relations_match(pred: RelationUnit, gold: RelationUnit) -> bool:
    """Same predicate and both ends match (either order when symmetric)."""
    if pred.p != gold.p:
        return False
    if pred.s_keys & gold.s_keys and pred.o_keys & gold.o_keys:
        return True
    return pred.p in SYMMETRIC_PREDICATES and bool(pred.s_keys & gold.o_keys and pred.o_keys & gold.s_keys)


def score_relations(gold: Annotation, pred: Annotation, units: tuple) -> tuple[dict[str, Counts], list[ScoreError]]:
    """Per-predicate relation counts of one file and its errors."""
    gold_records, gold_units, gold_ids, pred_records, pred_units, pred_ids = units
    gold_rels = build_relation_units(_relation_records(gold), gold_records, gold_units, gold_ids, gold=True)
    pred_rels = build_relation_units(_relation_records(pred), pred_records, pred_units, pred_ids, gold=False)
    matching = max_matching(len(pred_rels), len(gold_rels),
                            lambda p, g: _relations_match(pred_rels[p], gold_rels[g]))
    table: dict[str, Counts] = {}
    errors: list[ScoreError] = []
    matched_gold = set(matching.values())
    for i, g in enumerate(gold_rels):
        _bump(table, g.p, "tp" if i in matched_gold else "fn")
        if i not in matched_gold:
            errors.append(ScoreError("relation", "FN", _relation_text(g),
                                     order=(_rank(g.p, PREDICATES), g.s_name, g.o_name)))
    for i, p in enumerate(pred_rels):
        if i not in matching:
            _bump(table, p.p, "fp")
            errors.append(ScoreError("relation", "FP", _relation_text(p),
                                     order=(_rank(p.p, PREDICATES), p.s_name, p.o_name)))
    return table, errors


def score_titles(gold: Annotation, pred: Annotation) -> tuple[Counts, list[ScoreError]]:
    """One-to-one matching of predicted titles to gold titles or alt titles.

    >>> from kg.evaluate.annotations import parse_annotation
    >>> g = parse_annotation({"articles": [{"title": "银杏社区书屋开放", "alt_titles": ["书香银杏"]}]}, "g")
    >>> p = parse_annotation({"articles": [{"title": "“书香银杏”"}]}, "p")
    >>> score_titles(g, p)[0]
    Counts(tp=1, fp=0, fn=0)
    """
    gold_options = [{match_key(t) for t in (a.title, *a.alt_titles)} for a in gold.articles]
    pred_keys = [match_key(a.title) for a in pred.articles]
    matching = max_matching(len(pred_keys), len(gold_options), lambda p, g: pred_keys[p] in gold_options[g])
    matched_gold = set(matching.values())
    errors = [ScoreError("title", "FN", a.title, order=(i,))
              for i, a in enumerate(gold.articles) if i not in matched_gold]
    errors += [ScoreError("title", "FP", a.title, order=(i,))
               for i, a in enumerate(pred.articles) if i not in matching]
    tp = len(matching)
    return Counts(tp, len(pred_keys) - tp, len(gold_options) - tp), errors


def score_bylines(gold: Annotation, pred: Annotation) -> tuple[Counts, list[ScoreError]]:
    """Multiset overlap of all byline names of the file's articles.

    >>> from kg.evaluate.annotations import parse_annotation
    >>> g = parse_annotation({"articles": [{"title": "a", "bylines": ["李小明", "王芳"]},
    ...                                    {"title": "b", "bylines": ["李小明"]}]}, "g")
    >>> p = parse_annotation({"articles": [{"title": "a", "bylines": ["李小明", "赵一"]}]}, "p")
    >>> score_bylines(g, p)[0]
    Counts(tp=1, fp=1, fn=2)
    """
    def bag(annotation: Annotation) -> Counter[str]:
        return Counter(k for a in annotation.articles for b in a.bylines if (k := match_key(b)))

    gold_bag, pred_bag = bag(gold), bag(pred)
    common = gold_bag & pred_bag
    errors = [ScoreError("byline", "FN", name, order=(name,)) for name in sorted((gold_bag - common).elements())]
    errors += [ScoreError("byline", "FP", name, order=(name,)) for name in sorted((pred_bag - common).elements())]
    tp = sum(common.values())
    return Counts(tp, sum(pred_bag.values()) - tp, sum(gold_bag.values()) - tp), errors


def score_file(gold: Annotation, pred: Annotation | None, stem: str) -> FileScore:
    """Score one gold annotation against its prediction (``None``: missing, all FN)."""
    prediction = Path(pred.path).name if pred is not None else None
    pred = pred if pred is not None else Annotation(path="", articles=[])
    entities, entity_errors, units = score_entities(gold, pred)
    relations, relation_errors = score_relations(gold, pred, units)
    titles, title_errors = score_titles(gold, pred)
    bylines, byline_errors = score_bylines(gold, pred)
    errors = entity_errors + relation_errors + title_errors + byline_errors
    errors.sort(key=lambda e: (_KIND_ORDER[e.kind], e.verdict, e.order, e.text, e.note))
    return FileScore(stem=stem, prediction=prediction, entities=entities, relations=relations,
                     titles=titles, bylines=bylines, errors=errors)


def _json_files(directory: Path) -> dict[str, Path]:
    """``stem → path`` of the ``*.json`` files directly in ``directory``, sorted."""
    if not directory.is_dir():
        raise KgError(f"{directory}: not a directory")
    return {p.stem: p for p in sorted(directory.glob("*.json")) if p.is_file()}


def evaluate(gold_dir: str | os.PathLike[str], pred_dir: str | os.PathLike[str]) -> Report:
    """Score every ``<gold_dir>/<stem>.json`` against ``<pred_dir>/<stem>.json``.

    Raises :class:`~kg.errors.KgError` when a folder is missing, the gold
    folder holds no ``*.json``, or a file is not in the annotation format.
    """
    gold_files = _json_files(Path(gold_dir))
    pred_files = _json_files(Path(pred_dir))
    if not gold_files:
        raise KgError(f"{gold_dir}: no gold *.json files")
    report = Report(ignored=[pred_files[s].name for s in pred_files if s not in gold_files])
    for stem, gold_path in gold_files.items():
        gold = load_annotation(gold_path)
        pred = load_annotation(pred_files[stem]) if stem in pred_files else None
        if pred is None:
            report.warnings.append(f"no prediction for {gold_path.name}: all its gold items count as false negatives")
        elif gold.source and pred.source and gold.source != pred.source:
            report.warnings.append(f"{stem}: prediction source {pred.source!r} differs from gold {gold.source!r}")
        report.files.append(score_file(gold, pred, stem))
    return report


# ---------------------------------------------------------------- formatting

_HEADER = ("", "label", "tp", "fp", "fn", "support", "P", "R", "F1")


def _row(kind: str, label: str, c: Counts) -> tuple[str, ...]:
    """One table row as strings."""
    return (kind, label, str(c.tp), str(c.fp), str(c.fn), str(c.support),
            f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    """Align rows: first two columns left, the numbers right.

    >>> _table([("a", "bb", "1"), ("ccc", "d", "22")])
    ['a    bb   1', 'ccc  d   22']
    """
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for r in rows:
        cells = [cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
    return lines


def summary_line(label: str, c: Counts) -> str:
    """A micro summary line.

    >>> summary_line("entities", Counts(3, 1, 2))
    'entities  P=0.750 R=0.600 F1=0.667'
    """
    return f"{label:<9} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}"


def _ordered(table: dict[str, Counts], order: dict[str, Any]) -> list[tuple[str, Counts]]:
    """Rows in vocabulary order, skipping labels with no item at all."""
    return [(label, table[label]) for label in sorted(table, key=lambda k: _rank(k, order))
            if table[label].tp + table[label].fp + table[label].fn]


def format_report(report: Report, errors: bool = False) -> str:
    """The report as aligned text; the last four lines are the micro summaries.

    With ``errors=True`` every false positive and false negative of every
    page is listed before the summaries.
    """
    lines = [f"warning: {w}" for w in report.warnings]
    if report.ignored:
        lines.append("ignored (no gold): " + ", ".join(report.ignored))
    rows = [_HEADER]
    rows += [_row("entity", label, c) for label, c in _ordered(report.entities_by_type, TYPES)]
    rows.append(_row("ENTITIES", "", report.entities))
    rows += [_row("relation", label, c) for label, c in _ordered(report.relations_by_predicate, PREDICATES)]
    rows.append(_row("RELATIONS", "", report.relations))
    rows.append(_row("TITLES", "", report.titles))
    rows.append(_row("BYLINES", "", report.bylines))
    if lines:
        lines.append("")
    lines += _table(rows)
    lines.append("")
    per_file = [("file", "", "entity F1", "relation F1", "title F1", "byline F1")]
    for f in report.files:
        per_file.append((f.stem, "(missing)" if f.missing else "", f"{f.entity_total.f1:.3f}",
                         f"{f.relation_total.f1:.3f}", f"{f.titles.f1:.3f}", f"{f.bylines.f1:.3f}"))
    lines += _table(per_file)
    if errors:
        for f in report.files:
            lines.append("")
            lines.append(f"== {f.stem} ({len(f.errors)} errors)")
            lines += ["  " + e.line() for e in f.errors]
    lines.append("")
    lines.append(summary_line("entities", report.entities))
    lines.append(summary_line("relations", report.relations))
    lines.append(summary_line("titles", report.titles))
    lines.append(summary_line("bylines", report.bylines))
    return "\n".join(lines) + "\n"


def _table_json(table: dict[str, Counts], order: dict[str, Any]) -> dict[str, Any]:
    """A row table as a JSON object in vocabulary order."""
    return {label: c.to_json() for label, c in _ordered(table, order)}


def _error_json(error: ScoreError) -> dict[str, str]:
    """One error as JSON (``note`` only when set)."""
    out = {"kind": error.kind, "verdict": error.verdict, "text": error.text}
    if error.note:
        out["note"] = error.note
    return out


def report_to_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON data (for ``--json``); file names, not paths."""
    return {
        "micro": {
            "entities": report.entities.to_json(),
            "relations": report.relations.to_json(),
            "titles": report.titles.to_json(),
            "bylines": report.bylines.to_json(),
            "entities_by_type": _table_json(report.entities_by_type, TYPES),
            "relations_by_predicate": _table_json(report.relations_by_predicate, PREDICATES),
        },
        "files": [
            {
                "stem": f.stem,
                "prediction": f.prediction,
                "missing": f.missing,
                "entities": f.entity_total.to_json(),
                "relations": f.relation_total.to_json(),
                "titles": f.titles.to_json(),
                "bylines": f.bylines.to_json(),
                "entities_by_type": _table_json(f.entities, TYPES),
                "relations_by_predicate": _table_json(f.relations, PREDICATES),
                "errors": [_error_json(e) for e in f.errors],
            }
            for f in report.files
        ],
        "missing": report.missing,
        "ignored": list(report.ignored),
        "warnings": list(report.warnings),
    }
