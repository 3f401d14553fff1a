"""Build throughput: kg's build against the bare spaCy model, side by side in one run.

    .venv/bin/python benchmarks/throughput.py [ARTICLES.jsonl ...] [--repeat N] [--validated N] [--rounds N]

Words per second of ``nlp.pipe`` with the bare model and of kg's build (``kg.pipeline.build``:
the model, kg's components, extraction, mapping to RDF and the N-Quads of each article; no store,
no validation) over the same texts, and their ratio (goal: kg >= 0.8 x spaCy):

- in one process: ``nlp.pipe`` against ``build`` with its local engine;
- in two processes: ``nlp.pipe(n_process=2)`` against ``build`` with an engine that hands the
  chunks to a pool of two forked processes (as spaCy forks its two), each running kg's
  ``build_chunk``; both timings include starting the processes;
- in one process, kg's extraction and mapping alone (each article's triples made, no N-Quads);
- in one process, with SHACL validation (as ``kg build`` runs by default), on the first
  ``--validated`` articles only (it is slow), against ``nlp.pipe`` of those texts.

Each speed is the best of ``--rounds`` runs (default 2): on a shared machine, a few rounds keep
another process's load out of the ratios.

Without inputs it reads the development sets in ../shared/eval/dev, else the seed article.
A benchmark, not a test: it never fails on timing.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import spacy
from common import DEV, ROOT, Section, best_of, script_main

from kg import graph as rdf
from kg.articles import read_articles
from kg.extract import extract_events
from kg.pipeline import BATCH_SIZE, Chunk, Engine, build, build_chunk, nlp
from kg.records import Article
from kg.resources import MODEL

GOAL = 0.8


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of this benchmark."""
    parser.add_argument("inputs", nargs="*", help="articles (.txt/.jsonl files or folders)")
    parser.add_argument("--repeat", type=int, default=1, help="read the texts this many times")
    parser.add_argument("--validated", type=int, default=128,
                        help="articles for the row with SHACL validation (default: 128, two chunks)")
    parser.add_argument("--processes", type=int, default=2, help="processes of the parallel rows (default: 2)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each measurement, the best kept (default: 2)")


def write_articles(path: Path, articles: Iterable[Article]) -> Path:
    """Write ``articles`` to ``path`` as JSONL, as ``kg build`` reads them."""
    with path.open("w", encoding="utf-8") as file:
        for article in articles:
            date = article.date.isoformat()[: {"day": 10, "month": 7, "year": 4}[article.date_precision]] \
                if article.date else None
            file.write(json.dumps({"doc_id": article.doc_id, "text": article.text, "date": date, "url": article.url,
                                   "title": article.title, "outlet": article.outlet}) + "\n")
    return path


def _build_job(job: tuple[list[Article], bool]) -> tuple[list[Article], Chunk]:
    """A pool worker's task: ``build_chunk`` of one chunk."""
    chunk, validate = job
    return chunk, build_chunk(chunk, validate)


def pool_engine(processes: int) -> Engine:
    """An engine building the chunks in a pool of ``processes`` forked processes (kg's model, loaded
    in this process before, comes with the fork), yielding them as they are done.
    """

    def engine(chunks: Iterable[list[Article]], validate: bool) -> Iterator[tuple[list[Article], Chunk]]:
        """Hand the chunks to the pool; yield each as it comes back."""
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            yield from pool.imap_unordered(_build_job, ((chunk, validate) for chunk in chunks))

    return engine


def run(options: argparse.Namespace) -> list[Section]:
    """Measure spaCy and kg side by side, in one and in several processes."""
    inputs = options.inputs or sorted(DEV.glob("*_articles.jsonl")) or [ROOT / "seeds"]
    read = list(read_articles(inputs, []))
    articles = [replace(article, doc_id=f"{article.doc_id}#{copy}") if copy else article
                for copy in range(options.repeat) for article in read]
    texts = [article.text for article in articles]
    words = sum(len(text.split()) for text in texts)
    model = spacy.load(MODEL)
    nlp()(texts[0])  # both models loaded before timing; kg's gazetteer too
    section = Section(f"Build throughput ({len(articles)} articles, {words:,} words)",
                      ["processes", "spaCy `nlp.pipe` words/s", "kg words/s", "kg / spaCy", f"goal >= {GOAL}"])

    def add(label: str, spacy_speed: float, kg_speed: float, goal: bool = True) -> None:
        """A row: both speeds, their ratio, and the goal when it applies."""
        section.add(label, f"{spacy_speed:,.0f}", f"{kg_speed:,.0f}", f"{kg_speed / spacy_speed:.2f}",
                    ("met" if kg_speed >= GOAL * spacy_speed else "missed") if goal else "-")

    def words_per_second(words: int, work: Callable[[], object]) -> float:
        """Words per second of the fastest of ``--rounds`` runs of ``work()`` over texts of ``words`` words."""
        return words / best_of(work, options.rounds)

    def bare(texts: list[str], processes: int = 1) -> Callable[[], object]:
        """The bare model over ``texts``, in ``processes`` processes."""
        return lambda: sum(1 for _ in model.pipe(texts, batch_size=BATCH_SIZE, n_process=processes))

    def extraction_only() -> None:
        """kg's extraction and mapping, each article's triples in a set as ``build_chunk`` makes
        them, without their N-Quads."""
        for article, doc in zip(articles, nlp().pipe(texts, batch_size=BATCH_SIZE), strict=True):
            rdf.add_document(set(), article, extract_events(doc, article))

    with tempfile.TemporaryDirectory() as folder:
        path = write_articles(Path(folder) / "articles.jsonl", articles)
        subset = write_articles(Path(folder) / "subset.jsonl", articles[: options.validated])
        subset_texts = texts[: options.validated]
        subset_words = sum(len(text.split()) for text in subset_texts)
        spacy_speed = words_per_second(words, bare(texts))
        add("1 (`kg.pipeline.build`, no validation)", spacy_speed,
            words_per_second(words, lambda: build([path], keep_graph=False, progress=False)))
        processes = options.processes
        add(f"{processes} (`n_process={processes}`; `build` on a pool of {processes})",
            words_per_second(words, bare(texts, processes)),
            words_per_second(words, lambda: build([path], keep_graph=False, progress=False,
                                                  engine=pool_engine(processes))))
        add("1 (extraction and mapping only, no N-Quads)", spacy_speed, words_per_second(words, extraction_only),
            goal=False)
        if subset_texts:  # --validated 0: no validation row
            add(f"1 (`build` with SHACL validation, first {len(subset_texts)} articles, {subset_words:,} words)",
                words_per_second(subset_words, bare(subset_texts)),
                words_per_second(subset_words, lambda: build([subset], keep_graph=False, validate=True,
                                                             progress=False)))
    runs = "one run" if options.rounds == 1 else f"the best of {options.rounds} runs"
    section.notes += [
        f"Model {MODEL}, batches of {BATCH_SIZE} texts; kg builds chunks of 64 articles. Each speed is {runs}, "
        "spaCy's measured just before kg's over the same texts (the extraction-only row reuses the first row's).",
        "The goal is read against the rows without validation; the others show where kg's time goes.",
    ]
    return [section]


def main() -> None:
    """Run the benchmark and print its table."""
    script_main(__doc__, add_arguments, run)


if __name__ == "__main__":
    main()
