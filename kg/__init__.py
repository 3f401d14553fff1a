"""kg: news about armed conflict to a validated, queryable RDF knowledge graph.

The Python API, the same functions the ``kg`` command wraps::

    import kg

    graph = kg.build(["seeds"])                 # in memory; kg.build(["seeds"], store="out/store"): a store
    report = kg.validate(graph)
    print(report.conforms, report.text)
    result = kg.query(graph, "region_timeline", region="UA-32", since="2023-01-01")
    frame = result.to_dataframe()
    kg.export(graph, "events-csv", "events.csv")
    actors = kg.network(graph)                  # a networkx.MultiDiGraph
    graph = kg.load("graph.ttl")                # a graph file, or a store folder: kg.load("out/store")
    kg.remove("out/store", ["seed-000"])

Errors caused by the input (an unreadable graph, an unknown query or format) raise
``kg.errors.KgError`` with a one-line message.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

# ``kg.validate``, ``kg.export`` and ``kg.network`` name both a submodule and a function of this
# API. Importing the submodules here, before the functions are defined, makes the names mean the
# functions (the submodules stay importable: ``from kg.validate import validate``). None imports
# spaCy; ``build`` imports it (through ``kg.pipeline``) only when called.
from kg import export as _export
from kg import network as _network
from kg import validate as _validate

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

    from kg.queries import QueryResult
    from kg.validate import ValidationResult

try:
    __version__ = version("kg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"

__all__ = ["__version__", "build", "export", "load", "network", "query", "remove", "validate"]


def build(paths: Iterable[str | Path], store: str | Path | None = None) -> Graph:
    """Build a graph from articles in ``paths``: ``.txt`` and ``.jsonl`` files, or folders of them.

    Without ``store``, the graph is built in memory. With it, the articles are written into the
    store at that folder (created if missing; the articles it holds unchanged are not built
    again) and the store's whole graph is returned. Inputs that cannot be read are skipped
    silently; call ``kg.pipeline.build`` to get them (as ``KgError`` values in
    ``BuildResult.problems``) with the article and event counts and the SHACL findings.
    """
    from kg.pipeline import build as build_result
    from kg.store import ArticleStore, open_graph

    if store is None:
        return build_result(list(paths), progress=False).graph
    with ArticleStore.open(store) as articles:
        build_result(list(paths), store=articles, keep_graph=False, progress=False)
    return open_graph(store)


def validate(graph: Graph) -> ValidationResult:
    """Validate ``graph`` against kg's SHACL shapes: ``.conforms``, a readable ``.text``, the ``.report``."""
    return _validate.validate(graph)


def query(graph: Graph, name: str | Path, **params: object) -> QueryResult:
    """Run the stored query ``name`` (see ``kg.queries.catalogue()``) or a ``.rq`` file over ``graph``.

    ``params`` bind the query's parameters, as the types it declares:
    ``query(graph, "region_timeline", region="UA-32", since="2023-01-01")``; left out, a parameter
    means "all". ``.rows`` holds the answer, ``.to_dataframe()`` makes it a pandas DataFrame.
    """
    from kg.queries import run_query

    return run_query(graph, name, **params)


def export(graph: Graph, fmt: str, path: str | Path) -> None:
    """Write ``graph`` to ``path`` as ``fmt``: one of ``kg.export.EXPORT_FORMATS``."""
    _export.export(graph, fmt, path)


def network(graph: Graph, since: object = None, until: object = None) -> nx.MultiDiGraph:
    """The actor network of ``graph`` (attacks, interceptions, claims; see ``kg.network``), of the
    events dated to the day between ``since`` and ``until`` (``YYYY-MM-DD``; None: no bound).
    """
    return _network.actor_network(graph, since, until)


def load(path: str | Path) -> Graph:
    """The graph at ``path``: a graph file written by ``kg build`` or ``kg export`` (its RDF format
    told by the suffix) read into memory, or a store folder opened for reading (queried by Oxigraph).
    """
    from kg.store import open_graph

    return open_graph(path)


def remove(store: str | Path, doc_ids: Iterable[str]) -> None:
    """Remove the articles ``doc_ids`` from the store at ``store``, each in one transaction (none
    if the store lacks one of them: ``KgError`` E023).
    """
    from kg.store import remove_articles

    remove_articles(store, list(doc_ids))
