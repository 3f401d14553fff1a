"""Incremental builds: adding one article to a store of 100,000 articles.

    .venv/bin/python benchmarks/incremental.py [--articles 100000] [--cap SECONDS]

The store holds ``--articles`` synthetic articles (``kg.synthetic``), bulk-loaded in the store's
layout with their content hashes (see ``common.synthetic_store``; kept in out/bench/cache, it
takes minutes to make). Timed, building one new article, validating as ``kg build`` does:

- in this process, ``kg.pipeline.build([file], store=ArticleStore.open(dir), keep_graph=False,
  validate=True)``, kg's model loaded before (the first build also parses the SHACL shapes, once
  per process; the second is warm);
- as a whole ``kg build FILE --store DIR --no-progress`` command, start-up included; and the same
  command for an article the store holds unchanged (start-up and the hash check only);
- in this process, a re-run over every article of the store, all unchanged (reading them and
  checking their hashes), stopped at ``--cap`` seconds.

Goal: adding one article <= 1 s. The new articles are removed from the store afterwards.
A benchmark, not a test: it never fails on timing.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import Section, capped, kg_command, met, run_measured, script_main, seconds, synthetic_store, timed

from kg import synthetic
from kg.pipeline import build, nlp
from kg.store import ArticleStore

GOAL = 1.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of this benchmark."""
    parser.add_argument("--articles", type=int, default=100_000, help="articles in the store (default: 100000)")
    parser.add_argument("--cap", type=float, default=60.0,
                        help="seconds the re-run of all unchanged articles may take (default: 60)")


def build_one(store_path: Path, articles: Path) -> float:
    """Seconds ``kg.pipeline.build`` takes to build ``articles`` into the store, opening it included."""

    def work() -> None:
        """Open the store, build, close."""
        with ArticleStore.open(store_path) as store:
            result = build([articles], store=store, keep_graph=False, validate=True, progress=False)
        assert result.problems == [] and result.conforms, result.report

    return timed(work)[0]


def remove_new(store_path: Path, doc_ids: list[str]) -> None:
    """Remove those of ``doc_ids`` the store holds."""
    with ArticleStore.open(store_path) as store:
        held = [doc_id for doc_id in doc_ids if store.content_hash(doc_id) is not None]
        if held:
            store.remove(held)


def run(options: argparse.Namespace) -> list[Section]:
    """Time the incremental builds."""
    count = options.articles
    store, made = synthetic_store(count)
    new = [synthetic.article(number).doc_id for number in range(count, count + 3)]
    remove_new(store, new)  # left by an interrupted run
    section = Section(f"Incremental build into a store of {count:,} articles",
                      ["build", "wall time", f"goal <= {GOAL:g} s"])
    nlp()("Warm-up.")  # kg's model, loaded once per process
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        files = [synthetic.write_jsonl(folder / f"new-{index}.jsonl", 1, start=count + index) for index in range(3)]
        try:
            for label, index in (("first in this process (shapes parsed)", 0), ("second, warm", 1)):
                elapsed = build_one(store, files[index])
                section.add(f"1 new article, `kg.pipeline.build` in process, {label}", seconds(elapsed),
                            met(elapsed <= GOAL))
            command = [*kg_command(), "build", files[2], "--store", store, "--no-progress"]
            measured = run_measured(command)
            section.add("1 new article, whole `kg build` command (start-up included)", seconds(measured.seconds),
                        met(measured.seconds <= GOAL))
            measured = run_measured(command)
            section.add("the same article again, unchanged: `kg build` start-up and hash check",
                        seconds(measured.seconds), "-")
            every = synthetic.write_jsonl(folder / "all.jsonl", count)
            with ArticleStore.open(store) as opened:
                rerun = capped(lambda: build([every], store=opened, keep_graph=False, validate=True,
                                             progress=False), options.cap)
            section.add(f"re-run of all {count:,} articles, unchanged, in process", seconds(rerun, options.cap), "-")
        finally:
            remove_new(store, new)
    section.notes.append("The store: " + (f"made (or its content hashes rewritten, kg having changed) in "
                                          f"{seconds(made)} by this run" if made
                                          else "made by an earlier run (kept in out/bench/cache)") + ".")
    return [section]


def main() -> None:
    """Run the benchmark and print its table."""
    script_main(__doc__, add_arguments, run)


if __name__ == "__main__":
    main()
