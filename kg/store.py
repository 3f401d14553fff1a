"""kg's store: a folder holding an on-disk Oxigraph database of articles (``ArticleStore``).

``open_graph`` opens a store, a graph file (``kg.files``) or a SPARQL endpoint alike: the
functions that take a graph (``kg.query``, ``kg.export``, ``kg.network``, ``kg.validate``) take
all three. A store holds:

- one named graph per article, ``<article IRI>/graph``, as ``kg.dataset`` splits a graph;
- the default graph, the merge of the article graphs: what SPARQL queries see, each triple once
  (Oxigraph's union of named graphs would repeat a place described by two articles);
- the graph ``store:articles`` (``https://w3id.org/kg-conflict/store#``): each article's content
  hash (``kg.pipeline.content_hash``), so that a build skips the articles it already holds.

Each article is written, replaced or removed in one transaction (one SPARQL update): a build
killed half-way leaves every article either whole or as it was. One process writes a store at
a time, holding the lock file ``kg.lock`` in its folder (a second waits for it, up to
``LOCK_WAIT`` seconds); any number read it.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.dataset import graph_name
from kg.errors import Errors, KgError
from kg.files import load_graph
from kg.graph import article_iri, new_graph

DEFAULT_STORE = Path("out") / "store"
STORE_NAMESPACE = "https://w3id.org/kg-conflict/store#"
ARTICLES_GRAPH = ox.NamedNode(f"{STORE_NAMESPACE}articles")
CONTENT_HASH = ox.NamedNode(f"{STORE_NAMESPACE}contentHash")
DATABASE_FILE = "CURRENT"  # every Oxigraph (RocksDB) database folder has one
LOCK_FILE = "kg.lock"  # held (flock) by the process writing the store
LOCK_WAIT = 60.0  # seconds to wait for another process writing the store
# Articles written between two openings of the database: RocksDB's caches, which pyoxigraph gives
# no way to size, grow with the store until they are released (10,000 articles: +31% peak memory
# against 100 when never reopened, +18% when reopened every 512; no slower)
REOPEN_EVERY = 512
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


def _holds_no_database(folder: Path) -> bool:
    """Whether ``folder`` is empty but for a lock file (a writer stopped before making the database)."""
    return all(entry.name == LOCK_FILE for entry in folder.iterdir())


_HELD_LOCKS: set[int] = set()  # descriptors of the lock files this process holds


def _lock(folder: Path) -> int:
    """The descriptor of ``folder``'s lock file, locked for this process; ``BlockingIOError`` (an
    ``OSError`` naming the lock) if another holds it.
    """
    descriptor = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        os.close(descriptor)
        raise BlockingIOError(f"lock {folder / LOCK_FILE} held: another process writes the store") from error
    _HELD_LOCKS.add(descriptor)
    return descriptor


def _unlock(descriptor: int) -> None:
    """Release a lock file this process holds (nothing if a fork left it to the parent)."""
    if descriptor in _HELD_LOCKS:
        _HELD_LOCKS.discard(descriptor)
        os.close(descriptor)


def _leave_locks_to_parent() -> None:
    """In a forked child: drop the parent's lock files, which would else stay held (a flock
    belongs to the open file, shared with the child) until the child too has ended."""
    for descriptor in _HELD_LOCKS:
        os.close(descriptor)
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_leave_locks_to_parent)


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
    return database(graph) is not None


def database(graph: Graph) -> ox.Store | None:
    """The Oxigraph database under a store's graph (``open_graph`` of a folder); None for any
    other graph.
    """
    return graph.store._inner if isinstance(graph.store, _OxigraphStore) else None


def memory_database(graph: Graph) -> ox.Store:
    """An in-memory Oxigraph database whose default graph holds ``graph``'s triples."""
    copy = ox.Store()
    copy.bulk_load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return copy


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

    def __init__(self, path: Path, database: ox.Store, lock: int | None = None) -> None:
        self.path = path
        self.database = database
        self._lock = lock  # the lock file's descriptor, when writing
        self._written = 0  # articles written since the database was opened

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
            if path.exists() and not (may_create and path.is_dir() and _holds_no_database(path)):
                raise KgError(Errors.E022, path=path)
            if not may_create:
                raise KgError(Errors.E006, path=path)
        deadline = time.monotonic() + wait
        lock = None
        while True:
            try:
                if read_only:
                    return cls(path, ox.Store.read_only(str(path)))
                if lock is None:
                    path.mkdir(parents=True, exist_ok=True)
                    lock = _lock(path)
                return cls(path, ox.Store(str(path)), lock)
            except (OSError, RuntimeError) as error:  # RuntimeError: a database another process is creating
                if "lock" not in str(error).lower() or time.monotonic() > deadline:
                    if lock is not None:
                        _unlock(lock)
                    raise KgError(Errors.E021, path=path, detail=" ".join(str(error).split())) from error
                time.sleep(0.2)

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the database and its lock (for another writer); again, nothing."""
        if hasattr(self, "database"):
            del self.database
        if self._lock is not None:
            _unlock(self._lock)
            self._lock = None

    def is_empty(self) -> bool:
        """Whether the store holds no article."""
        return next(self.database.quads_for_pattern(None, None, None, ARTICLES_GRAPH), None) is None

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
        """Write the articles of ``nquads`` (one named graph per article, as ``kg.files.n_quads``
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
        self._written += len(hashes)
        if self._written >= REOPEN_EVERY and sys.getrefcount(self.database) <= 2:  # none but this holds it
            self._reopen()

    def _reopen(self) -> None:
        """Close and open the database again, releasing RocksDB's caches; the lock file stays held,
        so that no other writer comes in between (E021 if it cannot be opened again). Only done
        while no graph of ``graph()`` holds the database, which would keep it open.
        """
        del self.database
        self._written = 0
        try:
            self.database = ox.Store(str(self.path))
        except (OSError, RuntimeError) as error:
            raise KgError(Errors.E021, path=self.path, detail=" ".join(str(error).split())) from error

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
