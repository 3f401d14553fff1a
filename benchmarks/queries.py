"""Stored queries: kg's store (Oxigraph) against an rdflib in-memory graph, side by side.

    .venv/bin/python benchmarks/queries.py [--articles 2500 25000] [--cap SECONDS] [--store-cap SECONDS]
                                           [--queries NAME...]

Runs every stored query (``queries/*.rq``, through ``kg.queries.run_query``) on synthetic graphs
of about 100,000 and 1,000,000 triples (2,500 and 25,000 articles of ``kg.synthetic``):

- on the store's graph (``kg.store.open_graph`` of a store folder: Oxigraph runs the SPARQL), in a
  child process stopped at ``--store-cap`` seconds: a first run, and if it took under a second
  ``--repeat`` more, the fastest kept; a query over the cap on the smaller graph is not run on
  the larger one;
- then on ``kg.synthetic.graph`` in memory, in rdflib's own SPARQL engine
  (``kg.queries.run_query_in_rdflib``; kg itself runs a graph in memory on an Oxigraph copy),
  one run each, two queries at a time in forked processes, stopped at ``--cap`` seconds; on the
  largest graph, where the goal is read, once it has taken ``GOAL`` times the store's time (if
  longer): either rdflib finishes and the speed-up is measured, or it is shown to be at least
  the goal. A query whose store time is over ``--max-cap`` / ``GOAL`` is not run in rdflib
  there (it misses the goal or cannot show it within the cap).

Goal: the store >= 50x faster at 1M triples. The stores are bulk-loaded and compacted, and kept
in out/bench/cache (see ``common.synthetic_store``); how long ``ArticleStore.put`` would take,
article by article, is measured on a few chunks and reported beside.

A benchmark, not a test: it never fails on timing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
from pathlib import Path

import pyoxigraph as ox
from common import (
    Section,
    best_of,
    capped,
    capped_in_child,
    nquads,
    ratio,
    script_main,
    seconds,
    synthetic_graph,
    synthetic_store,
    timed,
)
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from kg import synthetic
from kg.pipeline import CHUNK_SIZE, content_hash
from kg.queries import catalogue, run_query, run_query_in_rdflib
from kg.store import ArticleStore, open_graph

GOAL = 50
PUT_CHUNKS = 4


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of this benchmark."""
    parser.add_argument("--articles", type=int, nargs="+", default=[2_500, 25_000],
                        help="synthetic articles of each graph (default: 2500 25000, ~100k and ~1M triples)")
    parser.add_argument("--cap", type=float, default=5.0,
                        help=f"seconds rdflib may take per query (default: 5; on the largest graph {GOAL} x the "
                             "store's time if longer)")
    parser.add_argument("--max-cap", type=float, default=60.0,
                        help="seconds rdflib may take per query at most (default: 60)")
    parser.add_argument("--store-cap", type=float, default=10.0,
                        help="seconds the store may take per query (default: 10)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of a quick query on the store (default: 2)")
    parser.add_argument("--processes", type=int, default=2, help="rdflib queries run at a time (default: 2)")
    parser.add_argument("--queries", nargs="+", metavar="NAME", choices=sorted(catalogue()),
                        help="the stored queries to run (default: all)")


def chosen(options: argparse.Namespace) -> list[str]:
    """The names of the stored queries to run: ``--queries``, else all of them."""
    return options.queries or list(catalogue())


def put_rate(chunks: int = PUT_CHUNKS) -> float:
    """Articles per second ``ArticleStore.put`` writes, chunk by chunk as ``kg build`` does, into an
    empty store.
    """
    with tempfile.TemporaryDirectory() as folder:
        store = ArticleStore.open(Path(folder) / "store")
        elapsed = 0.0
        for start in range(0, chunks * CHUNK_SIZE, CHUNK_SIZE):
            text = nquads(start, CHUNK_SIZE, merged=False, hashes=False)
            hashes = {item.doc_id: content_hash(item) for item in synthetic.articles(CHUNK_SIZE, start)}
            elapsed += timed(lambda text=text, hashes=hashes: store.put(text, hashes))[0]
        store.close()
    return chunks * CHUNK_SIZE / elapsed


def goal_note(bounds: dict[str, tuple[float, bool]]) -> str:
    """Whether every query is at least ``GOAL`` times faster in the store, from the speed-ups
    (exact, or lower bounds where rdflib ran into its cap).
    """
    measured = sum(exact for _, exact in bounds.values())
    below = sorted(name for name, (speedup, _) in bounds.items() if speedup < GOAL)
    text = f"rdflib finished {measured} of {len(bounds)} queries within its cap. Goal >= {GOAL}x: "
    if not bounds:
        return text + "not shown (no query finished in the store)."
    if not below:
        slowest = min(speedup for speedup, _ in bounds.values())
        return text + f"met by every query run (the smallest speed-up, or lower bound of one, {slowest:,.0f}x)."
    missed = [f"`{name}`" for name in below if bounds[name][1]]
    unsure = [f"`{name}`" for name in below if not bounds[name][1]]
    parts = [f"missed by {', '.join(missed)}"] if missed else []
    if unsure:
        parts.append(f"not shown for {', '.join(unsure)} (rdflib not run, or stopped at its cap first)")
    return text + "; ".join(parts) + "."


_memory: Graph | None = None  # the in-memory graph the forked rdflib runs query (set before forking)


def _rdflib_run(job: tuple[str, float]) -> float | None:
    """In a forked process: the seconds rdflib takes to run query ``name`` on ``_memory``, or None
    past ``cap`` seconds.
    """
    name, cap = job
    return capped(lambda: run_query_in_rdflib(_memory, name), cap)


def rdflib_times(count: int, caps: dict[str, float], processes: int, setup: list[str]) -> dict[str, float | None]:
    """Each query's seconds in rdflib on ``kg.synthetic.graph(count)`` in memory, or None past its
    cap (``caps`` by name), ``processes`` at a time in forked processes; the graph's making is
    noted in ``setup``.
    """
    global _memory
    built, _memory = timed(lambda: synthetic_graph(count))
    setup.append(f"{count:,} articles: `kg.synthetic.graph` in memory ({len(_memory):,} triples) made in "
                 f"{seconds(built)}.")
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        times = pool.map(_rdflib_run, list(caps.items()), chunksize=1)
    _memory = None
    return dict(zip(caps, times, strict=True))


def triples(store: Path) -> int:
    """The triples of a store's merged (default) graph."""
    database = ox.Store.read_only(str(store))
    solution = next(iter(database.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))
    return int(solution["n"].value)


def query_section(count: int, store: Path, options: argparse.Namespace, parses: dict[str, float],
                  store_too_slow: set[str], setup: list[str], goal: bool) -> Section:
    """Every stored query on the graph of ``count`` articles: in the store unless it is in
    ``store_too_slow`` (a query stopped at the store's cap is added to it), then in rdflib, for
    ``--cap`` seconds; on the ``goal``'s graph for ``GOAL`` times the store's time instead (at
    least ``--cap``), and not at all where that is over ``--max-cap``. ``parses``: the seconds
    kg's rdflib parse of each query takes (once per process).
    """
    size = triples(store)
    section = Section(f"Stored queries, {count:,} articles ({size / 1e6:.2g}M triples)",
                      ["query", "store (Oxigraph)", "kg's rdflib parse (first run only)", "rdflib in memory",
                       "store speed-up"])
    fast: dict[str, float | None] = {}
    for name in chosen(options):
        if name not in store_too_slow:
            fast[name] = capped_in_child(lambda: open_graph(store), lambda graph, name=name: run_query(graph, name),
                                         options.store_cap, options.repeat)
            if fast[name] is None:
                store_too_slow.add(name)
    caps = {name: max(options.cap, GOAL * time) if goal else options.cap for name, time in fast.items() if time}
    caps = {name: cap for name, cap in caps.items() if cap <= options.max_cap}
    slow = rdflib_times(count, caps, options.processes, setup) if caps else {}
    bounds: dict[str, tuple[float, bool]] = {}  # speed-up, or its lower bound (False: not measured)
    for name in chosen(options):
        parse = seconds(parses[name])
        if name not in fast:
            section.add(f"`{name}`", f"not run (> {options.store_cap:g} s on a smaller graph)", parse, "not run", "-")
        elif fast[name] is None:
            section.add(f"`{name}`", seconds(None, options.store_cap), parse, "not run", "-")
        elif name not in caps:
            bounds[name] = (0.0, False)
            section.add(f"`{name}`", seconds(fast[name]), parse,
                        f"not run ({GOAL} x the store's time > {options.max_cap:g} s)", "-")
        else:
            bounds[name] = ((slow[name] or caps[name]) / fast[name], slow[name] is not None)
            section.add(f"`{name}`", seconds(fast[name]), parse, seconds(slow[name], caps[name]),
                        ratio(slow[name], fast[name], caps[name]))
    if goal:
        section.notes.append(goal_note(bounds))
    return section


def run(options: argparse.Namespace) -> list[Section]:
    """Time every stored query on each graph size, in the store and in rdflib."""
    store_too_slow: set[str] = set()  # over the cap in the store on a smaller graph
    sections = []
    setup = [f"`ArticleStore.put`, chunk by chunk as `kg build` writes, into an empty store: {put_rate():,.0f} "
             "articles/s."]
    texts = {name: catalogue()[name].text for name in chosen(options)}
    parses = {name: best_of(lambda text=text: prepareQuery(text), 3) for name, text in texts.items()}
    for count in sorted(options.articles):
        store, made = synthetic_store(count)
        goal = count == max(options.articles)
        setup.append(f"{count:,} articles: the store " + (f"made (or its hashes rewritten) in {seconds(made)}"
                                                         if made else "made by an earlier run (cached)") + ".")
        sections.append(query_section(count, store, options, parses, store_too_slow, setup, goal))
    sections[-1].notes += setup
    return sections


def main() -> None:
    """Run the benchmark and print its tables."""
    script_main(__doc__, add_arguments, run)


if __name__ == "__main__":
    main()
