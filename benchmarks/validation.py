"""SHACL validation: chunk by chunk, as a build validates, against the whole graph at once.

    .venv/bin/python benchmarks/validation.py [--articles 2500 25000] [--chunks N] [--cap SECONDS]

``kg build`` validates each chunk of 64 articles it builds (``kg.pipeline.build_chunk`` with
``validate=True``: the chunk's graphs merged, then ``kg.validate.validate``), so that validation
grows with the articles built, not with the store. For synthetic graphs of about 100,000 and
1,000,000 triples (2,500 and 25,000 articles of ``kg.synthetic``) this times ``validate`` on
``--chunks`` chunks of 64 articles spread over the graph, made as a build makes them, and on the
whole graph at once (``kg.synthetic.graph``), stopped at ``--cap`` seconds; the whole larger graph
is not validated when the smaller one ran into the cap already. Goal: the per-article cost the
same at both sizes.

A benchmark, not a test: it never fails on timing.
"""

from __future__ import annotations

import argparse
import statistics

from common import Section, capped, script_main, seconds, synthetic_graph, timed
from rdflib import Graph

from kg import synthetic
from kg.graph import add_document, new_graph
from kg.pipeline import CHUNK_SIZE
from kg.validate import validate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of this benchmark."""
    parser.add_argument("--articles", type=int, nargs="+", default=[2_500, 25_000],
                        help="synthetic articles of each graph (default: 2500 25000, ~100k and ~1M triples)")
    parser.add_argument("--chunks", type=int, default=2, help="chunks of 64 articles timed per size (default: 2)")
    parser.add_argument("--cap", type=float, default=30.0,
                        help="seconds the whole-graph validation may take (default: 30)")


def chunk_graph(start: int, size: int = CHUNK_SIZE) -> Graph:
    """The merged graph of synthetic articles ``start`` to ``start + size - 1``, as ``build_chunk``
    merges the graphs of a chunk (each article's graph made apart, then added).
    """
    merged = new_graph()
    for number in range(start, start + size):
        graph = new_graph()
        item = synthetic.article(number)
        add_document(graph, item, synthetic.events(item, number))
        merged += graph
    return merged


def run(options: argparse.Namespace) -> list[Section]:
    """Time chunk-by-chunk and whole-graph validation at each size."""
    section = Section("SHACL validation (`kg.validate.validate`)",
                      ["graph", "per chunk of 64 articles", "per article, by chunks", "whole graph at once",
                       "per article, whole graph"])
    validate(chunk_graph(0, 1))  # shapes parsed (once per process) before timing
    counts = sorted(options.articles)
    chunks = {}  # the chunks first, before any whole graph is in memory
    for count in counts:
        starts = [round(index * (count - CHUNK_SIZE) / max(1, options.chunks - 1)) for index in range(options.chunks)]
        chunk_times = []
        for start in starts:
            graph = chunk_graph(start)
            elapsed, result = timed(lambda graph=graph: validate(graph))
            assert result.conforms, result.text
            chunk_times.append(elapsed)
        chunks[count] = statistics.mean(chunk_times)
    per_article = [chunk / CHUNK_SIZE for chunk in chunks.values()]
    over_cap = False
    for count in counts:
        chunk = chunks[count]
        label = f"{count:,} articles"
        if over_cap:  # the graph is not even made: a minute for 1M triples
            whole, shown = None, f"not run (> {options.cap:g} s on a smaller graph)"
        else:
            memory = synthetic_graph(count)
            label += f", {len(memory):,} triples"
            whole = capped(lambda memory=memory: validate(memory), options.cap)
            shown = seconds(whole, options.cap)
            over_cap = whole is None
        whole_per_article = f"{(whole or options.cap) / count * 1000:.1f} ms"
        section.add(label, seconds(chunk),
                    f"{chunk / CHUNK_SIZE * 1000:.1f} ms", shown,
                    whole_per_article if whole is not None else f"> {whole_per_article}")
    spread = max(per_article) / min(per_article) - 1
    section.notes += [
        f"Chunks: the mean of {options.chunks} chunks of {CHUNK_SIZE} articles spread over each graph (a build "
        f"validates the chunks it builds and nothing else). Per-article cost by chunks differs by {spread:.0%} "
        "between the sizes (goal: the same; a chunk's graph does not depend on the store's size).",
        "Whole graph: what validating the store after each build would cost instead (kg does not do it).",
    ]
    return [section]


def main() -> None:
    """Run the benchmark and print its table."""
    script_main(__doc__, add_arguments, run)


if __name__ == "__main__":
    main()
