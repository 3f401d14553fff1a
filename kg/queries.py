"""The catalogue of stored SPARQL queries (``queries/*.rq``): load, run, format.

Each stored query starts with a header comment block::

    # title: Regions targeted by drones
    # question: Which first-level regions were targeted by drones ...
    #   (any other comment line continues the field above)
    # parameters: none
    # example: kg query regions_targeted_by_drones out/graph.ttl

and declares its own ``PREFIX`` lines. ``parameters`` names the ``?variables`` a caller may
bind, each with what it means, or says ``none``::

    # parameters: ?region, an ISO 3166-2 code; ?since (xsd:date), the first day

Values are bound with ``initBindings``, never pasted into the query text: as plain literals, or
as the type in brackets after the name: ``(xsd:date)`` a date literal (``2023-01-01``; a query
compares it with ``cf:date``), ``(IRI)`` an IRI. Every parameter is optional: a query reads an
unbound parameter as "all" (``FILTER (!BOUND(?since) || ?date >= ?since)``).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import io
import json
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import Errors, KgError
from kg.resources import queries_dir
from kg.store import database, memory_database, runs_sparql

if TYPE_CHECKING:
    import pandas

RESULT_FORMATS = ("table", "csv", "json")
HEADER_FIELD = re.compile(r"#\s*(title|question|parameters|example):\s*(.*)")
PARAMETER = re.compile(r"\?(\w+)(?:\s*\(([^)\s]+)\))?")  # ?name, or ?name (type)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
LIST_WIDTH = 100


def date_literal(value: object) -> Literal | None:
    """``value`` (a ``datetime.date`` or ``YYYY-MM-DD``) as an ``xsd:date`` literal; None if it is no date."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if ISO_DATE.fullmatch(text):
        with contextlib.suppress(ValueError):  # no such day
            return Literal(dt.date.fromisoformat(text))
    return None


def iri(value: object) -> URIRef | None:
    """``value`` as an IRI; None unless it is an absolute IRI."""
    text = str(value)
    return URIRef(text) if ABSOLUTE_IRI.fullmatch(text) else None


# a parameter's declared type -> how a value becomes a term, and what the value must be
PARAMETER_TYPES: dict[str, tuple[Callable[[object], Node | None], str]] = {
    "xsd:date": (date_literal, "a date YYYY-MM-DD"),
    "IRI": (iri, "an absolute IRI"),
}


@dataclass(frozen=True)
class Parameter:
    """A parameter a stored query declares: ``?name`` and the type its values are bound as
    (a key of ``PARAMETER_TYPES``; empty for a plain literal).
    """

    name: str
    type: str = ""

    def term(self, query: str, value: object) -> Node:
        """``value`` as the term to bind: an rdflib term as it is, else a term of the parameter's
        type (E019 if it is not of that type), or a plain literal.
        """
        if isinstance(value, Node):
            return value
        if not self.type:
            return Literal(value)
        convert, expected = PARAMETER_TYPES[self.type]
        term = convert(value)
        if term is None:
            raise KgError(Errors.E019, name=query, param=self.name, value=value, expected=expected)
        return term


@dataclass(frozen=True)
class StoredQuery:
    """A SPARQL query file with the title and question of its header comment."""

    name: str
    path: Path
    title: str
    question: str
    text: str
    parameters: tuple[Parameter, ...] = ()  # the ?variables of the header's "parameters"
    parameters_text: str = "none"  # the header's "parameters" as written
    example: str = ""  # the header's "example": a kg command line

    def describe(self) -> str:
        """The name and title, then the question and the parameters (indented and wrapped) and the
        example (a command line, on one line).
        """
        indent = " " * 4
        lines = [f"{self.name}  {self.title}"]
        lines += textwrap.wrap(self.question, LIST_WIDTH, initial_indent=indent, subsequent_indent=indent)
        lines += textwrap.wrap(f"parameters: {self.parameters_text}", LIST_WIDTH,
                               initial_indent=indent, subsequent_indent=indent * 2)
        lines.append(f"{indent}example: {self.example}")
        return "\n".join(lines)


@dataclass(frozen=True)
class QueryResult:
    """The rows of a SELECT query: Python values (``int``, ``str``, ``datetime``...) or None."""

    columns: list[str]
    rows: list[tuple[object, ...]]

    def records(self) -> list[dict[str, object]]:
        """The rows as ``{column: value}`` dictionaries."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_dataframe(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame, one column per result column (None where unbound)."""
        import pandas  # imported on use: it takes a while

        return pandas.DataFrame.from_records(self.rows, columns=self.columns)


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
    parameters = tuple(Parameter(name, type_) for name, type_ in PARAMETER.findall(header.get("parameters", "")))
    for parameter in parameters:
        if parameter.type and parameter.type not in PARAMETER_TYPES:
            raise KgError(Errors.E020, path=path, param=parameter.name, type=parameter.type,
                          known=", ".join(PARAMETER_TYPES))
    return StoredQuery(
        name=path.stem,
        path=path,
        title=header.get("title", ""),
        question=header.get("question", ""),
        text=text,
        parameters=parameters,
        parameters_text=header.get("parameters", "none"),
        example=header.get("example", ""),
    )


def catalogue() -> dict[str, StoredQuery]:
    """Every stored query by name (the file's stem), in name order."""
    return {path.stem: read_query(path) for path in sorted(queries_dir().glob("*.rq"))}


def describe_catalogue() -> str:
    """Every stored query described (``StoredQuery.describe``), one paragraph each, in name order."""
    return "\n\n".join(query.describe() for query in catalogue().values())


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
    """The query parsed and translated to SPARQL algebra (E013 unless it is a valid SELECT query);
    parsed once per process for each text.
    """
    try:
        prepared = _parse(query.text)
    except Exception as error:  # pyparsing's ParseException, or rdflib's bare Exception (unknown prefix)
        raise KgError(Errors.E013, path=query.path, detail=" ".join(str(error).split())) from error
    if prepared.algebra.name != "SelectQuery":
        raise KgError(Errors.E013, path=query.path, detail="only SELECT queries can be run")
    return prepared


@functools.lru_cache(maxsize=64)
def _parse(text: str) -> Query:
    """rdflib's parse of a query text (40-340 ms for a stored query: worth keeping)."""
    return prepareQuery(text)


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

    ``params`` bind the query's declared parameters (``region="UA-32"`` binds ``?region``), as
    the type each is declared with (``since="2023-01-01"`` as an ``xsd:date``); rdflib terms are
    bound as they are; a parameter not given, or given as None, is unbound. A name the query does
    not declare is a ``KgError`` (E018), a value not of its parameter's type too (E019).

    Oxigraph runs the query: in the store for a store's graph (``kg.store.open_graph`` of a
    folder), else on an in-memory copy of the graph (rdflib's own SPARQL engine takes 100 to
    300 times as long on these queries), and its rows become Python values without rdflib terms.
    An endpoint's graph (``open_graph`` of a URL) has the endpoint run it.
    """
    query = find_query(name_or_file)
    bindings = bind_parameters(query, params)
    projected = {str(variable) for variable in prepare(query).algebra["PV"]}
    declared = {parameter.name for parameter in query.parameters}
    text, bindings = inline_parameters(query.text, bindings, projected, declared)
    oxigraph = database(graph)
    if oxigraph is None and runs_sparql(graph):  # an endpoint
        return rdflib_result(graph.query(text, initBindings=bindings))
    if oxigraph is None:  # a graph in memory: Oxigraph, on a copy, runs queries far quicker than rdflib
        oxigraph = memory_database(graph)
    solutions = oxigraph.query(text, substitutions={ox.Variable(name): oxigraph_term(value)
                                                    for name, value in bindings.items()})
    return QueryResult(
        columns=[variable.value for variable in solutions.variables],
        rows=[tuple(map(oxigraph_value, solution)) for solution in solutions],
    )


def run_query_in_rdflib(graph: Graph, name_or_file: str | Path, **params: object) -> QueryResult:
    """Run a stored query or a ``.rq`` file with rdflib's own SPARQL engine, parameters as
    ``run_query`` takes them: to check that a query means the same in another engine (the
    tests), and to compare speeds (``benchmarks/queries.py``).
    """
    query = find_query(name_or_file)
    return rdflib_result(graph.query(prepare(query), initBindings=bind_parameters(query, params)))


def bind_parameters(query: StoredQuery, params: dict[str, object]) -> dict[str, Node]:
    """The terms ``params`` bind, by parameter name (see ``run_query``): E018 for a name the
    query does not declare, E019 for a value not of its parameter's type; None is left unbound.
    """
    declared = {parameter.name: parameter for parameter in query.parameters}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise KgError(Errors.E018, name=query.name, param=unknown[0], declared=", ".join(declared) or "none")
    return {name: declared[name].term(query.name, value) for name, value in params.items() if value is not None}


def rdflib_result(result: Result) -> QueryResult:
    """An rdflib query result's rows as Python values."""
    return QueryResult(
        columns=[str(var) for var in result.vars or ()],
        rows=[tuple(python_value(term) for term in row) for row in result],
    )


def oxigraph_term(term: Node) -> ox.NamedNode | ox.Literal:
    """A parameter's rdflib term (an IRI or a literal) as an Oxigraph term."""
    if isinstance(term, Literal):
        datatype = None if term.language or term.datatype is None else ox.NamedNode(term.datatype)
        return ox.Literal(str(term), language=term.language, datatype=datatype)
    return ox.NamedNode(str(term))


def oxigraph_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> object:
    """An Oxigraph result term as the Python value ``python_value`` gives for it in rdflib."""
    if isinstance(term, ox.Literal):
        return _literal_value(term.value, term.datatype.value, term.language)
    return None if term is None else term.value


@functools.lru_cache(maxsize=100_000)
def _literal_value(lexical: str, datatype: str, language: str | None) -> object:
    """A literal's Python value, as rdflib gives it (results repeat their dates, numbers and labels)."""
    return python_value(Literal(lexical, lang=language) if language else Literal(lexical, datatype=URIRef(datatype)))


def inline_parameters(text: str, bindings: dict[str, Node], projected: set[str],
                      declared: set[str]) -> tuple[str, dict[str, Node]]:
    """The query ``text`` and bindings for a database (Oxigraph, an endpoint), which binds only the
    variables a query projects: each other parameter is written into the text, ``BOUND(?name)``
    as ``true`` and ``?name`` as its value in N-Triples form (a quoted literal or an ``<IRI>``,
    checked by ``Parameter.term``: a value cannot change the query's structure). A ``declared``
    parameter neither given nor projected is unbound: its ``BOUND(?name)`` is written ``false``,
    so that the database can drop the filters it guards.
    """
    for name in sorted(declared - projected):
        value = bindings.get(name)
        text = re.sub(rf"BOUND\s*\(\s*\?{name}\s*\)", "true" if value is not None else "false", text,
                      flags=re.IGNORECASE)
        if value is not None:
            text = re.sub(rf"\?{name}\b", lambda _, term=value: term.n3(), text)
    return text, {name: value for name, value in bindings.items() if name in projected}


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

