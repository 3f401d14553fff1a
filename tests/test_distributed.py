"""The Dask engine (``kg build --engine dask``): on a real two-worker cluster, the same store and
graph file as a build in this process, with a bounded number of chunks in flight; an unreachable
scheduler is one error line.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from kg import synthetic
from kg.cli import main
from kg.distributed import CONNECT_TIMEOUT, IN_FLIGHT_PER_THREAD, WorkerCodeMismatch, _build_chunk, dask_engine
from kg.pipeline import build_chunk
from kg.records import Article
from kg.store import ArticleStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WORKERS = 2


@pytest.fixture(scope="module", autouse=True)
def cluster() -> Iterator[LocalCluster]:
    """Two single-threaded worker processes, as ``dask worker --nthreads 1`` runs them, set to
    load spaCy and the gazetteer (a worker's first chunk) from the module's first test on.
    """
    with (LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None,
                       silence_logs=logging.ERROR) as local,
          Client(local, set_as_default=False) as client):
        warming = [client.submit(build_chunk, synthetic.articles(1), workers=[worker], pure=False)
                   for worker in client.nthreads()]
        yield local
        del warming


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Nine synthetic articles: with the seed article, five chunks of two, more than the cluster
    holds in flight at a time.
    """
    return synthetic.write_jsonl(tmp_path_factory.mktemp("articles") / "synthetic.jsonl", 9)


def export(store: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The store as ``kg export --format nquads`` prints it."""
    capsys.readouterr()
    assert main(["export", str(store), "--format", "nquads"]) == 0
    return capsys.readouterr().out


def free_address() -> str:
    """A scheduler address where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


def test_an_unreachable_scheduler_is_one_error_line(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    address = free_address()
    start = time.monotonic()
    code = main(["build", str(SEEDS), "--store", str(tmp_path / "store"), "--engine", "dask",
                 "--scheduler", address, "--no-progress"])
    assert time.monotonic() - start < CONNECT_TIMEOUT + 5
    assert code == 2
    assert capfd.readouterr().err.splitlines() == [f"kg: [E027] the Dask cluster {address} cannot build "
                                       f"(Timed out trying to connect to {address} after {CONNECT_TIMEOUT:g} s)"]
    assert not (tmp_path / "store").exists()  # the store it would have made is not left behind, empty


def test_an_unreachable_scheduler_leaves_a_store_as_it_was(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert main(["build", str(SEEDS), "--store", str(store), "--no-progress"]) == 0
    new = tmp_path / "new.txt"
    new.write_text("Russian drones struck Odesa on Monday, injuring two people.\n", encoding="utf-8")
    assert main(["build", str(new), "--store", str(store), "--engine", "dask", "--scheduler", free_address(),
                 "--no-progress"]) == 2
    with ArticleStore.open(store, read_only=True) as articles:
        assert articles.content_hash("seed-000") is not None
        assert articles.content_hash("new") is None


def test_a_malformed_scheduler_address_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(SEEDS), "--no-store", "-o", "graph.ttl", "--engine", "dask",
                 "--scheduler", "nowhere"]) == 2
    assert capsys.readouterr().err.startswith("kg: [E027] the Dask cluster nowhere cannot build (")


def test_a_worker_with_other_kg_code_does_not_build() -> None:
    with pytest.raises(WorkerCodeMismatch, match="install the same kg"):
        _build_chunk(synthetic.articles(1), False, "another fingerprint")


def test_a_dask_build_writes_what_a_local_build_writes(cluster: LocalCluster, articles: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    inputs = [str(SEEDS), str(articles)]
    common = ["--chunk-size", "2", "--no-progress"]
    assert main(["build", *inputs, "--store", str(tmp_path / "local"), "-o", str(tmp_path / "local.ttl"),
                 *common]) == 0
    assert main(["build", *inputs, "--store", str(tmp_path / "dask"), "-o", str(tmp_path / "dask.ttl"),
                 "--engine", "dask", "--scheduler", cluster.scheduler_address, *common]) == 0
    [line] = capsys.readouterr().err.splitlines()[-1:]
    assert line.startswith("kg: built ") and "from 10 articles" in line

    local, dask = export(tmp_path / "local", capsys), export(tmp_path / "dask", capsys)
    assert "synthetic-0000008" in dask and "seed-000" in dask
    assert dask == local
    assert (tmp_path / "dask.ttl").read_bytes() == (tmp_path / "local.ttl").read_bytes()

    # built again: every article unchanged, nothing to send, no scheduler reached (none listens there)
    assert main(["build", *inputs, "--store", str(tmp_path / "dask"), "--engine", "dask",
                 "--scheduler", free_address(), *common]) == 0
    err = capsys.readouterr().err
    assert "from 0 articles" in err and "(10 unchanged" in err
    assert export(tmp_path / "dask", capsys) == local


def test_chunks_are_read_as_the_workers_take_them(cluster: LocalCluster) -> None:
    chunks = [[article] for article in synthetic.articles(12)]
    read = []

    def reading() -> Iterator[list[Article]]:
        for chunk in chunks:
            read.append(chunk)
            yield chunk

    in_flight = IN_FLIGHT_PER_THREAD * WORKERS
    results = []
    for chunk, built in dask_engine(cluster.scheduler_address)(reading(), True):
        # one chunk is in this loop, the others on the cluster (one more submitted before yielding)
        assert len(read) <= len(results) + in_flight + 1
        results.append((chunk, built))
    assert sorted(chunk[0].doc_id for chunk, _ in results) == [chunk[0].doc_id for chunk in chunks]
    for chunk, built in results:
        assert built == build_chunk(chunk, True)  # pure: the same N-Quads, events and findings anywhere
