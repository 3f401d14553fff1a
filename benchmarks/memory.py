"""Memory: the peak resident memory of ``kg build`` into a store, for a few and for many articles.

    .venv/bin/python benchmarks/memory.py [--articles 100 10000] [--budget SECONDS]

Runs ``kg build FILE --store DIR --no-progress`` (validating, as by default; no ``-o``, which would
keep the graph in memory) as a child process on ``kg.synthetic`` articles and reads its own peak
RSS (``wait4``). A streaming build takes the same memory for many articles as for few (goal: within
20%). Building many takes a while: the rate is measured from builds of 100 and 200 articles first,
and the large build is cut down to what fits in ``--budget`` seconds (said in the table).

A benchmark, not a test: it never fails on timing or memory.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import Measured, Section, kg_command, mebibytes, met, run_measured, script_main, seconds

from kg import synthetic

GOAL = 0.20
PROBES = (100, 200)
STEP = 500  # the large build's size is rounded down to a multiple of this


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of this benchmark."""
    parser.add_argument("--articles", type=int, default=10_000, help="articles of the large build (default: 10000)")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds the large build may take, by the measured rate (default: 60)")


def build(folder: Path, count: int) -> Measured:
    """``kg build`` of ``count`` synthetic articles into a new store in ``folder``."""
    articles = synthetic.write_jsonl(folder / f"articles-{count}.jsonl", count)
    measured = run_measured([*kg_command(), "build", articles, "--store", folder / f"store-{count}", "--no-progress"])
    if measured.returncode != 0:
        raise RuntimeError(f"kg build of {count} articles failed ({measured.returncode}): {measured.output[-500:]}")
    return measured


def run(options: argparse.Namespace) -> list[Section]:
    """Measure the builds, the large one cut down to the budget."""
    section = Section("Peak memory of `kg build --store` (validating)",
                      ["articles", "peak RSS", "wall time (start-up included)", "articles/s",
                       "RSS against 100 articles"])
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        runs = {count: build(folder, count) for count in PROBES}
        rate = (PROBES[1] - PROBES[0]) / max(runs[PROBES[1]].seconds - runs[PROBES[0]].seconds, 1e-3)
        fits = int(rate * options.budget) // STEP * STEP
        large = max(STEP, min(options.articles, fits))
        runs[large] = build(folder, large)
    smallest = runs[PROBES[0]].peak_rss
    for count, measured in sorted(runs.items()):
        growth = measured.peak_rss / smallest - 1
        section.add(f"{count:,}", mebibytes(measured.peak_rss), seconds(measured.seconds),
                    f"{count / measured.seconds:,.1f}", f"{growth:+.0%}")
    growth = runs[large].peak_rss / smallest - 1
    section.notes.append(f"Goal: {large:,} articles within {GOAL:.0%} of {PROBES[0]}: {met(growth <= GOAL)} "
                         f"({growth:+.0%}).")
    if large < options.articles:
        section.notes.append(f"{options.articles:,} articles would take about {seconds(options.articles / rate)} "
                             f"at {rate:,.1f} articles/s (the 100 and 200 builds' difference); {large:,} were built "
                             f"instead, to stay within {options.budget:g} s.")
    return [section]


def main() -> None:
    """Run the benchmark and print its table."""
    script_main(__doc__, add_arguments, run)


if __name__ == "__main__":
    main()
