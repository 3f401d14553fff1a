"""Pushing a graph into a SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph's server, Fuseki,
GraphDB, ...): ``kg push GRAPH --endpoint URL``.

Each graph written is sent as N-Triples with an HTTP PUT, which replaces what the endpoint held
in that graph: pushing again after a rebuild leaves the endpoint as the graph is, not the union
of both. By default the whole graph goes into the endpoint's default graph (``URL?default``), or
into the named graph ``--graph IRI`` (``URL?graph=IRI``); ``--by-article`` writes one named
graph per article instead (``<article IRI>/graph``, as kg's store and TriG files hold them), so
that each article pushed replaces only its own graph.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from rdflib import Graph, URIRef

from kg.dataset import split_by_article
from kg.errors import Errors, KgError
from kg.files import n_triples
from kg.store import in_store, named_article_graphs

PUSH_TIMEOUT = 300.0  # seconds for one graph's request


def push(graph: Graph, endpoint: str, target: str | None = None, by_article: bool = False) -> int:
    """Write ``graph`` into the Graph Store Protocol ``endpoint`` and return how many graphs it wrote.

    ``target`` names the graph to replace (default: the endpoint's default graph); ``by_article``
    replaces each article's named graph instead. Raises ``KgError`` E025 if the endpoint cannot
    be reached or refuses a graph (the graphs written before it stay written).
    """
    written = 0
    for name, part in _parts(graph, target, by_article):
        query = "default" if name is None else urllib.parse.urlencode({"graph": name})
        separator = "&" if "?" in endpoint else "?"
        request = urllib.request.Request(
            f"{endpoint}{separator}{query}", data=n_triples(part).encode("utf-8"), method="PUT",
            headers={"Content-Type": "application/n-triples"},
        )
        try:
            with urllib.request.urlopen(request, timeout=PUSH_TIMEOUT):
                written += 1
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")
            raise KgError(Errors.E025, url=endpoint, detail=" ".join(f"HTTP {error.code} {detail}".split())) from error
        except (urllib.error.URLError, OSError) as error:
            raise KgError(Errors.E025, url=endpoint, detail=getattr(error, "reason", error)) from error
    return written


def _parts(graph: Graph, target: str | None, by_article: bool) -> Iterator[tuple[str | None, Graph]]:
    """The graphs to write, each with the name of the graph it replaces (None: the default graph)."""
    if not by_article:
        yield target, graph
        return
    for part in named_article_graphs(graph) if in_store(graph) else _named_graphs(graph):
        yield str(part.identifier), part


def _named_graphs(graph: Graph) -> Iterator[Graph]:
    """The articles' named graphs of an in-memory graph (``kg.dataset.split_by_article``)."""
    for part in split_by_article(graph).graphs():
        if isinstance(part.identifier, URIRef) and len(part):
            yield part
