"""Run every benchmark and write one Markdown report (``make bench``).

    .venv/bin/python benchmarks/run.py [--output out/benchmarks.md] [--only NAME ...]

Runs, in this process and in this order (the ones with big in-memory graphs last), ``throughput``,
``memory``, ``incremental``, ``queries`` and ``validation`` with their default options, prints the
report and writes it to ``--output``. Synthetic stores are kept in out/bench/cache between runs
(the first run makes them: minutes). Benchmarks never fail on timing; a benchmark that breaks is
reported in its place, and the runner then exits 1.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType

import incremental
import memory
import throughput
import validation
from common import OUT, Section, machine, report, seconds, synthetic_graph

import queries

BENCHMARKS: dict[str, ModuleType] = {
    "throughput": throughput,
    "memory": memory,
    "incremental": incremental,
    "queries": queries,
    "validation": validation,
}


def defaults(module: ModuleType) -> argparse.Namespace:
    """A benchmark's default options."""
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    return parser.parse_args([])


def main() -> None:
    """Run the benchmarks, print and write the report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=OUT / "benchmarks.md", help="the report (out/benchmarks.md)")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), help="run only these benchmarks")
    options = parser.parse_args()
    sections: list[Section] = []
    durations = Section("Run", ["benchmark", "wall time"])
    failed = False
    start = time.perf_counter()
    for name in options.only or BENCHMARKS:
        print(f"== {name}", file=sys.stderr, flush=True)
        began = time.perf_counter()
        try:
            done = BENCHMARKS[name].run(defaults(BENCHMARKS[name]))
        except Exception:
            failed = True
            traceback.print_exc()
            done = [Section(f"{name}: failed", ["error"], [[traceback.format_exc().strip().splitlines()[-1]]])]
        synthetic_graph.cache_clear()  # the next benchmark starts without this one's big graphs
        gc.collect()
        sections += done
        print(report(done), flush=True)
        durations.add(name, seconds(time.perf_counter() - began))
    durations.add("all", seconds(time.perf_counter() - start))
    text = (f"## Benchmarks ({time.strftime('%Y-%m-%d %H:%M')})\n\n" + "\n".join(machine()) + "\n\n"
            + report([*sections, durations]))
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(text, encoding="utf-8")
    print(report([durations]))
    print(f"written to {options.output}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
