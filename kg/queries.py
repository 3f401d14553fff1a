"""The catalogue of stored SPARQL queries (``queries/*.rq``): load, run, format.

Each stored query starts with a header comment block::

    # title: Regions targeted by drones
    # question: Which first-level regions were targeted by drones ...
    #   (any other comment line continues the field above)
    # parameters: none
    # example: kg query regions_targeted_by_drones out/graph.ttl

and declares its own ``PREFIX`` lines. ``parameters`` names the ``?variables`` a caller may
bind (``?region, an ISO 3166-2 code``) or says ``none``; they are bound with ``initBindings``,
never pasted into the query text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg.errors import Errors, KgError
from kg.resources import queries_dir

RESULT_FORMATS = ("table", "csv", "json")
HEADER_FIELD = re.compile(r"#\s*(title|question|parameters|example):\s*(.*)")
PARAMETER = re.compile(r"\?(\w+)")


@dataclass(frozen=True)
class StoredQuery:
    """A SPARQL query file with the title and question of its header comment."""

    name: str
    path: Path
    title: str
    question: str
    text: str
    parameters: tuple[str, ...] = ()  # the ?variables of the header's "parameters", without '?'


@dataclass(frozen=True)
class QueryResult:
    """The rows of a SELECT query: Python values (``int``, ``str``, ``datetime``...) or None."""

    columns: list[str]
    rows: list[tuple[object, ...]]

    def records(self) -> list[dict[str, object]]:
        """The rows as ``{column: value}`` dictionaries."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def parse_header(text: str) -> dict[str, str]:
    """The ``# field: value`` lines at the top of a query; other ``#`` lines continue a field."""
    fields: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = HEADER_FIELD.match(line)
        if match:
            last = match[1]
            fields[last] = match[2].strip()
        elif last is not None and line[1:].strip():
            fields[last] = f"{fields[last]} {line[1:].strip()}"
    return fields


def read_query(path: Path) -> StoredQuery:
    """A query file with its header parsed (its SPARQL is not checked here)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise KgError(Errors.E006, path=path) from error
    except UnicodeDecodeError as error:
        raise KgError(Errors.E001, path=path, detail=error.reason) from error
    except OSError as error:
        raise KgError(Errors.E013, path=path, detail=error.strerror) from error
    header = parse_header(text)
    return StoredQuery(
        name=path.stem,
        path=path,
        title=header.get("title", ""),
        question=header.get("question", ""),
        text=text,
        parameters=tuple(PARAMETER.findall(header.get("parameters", ""))),
    )


def catalogue() -> dict[str, StoredQuery]:
    """Every stored query by name (the file's stem), in name order."""
    return {path.stem: read_query(path) for path in sorted(queries_dir().glob("*.rq"))}


def find_query(name_or_file: str | Path) -> StoredQuery:
    """A stored query by name, or a ``.rq`` file by path (E012 if neither, E006 if no such file)."""
    queries = catalogue()
    if str(name_or_file) in queries:
        return queries[str(name_or_file)]
    path = Path(name_or_file)
    if path.suffix == ".rq" or path.exists():
        return read_query(path)
    raise KgError(Errors.E012, name=str(name_or_file), known=", ".join(queries))


def prepare(query: StoredQuery) -> Query:
    """The query parsed and translated to SPARQL algebra (E013 unless it is a valid SELECT query)."""
    try:
        prepared = prepareQuery(query.text)
    except Exception as error:  # pyparsing's ParseException, or rdflib's bare Exception (unknown prefix)
        raise KgError(Errors.E013, path=query.path, detail=" ".join(str(error).split())) from error
    if prepared.algebra.name != "SelectQuery":
        raise KgError(Errors.E013, path=query.path, detail="only SELECT queries can be run")
    return prepared


def load_query(name_or_file: str | Path) -> StoredQuery:
    """A stored query by name or a ``.rq`` file by path, checked to be valid SPARQL."""
    query = find_query(name_or_file)
    prepare(query)
    return query


def python_value(term: Node | None) -> object:
    """A result term as a Python value; literals without a Python type keep their lexical form."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def run_query(graph: Graph, name_or_file: str | Path, **params: object) -> QueryResult:
    """Run a stored query (by name) or a ``.rq`` file on ``graph``.

    ``params`` bind the query's declared parameters (``region="UA-32"`` binds ``?region``):
    rdflib terms are bound as they are, other values as literals. A name the query does not
    declare is a ``KgError`` (E018).
    """
    query = find_query(name_or_file)
    unknown = sorted(set(params) - set(query.parameters))
    if unknown:
        declared = ", ".join(query.parameters) or "none"
        raise KgError(Errors.E018, name=query.name, param=unknown[0], declared=declared)
    bindings = {name: value if isinstance(value, Node) else Literal(value) for name, value in params.items()}
    result = graph.query(prepare(query), initBindings=bindings)
    return QueryResult(
        columns=[str(var) for var in result.vars or ()],
        rows=[tuple(python_value(term) for term in row) for row in result],
    )


def cell_text(value: object) -> str:
    """A value as text: empty for None, else its RDF lexical form (``PT3H``, ``2023-11-05T03:00:00Z``)."""
    if value is None:
        return ""
    return str(value if isinstance(value, str) else Literal(value))


def json_value(value: object) -> object:
    """A value for ``json.dumps``: decimals as numbers, dates and durations as their lexical form."""
    return float(value) if isinstance(value, Decimal) else cell_text(value)


def format_result(result: QueryResult, fmt: str) -> str:
    """The result as ``table`` (aligned columns), ``csv`` (RFC 4180, with header) or ``json``."""
    if fmt == "table":
        return format_table(result)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.columns)
        writer.writerows([cell_text(value) for value in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps(result.records(), default=json_value, ensure_ascii=False, indent=2)
    raise KgError(Errors.E014, name=fmt, known=", ".join(RESULT_FORMATS))


def format_table(result: QueryResult) -> str:
    """Plain-text columns: a header, a separator line, one line a row, and a row count."""
    rows = [[" ".join(cell_text(value).split()) for value in row] for row in result.rows]
    widths = [max(map(len, column), default=0) for column in zip(result.columns, *rows, strict=True)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
        for cells in [result.columns, ["-" * width for width in widths], *rows]
    ]
    count = len(rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines)

