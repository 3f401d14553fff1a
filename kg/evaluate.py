"""Score extracted events against gold annotations: event facts and slots, with precision, recall, F1.

Gold is JSONL, one article a line: ``{"doc_id": ..., "events": [{column: value, ...}]}`` with the
columns of the events table (multi-valued columns as lists). Events are compared as *facts*, so
that rows split or merged differently still meet:

    strike, armed clash, air-raid alert   (article, kind, region)   region: ISO 3166-2, else the country
    interception                          (article, kind, weapon class)

A predicted fact matches a gold fact with the same key whose dates lie within a day of each
other; a key with no region or class ("?") matches any of its article and kind. On matched facts
each slot is scored: a slot is *offered* where the prediction fills it, *asked* where gold does,
and *right* where the two agree (the same set of weapon classes, any shared value for the other
sets, the same number for counts).
Past events (kind ``other``) are not scored.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import Errors, KgError
from kg.records import COUNT_NAMES

SCORED_KINDS = ("strike", "interception", "air_raid_alert", "armed_clash")
SET_SLOTS = ("attacker", "weapon_class", "location", "acled_sub_event_type")
UNKNOWN = "?"


def _values(cell: object) -> list[str]:
    """A cell as a list of values: JSON lists as they are, table cells split on ';'."""
    if cell is None:
        return []
    items = cell if isinstance(cell, list) else str(cell).split(";")
    return [str(item).strip() for item in items if str(item).strip()]


def _name_key(text: str) -> str:
    """A name reduced for comparison: no accents, case, spaces or punctuation."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.casefold() if ch.isalnum())


def _day(cell: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(cell or "").strip()[:10])
    except ValueError:
        return None


def _count(cell: object) -> int | None:
    """A count cell as a number: ``0`` (a count denied, "no casualties") is one; empty is none."""
    text = "" if cell is None else str(cell).strip()
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


@dataclass
class Fact:
    """What the rows of one fact key say, gathered."""

    key: tuple[str, str, str]
    dates: set[dt.date] = field(default_factory=set)
    slots: dict[str, set[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, row: Mapping[str, object]) -> None:
        """Gather one row's values (counts keep the highest figure)."""
        day = _day(row.get("event_date"))
        if day:
            self.dates.add(day)
        normalise = {"attacker": str.upper, "weapon_class": str.lower, "location": _name_key,
                     "acled_sub_event_type": _name_key}
        for slot in SET_SLOTS:
            values = {normalise[slot](v) for v in _values(row.get(slot))}
            if values:
                self.slots.setdefault(slot, set()).update(values)
        for name in COUNT_NAMES:
            value = _count(row.get(name))
            if value is not None:
                self.counts[name] = max(value, self.counts.get(name, value))

    def near(self, other: Fact) -> bool:
        """Dates within a day of each other; an undated side is not held against a match."""
        return not self.dates or not other.dates or any(
            abs((a - b).days) <= 1 for a in self.dates for b in other.dates)


def fact_keys(doc_id: str, row: Mapping[str, object]) -> list[tuple[str, str, str]]:
    """The facts an events-table row stands for."""
    kind = str(row.get("kind") or "").strip()
    if kind not in SCORED_KINDS:
        return []
    if kind == "interception":
        return [(doc_id, kind, c.lower()) for c in _values(row.get("weapon_class")) or [UNKNOWN]]
    regions = [r.upper() for r in _values(row.get("admin1_iso"))]
    return [(doc_id, kind, r) for r in regions or [str(row.get("country") or UNKNOWN).strip().upper() or UNKNOWN]]


def gather(rows_by_doc: Mapping[str, Iterable[Mapping[str, object]]]) -> dict[tuple, Fact]:
    """Facts of all articles, each gathering the rows that stand for it."""
    found: dict[tuple, Fact] = {}
    for doc_id, rows in rows_by_doc.items():
        for row in rows:
            for key in fact_keys(doc_id, row):
                found.setdefault(key, Fact(key)).add(row)
    return found


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 from counts of right, offered and asked."""

    right: int
    offered: int
    asked: int

    @property
    def precision(self) -> float:
        return self.right / self.offered if self.offered else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.asked if self.asked else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"right": self.right, "offered": self.offered, "asked": self.asked,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class Evaluation:
    """Scores of events (per kind and over all) and of slots on matched events."""

    kinds: dict[str, Score]
    events: Score
    slots: dict[str, Score]
    documents: int

    def as_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "events": self.events.as_dict(),
                "kinds": {k: v.as_dict() for k, v in self.kinds.items()},
                "slots": {k: v.as_dict() for k, v in self.slots.items()}}


def _pairs(gold: dict[tuple, Fact], predicted: dict[tuple, Fact]) -> list[tuple[Fact, Fact]]:
    """Matched (gold, predicted) facts: same key first, then unknown region or class."""
    pairs, used = [], set()
    for key, fact in gold.items():
        if key in predicted and fact.near(predicted[key]):
            pairs.append((fact, predicted[key]))
            used.add(key)
    matched = {g.key for g, _ in pairs}
    for key, fact in gold.items():
        if key in matched:
            continue
        candidate = next((p for pkey, p in predicted.items() if pkey not in used and pkey[:2] == key[:2]
                          and UNKNOWN in (key[2], pkey[2]) and fact.near(p)), None)
        if candidate is not None:
            pairs.append((fact, candidate))
            used.add(candidate.key)
            matched.add(key)
    return pairs


def _slot_scores(pairs: list[tuple[Fact, Fact]]) -> dict[str, Score]:
    tallies: dict[str, list[int]] = {}

    def tally(slot: str, offered: bool, asked: bool, right: bool) -> None:
        counts = tallies.setdefault(slot, [0, 0, 0])
        counts[0] += right and offered and asked
        counts[1] += offered
        counts[2] += asked

    for gold, predicted in pairs:
        tally("exact_date", bool(predicted.dates), bool(gold.dates), bool(gold.dates & predicted.dates))
        for slot in SET_SLOTS:
            g, p = gold.slots.get(slot, set()), predicted.slots.get(slot, set())
            tally(slot, bool(p), bool(g), g == p if slot == "weapon_class" else bool(g & p))
        for name in COUNT_NAMES:
            g, p = gold.counts.get(name), predicted.counts.get(name)
            tally(name, p is not None, g is not None, g == p)
    return {slot: Score(*tallies[slot]) for slot in sorted(tallies)}


def evaluate(gold_rows: Mapping[str, list[dict]], predicted_rows: Mapping[str, list[dict]]) -> Evaluation:
    """Score predicted rows against gold rows, both by article id; articles not in gold are ignored."""
    gold = gather(gold_rows)
    predicted = gather({doc: rows for doc, rows in predicted_rows.items() if doc in gold_rows})
    pairs = _pairs(gold, predicted)
    right_gold = {g.key for g, _ in pairs}
    kinds = {
        kind: Score(sum(1 for k in right_gold if k[1] == kind),
                    sum(1 for k in predicted if k[1] == kind), sum(1 for k in gold if k[1] == kind))
        for kind in SCORED_KINDS
    }
    events = Score(len(right_gold), len(predicted), len(gold))
    return Evaluation(kinds, events, _slot_scores(pairs), len(gold_rows))


def read_gold(path: str | Path) -> dict[str, list[dict]]:
    """Gold annotations: article id -> its gold event rows.

    Raises ``KgError``: E006 if there is no such file, E017 if it cannot be read, E001 if it is not
    UTF-8, E002 if it holds no line, E003 for a line that is not a JSON object, E028 for one with
    no ``doc_id`` or no ``events`` list of objects, E009 for a ``doc_id`` repeated with other events.
    """
    path = Path(path)
    content = _read_text(path)
    gold: dict[str, list[dict]] = {}
    first_seen: dict[str, int] = {}
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        doc_id, events = _gold_line(line, path, number)
        if doc_id in gold and gold[doc_id] != events:
            raise KgError(Errors.E009, path=path, line=number, doc_id=doc_id, first=f"{path}:{first_seen[doc_id]}")
        gold[doc_id] = events
        first_seen.setdefault(doc_id, number)
    if not gold:
        raise KgError(Errors.E002, path=path)
    return gold


def _gold_line(line: str, path: Path, number: int) -> tuple[str, list[dict]]:
    """The article id and gold events of one line, or a ``KgError`` naming its first problem."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise KgError(Errors.E003, path=path, line=number, detail=error.msg) from None
    if not isinstance(record, dict):
        raise KgError(Errors.E003, path=path, line=number, detail=f"expected an object, got {type(record).__name__}")
    doc_id = record.get("doc_id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise KgError(Errors.E028, path=path, line=number, detail="has no 'doc_id'")
    events = record.get("events")
    if not isinstance(events, list):
        raise KgError(Errors.E028, path=path, line=number, detail="has no 'events' list")
    for index, event in enumerate(events, start=1):
        if not isinstance(event, dict):
            detail = f"event {index} is not an object, got {type(event).__name__}"
            raise KgError(Errors.E028, path=path, line=number, detail=detail)
    return doc_id.strip(), events


def _read_text(path: Path) -> str:
    """A file's UTF-8 text (a BOM dropped); E006, E017, E001 or E002 if there is none."""
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise KgError(Errors.E006, path=path) from None
    except UnicodeDecodeError as error:
        raise KgError(Errors.E001, path=path, detail=error) from None
    except OSError as error:
        raise KgError(Errors.E017, path=path, detail=error.strerror) from None
    if not content.strip():
        raise KgError(Errors.E002, path=path)
    return content


def format_evaluation(result: Evaluation) -> str:
    """The scores as a readable plain-text table."""
    def row(name: str, score: Score) -> str:
        return (f"{name:<24}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
                f"{score.right:>7}{score.offered:>9}{score.asked:>7}")

    header = f"{'P':>7}{'R':>7}{'F1':>7}{'right':>7}{'offered':>9}{'asked':>7}"
    lines = [f"{'events':<24}{header}"]
    lines += [row(name, score) for name, score in [*result.kinds.items(), ("all", result.events)]]
    lines += ["", f"{'slot (matched events)':<24}{header}"]
    lines += [row(name, score) for name, score in result.slots.items()]
    lines += ["", f"{result.documents} documents"]
    return "\n".join(lines)


def predicted_rows(
    inputs: list[str | Path], gold_path: str | Path, problems: list[KgError] | None = None,
) -> dict[str, list[dict]]:
    """The events table to score, by article: read from events CSVs (``.csv``) and graph files (an
    RDF suffix), and built from the other inputs as articles (files or folders); none given: the
    ``*_articles.jsonl`` beside ``*_gold.jsonl``.

    Articles that cannot be read are skipped, one ``KgError`` for each appended to ``problems``
    (as ``kg build`` does); without a ``problems`` list, the first of them is raised.

    Raises ``KgError``: E006 for no articles beside the gold file, E016 if articles were asked for
    but none could be read, as ``load_graph`` for a graph file, and for an events CSV E006, E017,
    E001, E002, or E029 if it lacks a column the scores need.
    """
    from kg.export import events_table
    from kg.files import PARSERS, load_graph
    from kg.pipeline import build

    if not inputs:
        sibling = Path(gold_path).with_name(Path(gold_path).name.replace("_gold", "_articles"))
        if sibling == Path(gold_path) or not sibling.exists():
            raise KgError(Errors.E006, path=sibling)
        inputs = [sibling]
    rows: list[dict] = []
    articles: list[Path] = []
    for path in map(Path, inputs):
        suffix = path.suffix.lower()
        if suffix == ".csv":
            rows += _read_csv(path)
        elif suffix in PARSERS and not path.is_dir():
            rows += events_table(load_graph(path))
        else:
            articles.append(path)
    if articles:
        result = build(articles)
        if problems is None and result.problems:
            raise result.problems[0]
        if problems is not None:
            problems.extend(result.problems)
        if not result.articles:
            raise KgError(Errors.E016, paths=" ".join(map(str, articles)))
        rows += events_table(result.graph)
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        by_doc.setdefault(str(row["doc_id"]), []).append(row)
    return by_doc


# the columns of the events table that the scores read
CSV_COLUMNS = ("doc_id", "kind", "event_date", "country", "admin1_iso", *SET_SLOTS, *COUNT_NAMES)


def _read_csv(path: Path) -> list[dict]:
    """The rows of an events CSV (as ``kg export --format events-csv`` writes one)."""
    import csv
    import io

    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise KgError(Errors.E017, path=path, detail=f"line {reader.line_num}: {error}") from None
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise KgError(Errors.E029, path=path, columns=", ".join(missing))
    return rows
