"""Build throughput: kg's whole extraction against the bare spaCy model, side by side in one run.

    .venv/bin/python benchmarks/throughput.py [ARTICLES.jsonl ...] [--repeat N]

Prints words per second of ``nlp.pipe`` with the bare model and of kg (model, kg's components,
extraction and mapping to RDF) over the same texts, and their ratio (goal: kg >= 0.8 x spaCy).
Without inputs it reads the development sets in ../shared/eval/dev, else the seed article.
A benchmark, not a test: it never fails on timing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from kg import graph as rdf
from kg.articles import read_articles
from kg.extract import extract_events
from kg.nlp import MODEL, make_nlp
from kg.pipeline import BATCH_SIZE

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"


def words_per_second(texts: list[str], work) -> float:
    """Words per second of ``work(texts)``."""
    words = sum(len(text.split()) for text in texts)
    start = time.perf_counter()
    work(texts)
    return words / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", help="articles (.txt/.jsonl files or folders)")
    parser.add_argument("--repeat", type=int, default=1, help="read the texts this many times")
    args = parser.parse_args()
    inputs = args.inputs or sorted(DEV.glob("*_articles.jsonl")) or [ROOT / "seeds"]
    articles = list(read_articles(inputs, [])) * args.repeat
    texts = [a.text for a in articles]

    def kg_build(texts: list[str]) -> None:
        graph = rdf.new_graph()
        for article, doc in zip(articles, make_nlp().pipe(texts, batch_size=BATCH_SIZE), strict=True):
            rdf.add_document(graph, article, extract_events(doc, article))

    model = spacy.load(MODEL)

    def bare(texts: list[str]) -> None:
        for _ in model.pipe(texts, batch_size=BATCH_SIZE):
            pass

    make_nlp()(texts[0])  # both loaded before timing; kg's gazetteer too
    spacy_speed = words_per_second(texts, bare)
    kg_speed = words_per_second(texts, kg_build)
    print(f"{len(texts)} articles, {sum(len(t.split()) for t in texts)} words")
    print(f"spaCy {MODEL}: {spacy_speed:,.0f} words/s")
    print(f"kg build:      {kg_speed:,.0f} words/s")
    print(f"ratio kg/spaCy: {kg_speed / spacy_speed:.2f} (goal >= 0.80)")


if __name__ == "__main__":
    main()
