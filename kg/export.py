"""Exports: the graph in an RDF syntax, the events table of GUIDELINES.md as CSV, or an
ACLED-compatible CSV.

The events table is what the stored query ``events_table`` returns, so it shows only what the
graph holds; Python only puts the cells SPARQL cannot order (``GROUP_CONCAT`` has no defined
order) into a fixed order. The ACLED table is the events table under ACLED's column names, with
the source of each event from the stored query ``events_by_source``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from kg.errors import Errors, KgError
from kg.files import GRAPH_FORMATS, save_graph, write_atomic
from kg.queries import QueryResult, cell_text, format_result, run_query

EVENT_COLUMNS = (
    "doc_id", "event_id", "kind", "acled_event_type", "acled_sub_event_type", "event_date",
    "start_time", "end_time", "attacker", "actor1", "actor2", "weapon_class", "weapon", "country",
    "admin1_iso", "admin1", "location", "latitude", "longitude", "launched", "intercepted",
    "killed", "injured", "damaged_buildings", "sentence",
)
# cells the query fills with GROUP_CONCAT(...; separator=";")
MULTI_VALUED = ("doc_id", "weapon_class", "weapon", "country", "admin1_iso", "admin1", "location")
ACLED_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location",
    "latitude", "longitude", "fatalities", "notes", "source",
)
# ACLED column -> the events table's column it is copied from
ACLED_FROM_EVENTS = {
    "event_date": "event_date", "event_type": "acled_event_type", "sub_event_type": "acled_sub_event_type",
    "actor1": "actor1", "actor2": "actor2", "admin1": "admin1", "location": "location",
    "latitude": "latitude", "longitude": "longitude", "fatalities": "killed", "notes": "sentence",
}


def export(graph: Graph, fmt: str, path: str | Path) -> None:
    """Write ``graph`` to ``path`` in one of ``EXPORT_FORMATS`` (E014 for any other)."""
    if fmt in TABLE_WRITERS:
        TABLE_WRITERS[fmt](graph, path)
    elif fmt in GRAPH_FORMATS:
        save_graph(graph, path, fmt)
    else:
        raise KgError(Errors.E014, name=fmt, known=", ".join(EXPORT_FORMATS))


def events_table(graph: Graph) -> list[dict[str, str]]:
    """One ``{column: text}`` row per event, columns as ``EVENT_COLUMNS``, rows in the query's
    order (doc_id, event_date, kind, event_id); multi-valued cells sorted and ';'-joined,
    source sentences joined with a space in their order in the article.
    """
    rows = []
    for record in run_query(graph, "events_table").records():
        row = {column: cell(column, record[column]) for column in EVENT_COLUMNS}
        row["admin1"] = region_names_in_code_order(cell_text(record["admin1_iso"]), cell_text(record["admin1"]))
        rows.append(row)
    return rows


def region_names_in_code_order(codes: str, names: str) -> str:
    """The ``admin1`` cell ordered like the sorted ``admin1_iso`` cell, so that the two line up.

    Both come from one aggregate over the same regions, so their raw parts pair up in order.
    """
    code_parts, name_parts = codes.split(";"), names.split(";")
    if len(code_parts) != len(name_parts):
        return cell("admin1", names)
    return ";".join(name for _, name in sorted(set(zip(code_parts, name_parts, strict=True))))


def cell(column: str, value: object) -> str:
    """The text of one cell of the events table."""
    text = cell_text(value)
    if column in MULTI_VALUED:
        return ";".join(sorted({part.strip() for part in text.split(";") if part.strip()}))
    if column == "sentence":
        return sentence_text(text)
    return text


def sentence_text(cell_value: str) -> str:
    """``"5 Later.\\n4 First."`` (one ``index text`` line a sentence) -> ``"First. Later."``."""
    numbered = (line.partition(" ") for line in cell_value.splitlines() if line)
    return " ".join(text.strip() for _, text in sorted((int(index), text) for index, _, text in numbered))


def acled_table(graph: Graph) -> list[dict[str, str]]:
    """One ``{column: text}`` row per event with an ACLED event type, columns as ``ACLED_COLUMNS``,
    in the events table's order.

    The cells are the events table's (``ACLED_FROM_EVENTS``), but ``fatalities`` is 0 where no
    death is stated (ACLED's convention) and ``source`` names the article: its outlet, else its
    URL, else its id.
    """
    sources = {
        record["doc_id"]: cell_text(record["outlet"] or record["url"] or record["doc_id"])
        for record in run_query(graph, "events_by_source").records()
    }
    rows = []
    for event in events_table(graph):
        if event["acled_event_type"]:
            row = {column: event[events_column] for column, events_column in ACLED_FROM_EVENTS.items()}
            row["fatalities"] = row["fatalities"] or "0"
            row["source"] = ";".join(sources[doc_id] for doc_id in event["doc_id"].split(";"))
            rows.append(row)
    return rows


def write_csv(path: str | Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    """Write ``rows`` to ``path`` as CSV (RFC 4180, with a header row of ``columns``)."""
    table = QueryResult(columns=list(columns), rows=[tuple(row[column] for column in columns) for row in rows])
    write_atomic(Path(path), format_result(table, "csv"))


def write_events_csv(graph: Graph, path: str | Path) -> None:
    """Write the events table to ``path`` as CSV."""
    write_csv(path, EVENT_COLUMNS, events_table(graph))


def write_acled_csv(graph: Graph, path: str | Path) -> None:
    """Write the ACLED table to ``path`` as CSV."""
    write_csv(path, ACLED_COLUMNS, acled_table(graph))


TABLE_WRITERS: dict[str, Callable[[Graph, str | Path], None]] = {
    "events-csv": write_events_csv,
    "acled-csv": write_acled_csv,
}
EXPORT_FORMATS = (*GRAPH_FORMATS, *TABLE_WRITERS)
