"""Exports: the graph in an RDF syntax, or the events table of GUIDELINES.md as CSV.

The events table is what the stored query ``events_table`` returns, so it shows only what the
graph holds; Python only puts the cells SPARQL cannot order (``GROUP_CONCAT`` has no defined
order) into a fixed order.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import Errors, KgError
from kg.queries import QueryResult, cell_text, format_result, run_query
from kg.store import GRAPH_FORMATS, save_graph, write_atomic

EXPORT_FORMATS = (*GRAPH_FORMATS, "events-csv")
EVENT_COLUMNS = (
    "doc_id", "event_id", "kind", "acled_event_type", "acled_sub_event_type", "event_date",
    "start_time", "end_time", "attacker", "actor1", "actor2", "weapon_class", "weapon", "country",
    "admin1_iso", "admin1", "location", "latitude", "longitude", "launched", "intercepted",
    "killed", "injured", "damaged_buildings", "sentence",
)
# cells the query fills with GROUP_CONCAT(...; separator=";")
MULTI_VALUED = ("doc_id", "weapon_class", "weapon", "country", "admin1_iso", "admin1", "location")


def export(graph: Graph, fmt: str, path: str | Path) -> None:
    """Write ``graph`` to ``path`` in one of ``EXPORT_FORMATS`` (E014 for any other)."""
    if fmt == "events-csv":
        write_events_csv(graph, path)
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


def write_events_csv(graph: Graph, path: str | Path) -> None:
    """Write the events table to ``path`` as CSV (RFC 4180, with a header row)."""
    table = QueryResult(
        columns=list(EVENT_COLUMNS),
        rows=[tuple(row[column] for column in EVENT_COLUMNS) for row in events_table(graph)],
    )
    write_atomic(Path(path), format_result(table, "csv"))
