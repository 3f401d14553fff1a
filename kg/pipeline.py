"""Articles to graph: read, skip what the store already holds, extract in chunks, write.

A build reads the articles, skips those a store holds unchanged (same content hash), and hands
the others, in chunks of ``CHUNK_SIZE``, to an engine: ``local_engine`` here, or a Dask cluster
(``kg.distributed``). Each chunk is turned into N-Quads by ``build_chunk``, a pure function
(the same articles always give the same text), validated with the SHACL shapes when asked, and
written to the store article by article, so that a build's cost grows with the articles it
builds, not with the store.
"""

from __future__ import annotations

import functools
import hashlib
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from kg import graph as rdf
from kg.articles import read_articles
from kg.dataset import Triple
from kg.errors import KgError
from kg.files import add_quads, n_quads
from kg.records import Article
from kg.resources import MODEL, PACKAGE_DIR
from kg.store import ArticleStore
from kg.validate import Finding, findings_text
from kg.validate import validate as validate_graph

if TYPE_CHECKING:
    from spacy.language import Language
    from tqdm import tqdm

BATCH_SIZE = 32  # texts per spaCy batch
CHUNK_SIZE = 64  # articles per chunk: an engine's unit of work, and of validation


@dataclass(frozen=True)
class Chunk:
    """What ``build_chunk`` makes of a chunk of articles: their graphs as N-Quads (one named
    graph per article), how many events they report, and the SHACL findings if validated.
    """

    nquads: str
    events: int
    findings: frozenset[Finding] = frozenset()


Engine = Callable[[Iterable[list[Article]], bool], Iterator[tuple[list[Article], Chunk]]]
"""Runs ``build_chunk(chunk, validate)`` over chunks of articles, yielding each chunk with what it
gave (in any order)."""


@dataclass
class BuildResult:
    """What a build did: the graph of its articles (when kept), how many articles it built and
    found unchanged in the store, their events, the problems met (one per skipped input) and the
    SHACL findings of the articles it built (when validated).
    """

    graph: Graph | None
    articles: int = 0
    unchanged: int = 0
    events: int = 0
    problems: list[KgError] = field(default_factory=list)
    findings: set[Finding] = field(default_factory=set)

    @property
    def conforms(self) -> bool:
        """Whether no article built breaks a shape (always, if not validated)."""
        return all(severity != "Violation" for severity, _ in self.findings)

    @property
    def report(self) -> str:
        """The SHACL report of the articles built, as ``kg validate`` prints one."""
        return findings_text(self.findings)


def build(
    paths: Sequence[str | Path],
    *,
    store: ArticleStore | None = None,
    keep_graph: bool = True,
    validate: bool = False,
    engine: Engine | None = None,
    chunk_size: int | None = None,
    progress: bool | None = None,
) -> BuildResult:
    """Build the articles in ``paths`` (files or folders, ``.txt`` and ``.jsonl`` mixed).

    With a ``store``, every article is written to it, and those it holds unchanged are not built
    again. ``keep_graph`` keeps the graph of all the articles read in ``BuildResult.graph``
    (the unchanged ones read back from the store); without it, nothing grows with the number of
    articles. ``validate`` checks each chunk against the SHACL shapes. ``engine`` (default:
    ``local_engine``) runs the chunks of ``chunk_size`` articles (default: ``CHUNK_SIZE``).
    Unreadable articles are skipped and recorded in ``problems``. ``progress`` shows a progress
    bar (default: only when stderr is a terminal).
    """
    result = BuildResult(graph=rdf.new_graph() if keep_graph else None)
    articles = read_articles(paths, result.problems)
    chunks = _batches(_changed(articles, store, result), chunk_size or CHUNK_SIZE)
    with _progress_bar(paths, progress) as bar:
        for built, chunk in (engine or local_engine)(chunks, validate):
            if store is not None:
                store.put(chunk.nquads, {article.doc_id: content_hash(article) for article in built})
            if result.graph is not None:
                add_quads(result.graph, "nquads", data=chunk.nquads)
            result.articles += len(built)
            result.events += chunk.events
            result.findings |= chunk.findings
            bar.update(result.articles + result.unchanged - bar.n)
        bar.update(result.articles + result.unchanged - bar.n)
    return result


def local_engine(chunks: Iterable[list[Article]], validate: bool) -> Iterator[tuple[list[Article], Chunk]]:
    """Build the chunks one after the other in this process."""
    for chunk in chunks:
        yield chunk, build_chunk(chunk, validate)


def build_chunk(articles: Sequence[Article], validate: bool = False) -> Chunk:
    """The graphs of ``articles`` as N-Quads, one named graph per article in their order (each as
    ``kg.files.n_quads`` writes it), with the number of events and, if ``validate``, the findings
    of the SHACL shapes on the chunk. A pure function: an engine may run it anywhere.
    """
    from kg.extract import extract_events  # spaCy: imported by the builds that build, not by those that skip

    merged = rdf.new_graph()
    parts = []
    events = 0
    docs = nlp().pipe((article.text for article in articles), batch_size=BATCH_SIZE)
    for article, doc in zip(articles, docs, strict=True):
        triples: set[Triple] = set()  # quicker to fill than an rdflib graph
        found = extract_events(doc, article)
        rdf.add_document(triples, article, found)
        parts.append(n_quads(triples))
        events += len(found)
        if validate:
            merged += triples
    return Chunk("".join(parts), events, validate_graph(merged, inplace=True).findings if validate else frozenset())


_thread = threading.local()


def nlp() -> Language:
    """spaCy's model with kg's components, loaded once per thread (a pipeline is not thread-safe,
    and a Dask worker runs tasks in threads).
    """
    from kg.nlp import make_nlp

    if not hasattr(_thread, "nlp"):
        _thread.nlp = make_nlp()
    return _thread.nlp


def content_hash(article: Article) -> str:
    """A hash of everything an article's graph is made from: its fields (not the file it was
    read from) and kg's own code and data (``code_fingerprint``). Equal hashes, equal graphs.
    """
    fields = [code_fingerprint(), article.doc_id, article.text, str(article.date), article.date_precision,
              article.url or "", article.title or "", article.outlet or ""]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """A hash of kg's package files (its code, lexicons and gazetteer data) and of the spaCy
    model's version: changed, every article is built again.
    """
    digest = hashlib.sha256(f"{MODEL} {version(MODEL)}".encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _changed(articles: Iterable[Article], store: ArticleStore | None, result: BuildResult) -> Iterator[Article]:
    """The articles that ``store`` does not hold as they are; the others are counted in
    ``result.unchanged`` and their stored graphs added to ``result.graph``.
    """
    for article in articles:
        if store is None or store.content_hash(article.doc_id) != content_hash(article):
            yield article
            continue
        result.unchanged += 1
        if result.graph is not None:
            result.graph += store.article_graph(article.doc_id)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _progress_bar(paths: Sequence[str | Path], show: bool | None) -> tqdm:
    """A tqdm bar of the articles built or found unchanged, out of those in ``paths`` (counted
    first: reading is quick beside building); shown only if ``show``, by default when stderr is
    a terminal (tqdm comes with spaCy).
    """
    from tqdm import tqdm

    if show is None:
        show = sys.stderr.isatty()
    total = sum(1 for _ in read_articles(paths, [])) if show else None
    return tqdm(total=total, unit="article", desc="kg build", disable=not show)
