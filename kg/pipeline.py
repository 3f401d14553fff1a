"""Articles to graph: read, run the spaCy pipeline in batches, extract events, map to RDF."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg import graph as rdf
from kg.articles import read_articles
from kg.errors import KgError
from kg.extract import extract_events
from kg.nlp import make_nlp

BATCH_SIZE = 32


@dataclass
class BuildResult:
    """The graph built, how much went into it, and the problems met (one per skipped input)."""

    graph: Graph
    articles: int = 0
    events: int = 0
    problems: list[KgError] = field(default_factory=list)


def build(paths: Sequence[str | Path], *, progress: bool | None = None) -> BuildResult:
    """Build a graph from articles in ``paths`` (files or folders, ``.txt`` and ``.jsonl`` mixed).

    Unreadable articles are skipped and recorded in ``problems``; everything else is built.
    ``progress`` shows a progress bar (default: only when stderr is a terminal).
    """
    result = BuildResult(graph=rdf.new_graph())
    articles = list(read_articles(paths, result.problems))
    if not articles:
        return result
    nlp = make_nlp()
    docs = nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE)
    for article, doc in _progress(zip(articles, docs, strict=True), len(articles), progress):
        events = extract_events(doc, article)
        rdf.add_document(result.graph, article, events)
        result.articles += 1
        result.events += len(events)
    return result


def _progress(items: Iterable, total: int, show: bool | None) -> Iterable:
    """Wrap ``items`` in a tqdm bar on a terminal (tqdm comes with spaCy)."""
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="article", desc="kg build")
