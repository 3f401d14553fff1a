"""Graphs on disk: graph files in any common RDF syntax, and kg's store, an Oxigraph database.

``open_graph`` opens either (a folder is a store, anything else a graph file); the functions that
take a graph (``kg.query``, ``kg.export``, ``kg.network``, ``kg.validate``) take both alike.

Graph files. ``save_graph`` writes the same bytes for the same triples, whatever order they were
added in (kg mints no blank nodes, whose labels no serializer keeps stable), and writes through a
temporary file in the target folder, so a failed write never leaves half a file behind. N-Quads
and TriG files hold one named graph per article (``kg.dataset``); JSON-LD is compacted with kg's
context, ``ontology/context.jsonld``.

The store (``ArticleStore``), a folder holding an on-disk Oxigraph database:

- one named graph per article, ``<article IRI>/graph``, as ``kg.dataset`` splits a graph;
- the default graph, the merge of the article graphs: what SPARQL queries see, each triple once
  (Oxigraph's union of named graphs would repeat a place described by two articles);
- the graph ``store:articles`` (``https://w3id.org/kg-conflict/store#``): each article's content
  hash (``kg.pipeline.content_hash``), so that a build skips the articles it already holds.

Each article is written, replaced or removed in one transaction (one SPARQL update): a build
killed half-way leaves every article either whole or as it was. One process writes a store at
a time (a second waits for it, up to ``LOCK_WAIT`` seconds); any number read it.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.dataset import graph_name, split_by_article
from kg.errors import Errors, KgError
from kg.graph import article_iri, new_graph
from kg.resources import context_path

# file suffix -> rdflib parser
PARSERS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
    ".rdf": "xml",
    ".xml": "xml",
}
QUAD_PARSERS = ("trig", "nquads")
DETAIL_LENGTH = 200


def load_graph(path: str | Path) -> Graph:
    """Read a graph file, its syntax told by the suffix (``.ttl``, ``.nt``, ``.jsonld``/``.json``,
    ``.trig``, ``.nq``, ``.rdf``/``.xml``). The named graphs of a TriG or N-Quads file are merged.

    Raises ``KgError``: E006 if there is no such file, E014 for an unknown suffix, E010 if the
    file cannot be read or parsed.
    """
    path = Path(path)
    if not path.exists():
        raise KgError(Errors.E006, path=path)
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        raise KgError(Errors.E014, name=path.suffix or path.name, known=", ".join(PARSERS))
    graph = new_graph()
    try:
        if parser in QUAD_PARSERS:
            add_quads(graph, parser, source=path)
        else:
            graph.parse(path, format=parser)
    except Exception as error:  # each rdflib parser raises its own kind of error
        raise KgError(Errors.E010, path=path, detail=error_detail(error)) from error
    return graph


def add_quads(graph: Graph, fmt: str, **source: object) -> None:
    """Add to ``graph`` the triples of every graph of a TriG or N-Quads ``source`` (rdflib's
    ``source=`` a path, or ``data=`` the text), and the prefixes it binds.
    """
    dataset = Dataset()
    dataset.parse(format=fmt, **source)
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace, override=False)
    graph += ((s, p, o) for s, p, o, _ in dataset.quads())


def error_detail(error: Exception) -> str:
    """A parser's error on one short line."""
    if isinstance(error, BadSyntax):  # its str() quotes the surrounding input over three lines
        return f"line {error.lines + 1}: {error._why}"
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= DETAIL_LENGTH else text[: DETAIL_LENGTH - 3] + "..."


def turtle(graph: Graph) -> str:
    """Turtle; rdflib's serializer sorts subjects, predicates and objects."""
    return graph.serialize(format="turtle")


def n_triples(graph: Graph) -> str:
    """N-Triples, one triple a line, the lines sorted."""
    return "".join(f"{line}\n" for line in sorted(filter(None, graph.serialize(format="nt").splitlines())))


def n_quads(graph: Graph) -> str:
    """N-Quads, one named graph per article: graph by graph (see ``dataset_parts``), each
    graph's lines sorted.
    """
    lines = []
    for part in dataset_parts(split_by_article(graph)):
        triples = n_triples(part).splitlines()
        if part.identifier == DATASET_DEFAULT_GRAPH_ID:
            lines += triples
        else:  # "<s> <p> <o> ." -> "<s> <p> <o> <graph> ."
            lines += [f"{line.removesuffix(' .')} {part.identifier.n3()} ." for line in triples]
    return "".join(f"{line}\n" for line in lines)


def trig(graph: Graph) -> str:
    """TriG, one named graph per article: the prefixes, then graph by graph (see
    ``dataset_parts``) its triples as Turtle writes them, a named graph's inside ``<name> { }``.
    """
    prefixes: set[str] = set()
    blocks = []
    for part in dataset_parts(split_by_article(graph)):
        lines = turtle(part).splitlines()
        count = next((index for index, line in enumerate(lines) if not line.startswith("@prefix")), len(lines))
        prefixes.update(lines[:count])
        body = "\n".join(lines[count:]).strip("\n")
        blocks.append(body if part.identifier == DATASET_DEFAULT_GRAPH_ID else f"{part.identifier.n3()} {{\n{body}\n}}")
    return "\n\n".join(["\n".join(sorted(prefixes)), *blocks]) + "\n"


def dataset_parts(dataset: Dataset) -> list[Graph]:
    """The default graph if it holds any triple, then the named graphs in the order of their names."""
    parts = sorted(dataset.graphs(), key=lambda part: (part.identifier != DATASET_DEFAULT_GRAPH_ID, part.identifier))
    return [part for part in parts if len(part)]


def json_ld(graph: Graph) -> str:
    """JSON-LD compacted with kg's context (``ontology/context.jsonld``, written inline), nodes and
    values sorted.
    """
    context = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
    data = json.loads(graph.serialize(format="json-ld", context=context))
    return json.dumps(canonical_json(data), indent=2, ensure_ascii=False) + "\n"


def canonical_json(data: object, key: str = "") -> object:
    """JSON-LD with its keys and its unordered arrays (all but ``@list``) sorted."""
    if isinstance(data, dict):
        return {name: canonical_json(value, name) for name, value in sorted(data.items())}
    if isinstance(data, list):
        items = [canonical_json(item) for item in data]
        if key == "@list":
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return data


SERIALIZERS: dict[str, Callable[[Graph], str]] = {
    "turtle": turtle,
    "nt": n_triples,
    "nquads": n_quads,
    "trig": trig,
    "jsonld": json_ld,
}
GRAPH_FORMATS = tuple(SERIALIZERS)


def save_graph(graph: Graph, path: str | Path, fmt: str = "turtle") -> None:
    """Write ``graph`` to ``path`` as ``turtle``, ``nt``, ``nquads``, ``trig`` or ``jsonld``: the
    same triples always give the same bytes.

    Raises ``KgError``: E014 for an unknown format, E011 if the file cannot be written.
    """
    serializer = SERIALIZERS.get(fmt)
    if serializer is None:
        raise KgError(Errors.E014, name=fmt, known=", ".join(GRAPH_FORMATS))
    write_atomic(Path(path), serializer(graph))


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8, or bytes) to a temporary file beside ``path``, then
    rename it to ``path``.

    Creates missing parent folders. Raises ``KgError`` E011 if the file cannot be written,
    leaving any earlier ``path`` as it was.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise KgError(Errors.E011, path=path, detail=error.strerror or error) from error


# --- the store ------------------------------------------------------------------------------

DEFAULT_STORE = Path("out") / "store"
STORE_NAMESPACE = "https://w3id.org/kg-conflict/store#"
ARTICLES_GRAPH = ox.NamedNode(f"{STORE_NAMESPACE}articles")
CONTENT_HASH = ox.NamedNode(f"{STORE_NAMESPACE}contentHash")
DATABASE_FILE = "CURRENT"  # every Oxigraph (RocksDB) database folder has one
LOCK_WAIT = 60.0  # seconds to wait for another process writing the store
ARTICLES_PER_PART = 64  # articles read into memory at a time (``article_graphs``)


class _OxigraphStore(OxigraphStore):
    """oxrdflib's store, giving string literals as rdflib makes them: ``"x"``, not ``"x"^^xsd:string``
    (the same literal in RDF 1.1, two in rdflib, which would then write and compare them apart).
    """

    def triples(self, triple_pattern: tuple, context: Graph | None = None) -> Iterator[tuple]:
        for (subject, predicate, value), contexts in super().triples(triple_pattern, context):
            if isinstance(value, Literal) and value.datatype == XSD.string:
                value = Literal(str(value))
            yield (subject, predicate, value), contexts


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a store folder (an Oxigraph database)."""
    return (Path(path) / DATABASE_FILE).is_file()


def open_graph(path: str | Path) -> Graph:
    """The graph at ``path``: a store folder opened for reading (its merged graph; SPARQL runs in
    Oxigraph), or a graph file read into memory (``load_graph``).

    Raises ``KgError``: as ``load_graph`` for a file; E022 for a folder that is not a store,
    E021 if the store cannot be opened.
    """
    if str(path).startswith(("http://", "https://")):
        return endpoint_graph(str(path))
    if Path(path).is_dir():
        return ArticleStore.open(path, read_only=True).graph()
    return load_graph(path)


def endpoint_graph(url: str) -> Graph:
    """The default graph of the SPARQL 1.1 Protocol endpoint at ``url`` (``kg serve``'s
    ``http://127.0.0.1:7878/query``, or any other), read-only, with kg's prefixes.
    """
    graph = Graph(store=SPARQLStore(query_endpoint=url, returnFormat="json", method="POST"))
    for prefix, namespace in new_graph().namespaces():
        graph.bind(prefix, namespace, override=True)
    return graph


def runs_sparql(graph: Graph) -> bool:
    """Whether a database runs ``graph``'s SPARQL queries, parsing their text itself: a store's
    graph (Oxigraph) or an endpoint's (``endpoint_graph``), not rdflib.
    """
    return isinstance(graph.store, _OxigraphStore | SPARQLStore)


def in_store(graph: Graph) -> bool:
    """Whether ``graph`` is a store's graph (``open_graph`` of a folder): Oxigraph answers its
    SPARQL queries, and it is best read article by article (``article_graphs``).
    """
    return isinstance(graph.store, _OxigraphStore)


def named_article_graphs(graph: Graph) -> list[Graph]:
    """A store's article graphs, each named ``<article IRI>/graph``, in the order of their names,
    read from the store as they are used.
    """
    hashes = URIRef(ARTICLES_GRAPH.value)
    names = sorted(name.identifier for name in graph.store.contexts() if name.identifier != hashes)
    return [Graph(store=graph.store, identifier=name) for name in names]


def article_graphs(graph: Graph, size: int = ARTICLES_PER_PART) -> Iterator[Graph]:
    """A store's graph as in-memory graphs of ``size`` articles each (their named graphs merged)."""
    named = named_article_graphs(graph)
    for start in range(0, len(named), size):
        part = new_graph()
        for article in named[start:start + size]:
            part += article
        yield part


def remove_articles(path: str | Path, doc_ids: list[str]) -> None:
    """Remove the articles ``doc_ids`` from the store at ``path`` (see ``ArticleStore.remove``);
    E006 or E022 if there is no store there.
    """
    with ArticleStore.open(path, create=False) as store:
        store.remove(doc_ids)


class ArticleStore:
    """kg's store of articles, a folder holding an Oxigraph database (see the module docstring).

    Open it with ``ArticleStore.open(path)``; close it (or use it as a context manager) to let
    another process write it.
    """

    def __init__(self, path: Path, database: ox.Store) -> None:
        self.path = path
        self.database = database

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, create: bool = True,
             wait: float = LOCK_WAIT) -> ArticleStore:
        """The store at ``path``, for reading or writing; for writing, if ``create``, made if
        ``path`` is missing or an empty folder, and waited for up to ``wait`` seconds while
        another writer has it open.

        Raises ``KgError``: E006 if there is no store to open, E022 if ``path`` is something else
        (a file, a folder of other files), E021 if the store cannot be opened.
        """
        path = Path(path)
        if not is_store(path):
            may_create = create and not read_only
            if path.exists() and not (may_create and path.is_dir() and not any(path.iterdir())):
                raise KgError(Errors.E022, path=path)
            if not may_create:
                raise KgError(Errors.E006, path=path)
        deadline = time.monotonic() + wait
        while True:
            try:
                if read_only:
                    return cls(path, ox.Store.read_only(str(path)))
                path.mkdir(parents=True, exist_ok=True)
                return cls(path, ox.Store(str(path)))
            except (OSError, RuntimeError) as error:  # RuntimeError: a database another process is creating
                if "lock" not in str(error).lower() or time.monotonic() > deadline:
                    raise KgError(Errors.E021, path=path, detail=" ".join(str(error).split())) from error
                time.sleep(0.2)

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the database (its lock, for another writer)."""
        del self.database

    def graph(self) -> Graph:
        """The merged graph of every article, as an rdflib graph over the store, with kg's prefixes."""
        graph = Graph(store=_OxigraphStore(store=self.database), identifier=DATASET_DEFAULT_GRAPH_ID)
        for prefix, namespace in new_graph().namespaces():
            graph.bind(prefix, namespace, override=True)
        return graph

    def article_graph(self, doc_id: str) -> Graph:
        """The graph of article ``doc_id`` (empty if the store does not hold it), in memory."""
        graph = new_graph()
        graph += Graph(store=_OxigraphStore(store=self.database), identifier=graph_name(article_iri(doc_id)))
        return graph

    def content_hash(self, doc_id: str) -> str | None:
        """The content hash the article ``doc_id`` was stored with; None if it is not stored."""
        article = ox.NamedNode(article_iri(doc_id))
        stored = next(self.database.quads_for_pattern(article, CONTENT_HASH, None, ARTICLES_GRAPH), None)
        return stored.object.value if stored else None

    def put(self, nquads: str, hashes: Mapping[str, str]) -> None:
        """Write the articles of ``nquads`` (one named graph per article, as ``kg.store.n_quads``
        writes them), each replacing its earlier graph in one transaction, with its content hash
        (``hashes`` by doc_id).

        Raises ``KgError`` E024 if the store cannot be written (the articles written before stay).
        """
        quads = ox.parse(input=nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        by_graph = {name: list(group) for name, group in itertools.groupby(quads, key=lambda quad: quad.graph_name)}
        for doc_id, content_hash in hashes.items():
            name = ox.NamedNode(graph_name(article_iri(doc_id)))
            triples = [quad.triple for quad in by_graph.get(name, [])]
            self._update(doc_id, self._replace(doc_id, triples, content_hash))
        self.database.flush()  # else the database's write buffers grow with every article of a build

    def remove(self, doc_ids: list[str]) -> None:
        """Remove the articles ``doc_ids``, each in one transaction; the others stay whole.

        Raises ``KgError``: E023 (before removing any) if the store does not hold one of them,
        E024 if the store cannot be written.
        """
        for doc_id in doc_ids:
            if self.content_hash(doc_id) is None:
                raise KgError(Errors.E023, path=self.path, doc_id=doc_id)
        for doc_id in doc_ids:
            self._update(doc_id, self._replace(doc_id, [], None))

    def _replace(self, doc_id: str, triples: list[ox.Triple], content_hash: str | None) -> str:
        """The SPARQL update that replaces article ``doc_id``'s graph by ``triples`` and its hash
        by ``content_hash`` (none and None: removes the article).

        The triples of its old graph that no other article's graph holds leave the default graph.
        """
        article = ox.NamedNode(article_iri(doc_id))
        name = ox.NamedNode(graph_name(article_iri(doc_id)))
        kept = set(triples)
        orphans = [quad.triple for quad in self.database.quads_for_pattern(None, None, None, name)
                   if quad.triple not in kept and not self._elsewhere(quad.triple, name)]
        lines = "\n".join(f"{triple} ." for triple in triples)
        operations = [
            f"DELETE DATA {{ {' '.join(f'{triple} .' for triple in orphans)} }}",
            f"DROP SILENT GRAPH {name}",
            f"DELETE WHERE {{ GRAPH {ARTICLES_GRAPH} {{ {article} {CONTENT_HASH} ?hash }} }}",
        ]
        if content_hash is not None:
            stamp = ox.Triple(article, CONTENT_HASH, ox.Literal(content_hash))
            operations.append(f"INSERT DATA {{ GRAPH {name} {{\n{lines}\n}}\n{lines}\n"
                              f"GRAPH {ARTICLES_GRAPH} {{ {stamp} . }} }}")
        return " ;\n".join(operations)

    def _elsewhere(self, triple: ox.Triple, name: ox.NamedNode) -> bool:
        """Whether an article graph other than ``name`` holds ``triple``."""
        quads = self.database.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)
        return any(isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name != name for quad in quads)

    def _update(self, doc_id: str, update: str) -> None:
        """Run one SPARQL update, one transaction (E024 if it fails)."""
        try:
            self.database.update(update)
        except (OSError, SyntaxError) as error:
            raise KgError(Errors.E024, path=self.path, detail=f"article {doc_id!r}: {error}") from error
