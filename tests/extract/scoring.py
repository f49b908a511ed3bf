"""Field-level F1 of an extraction against its golden, per section, with a readable diff.

Each section is scored over its non-empty leaf fields: `document` field by field; record
sections (indicators, plan_items, ratings, improvement_items) after pairing each expected
record with the produced record that agrees with it on most fields. A field the golden
states and the extraction gets right is a true positive; a produced value that is wrong
(or not in the golden) is a false positive; a golden value missed or wrong is a false
negative. Both sides empty is not counted; a section empty on both sides scores 1.0.

What goldens do not state is not scored: the OCR `confidence` of the header and of each record,
and `source.signed` (whether a scanned copy bears a seal and a signature).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SECTIONS = ("document", "indicators", "plan_items", "ratings", "improvement_items")
UNSCORED = frozenset({"confidence", "signed"})
"""Keys no golden has: OCR confidence per field, and the seal and signature of a scanned copy."""


@dataclass
class SectionScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    diffs: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        if self.tp + self.fp + self.fn == 0:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Leaf fields by dotted path; lists of scalars (due_dates, responsible) are one leaf."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, sub in value.items():
            if key in UNSCORED:
                continue
            out.update(flatten(sub, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        out = {}
        for i, sub in enumerate(value):
            out.update(flatten(sub, f"{prefix}[{i}]"))
        return out
    return {prefix: value}


def _compare(got: Any, expected: Any, path: str, score: SectionScore) -> int:
    """Add the leaf comparisons of one record to `score`; return how many leaves agree."""
    g, e = flatten(got) if got is not None else {}, flatten(expected) if expected is not None else {}
    agree = 0
    for key in sorted(set(g) | set(e)):
        gv, ev = g.get(key), e.get(key)
        if _empty(gv) and _empty(ev):
            continue
        if gv == ev:
            score.tp += 1
            agree += 1
            continue
        if not _empty(gv):
            score.fp += 1
        if not _empty(ev):
            score.fn += 1
        score.diffs.append(
            f"{path}.{key}: got {json.dumps(gv, ensure_ascii=False)}, "
            f"expected {json.dumps(ev, ensure_ascii=False)}"
        )
    return agree


def _agreement(a: dict[str, Any], b: dict[str, Any]) -> int:
    fa, fb = flatten(a), flatten(b)
    return sum(1 for k, v in fb.items() if not _empty(v) and fa.get(k) == v)


def _pair(got: list[dict[str, Any]], expected: list[dict[str, Any]]) -> list[tuple[int | None, int | None]]:
    """Greedy pairing by agreement, ties broken by position; leftovers pair with None."""
    candidates = sorted(
        ((_agreement(g, e), -abs(i - j), i, j) for i, g in enumerate(got) for j, e in enumerate(expected)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_e: set[int] = set()
    pairs: list[tuple[int | None, int | None]] = []
    for agree, _, i, j in candidates:
        if agree == 0 or i in used_g or j in used_e:
            continue
        used_g.add(i)
        used_e.add(j)
        pairs.append((i, j))
    pairs.extend((None, j) for j in range(len(expected)) if j not in used_e)
    pairs.extend((i, None) for i in range(len(got)) if i not in used_g)
    return sorted(pairs, key=lambda p: (p[1] if p[1] is not None else 10**6, p[0] or 0))


def score_section(name: str, got: Any, expected: Any) -> SectionScore:
    score = SectionScore()
    if name == "document":
        _compare(got, expected, "document", score)
        return score
    for i, j in _pair(got, expected):
        label = f"{name}[{j if j is not None else f'extra {i}'}]"
        _compare(got[i] if i is not None else None, expected[j] if j is not None else None, label, score)
    return score


def score_extraction(got: dict[str, Any], expected: dict[str, Any]) -> dict[str, SectionScore]:
    """Per-section scores of one extraction (contract JSON) against its golden."""
    return {name: score_section(name, got.get(name), expected.get(name)) for name in SECTIONS}


def overall_f1(scores: dict[str, SectionScore]) -> float:
    """F1 over the fields of all sections together."""
    return micro_f1([scores])


def micro_f1(files: list[dict[str, SectionScore]]) -> float:
    """F1 over the fields of several files together (true and false positives and false
    negatives summed over all files and sections), so a long document weighs more than a short
    one, as it does for the staff who check it."""
    tp = sum(s.tp for scores in files for s in scores.values())
    fp = sum(s.fp for scores in files for s in scores.values())
    fn = sum(s.fn for scores in files for s in scores.values())
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def format_table(rows: list[tuple[str, dict[str, SectionScore]]]) -> str:
    """A fixed-width table: one line per file, one column per section, then overall."""
    head = f"{'file':42} " + " ".join(f"{s[:11]:>11}" for s in SECTIONS) + f" {'overall':>8}"
    lines = [head, "-" * len(head)]
    for name, scores in rows:
        cells = " ".join(f"{scores[s].f1:11.3f}" for s in SECTIONS)
        lines.append(f"{name:42} {cells} {overall_f1(scores):8.3f}")
    return "\n".join(lines)
