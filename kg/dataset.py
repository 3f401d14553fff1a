"""The graph as a dataset of one named graph per article, as N-Quads and TriG files hold it.

The named graph of an article, ``<article IRI>/graph`` (``id:article/t-1/graph``), holds
everything read from that article: the article, its sentences, the events derived from them,
and the triples describing every resource those events use (places with their regions and
countries, actors with their sides, weapons). A resource used by several articles is described
again in each of their graphs, so that dropping one article's graph leaves the others whole.
Triples about nothing an article leads to stay in the default graph.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from kg.namespaces import CF, ID

Triple = tuple[Node, Node, Node]


def graph_name(article: URIRef) -> URIRef:
    """The IRI of an article's named graph: the article's IRI followed by ``/graph``."""
    return URIRef(f"{article}/graph")


def article_parts(triples: Iterable[Triple]) -> list[tuple[URIRef | None, list[Triple]]]:
    """The triples (an rdflib graph, or any collection of triples) by the graph of the dataset
    that holds them (see the module docstring): the default graph's (named None) if there are
    any, then each article's named graph, in the order of their names.
    """
    described_by: dict[Node, list[tuple[Node, Node]]] = {}  # subject -> its (predicate, value)
    sentences: dict[Node, list[Node]] = {}  # article -> its sentences
    derived: dict[Node, list[Node]] = {}  # sentence -> the events derived from it
    typed: dict[Node, list[Node]] = {}  # class -> its members
    links = {CF.inArticle: sentences, PROV.wasDerivedFrom: derived, RDF.type: typed}
    for subject, predicate, value in triples:
        described_by.setdefault(subject, []).append((predicate, value))
        linked = links.get(predicate)
        if linked is not None:
            linked.setdefault(value, []).append(subject)
    articles = sorted(typed.get(CF.Article, []))
    own = {article: _own_nodes(article, sentences, derived) for article in articles}
    not_shared = set().union(*own.values())  # another article's nodes are never followed
    described: set[Node] = set()
    parts: list[tuple[URIRef | None, list[Triple]]] = []
    for article in articles:
        part: list[Triple] = []
        nodes = sorted(own[article])
        seen = set(nodes)
        while nodes:
            node = nodes.pop()
            described.add(node)
            for predicate, value in described_by.get(node, ()):
                part.append((node, predicate, value))
                if (isinstance(value, URIRef) and value.startswith(ID) and value not in seen
                        and value not in not_shared):
                    seen.add(value)
                    nodes.append(value)
        parts.append((graph_name(article), part))
    parts.sort(key=lambda part: part[0])
    rest = [(subject, predicate, value) for subject, pairs in described_by.items() if subject not in described
            for predicate, value in pairs]
    return [(None, rest), *parts] if rest else parts


def _own_nodes(article: Node, sentences: dict[Node, list[Node]], derived: dict[Node, list[Node]]) -> set[Node]:
    """The article, its sentences and the events derived from them."""
    own = sentences.get(article, [])
    return {article, *own, *(event for sentence in own for event in derived.get(sentence, ()))}


def split_by_article(graph: Graph) -> Dataset:
    """A dataset of the graph's ``article_parts``: the articles' named graphs, and a default graph
    holding the triples of no article; its prefixes are the graph's.
    """
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace, override=True)
    for name, triples in article_parts(graph):
        part = dataset.default_graph if name is None else dataset.graph(name)
        part += triples
    return dataset
