"""A Dask engine for ``kg build``: the chunks of articles built on a Dask distributed cluster.

``kg build --engine dask`` hands each chunk of articles to a Dask worker, which runs
``kg.pipeline.build_chunk`` (a pure function: articles in, N-Quads out) and sends the N-Quads
back; this process writes them into the store (and the ``-o`` file) as they come, in whatever
order they come. The store holds each article in its own named graph, written in its own
transaction, so the order does not change what it holds: a Dask build and a local build of the
same articles give the same store and the same graph file. At most ``IN_FLIGHT_PER_THREAD``
chunks per worker thread are on the cluster at a time, so memory stays bounded however many
articles there are.

Without ``--scheduler``, the build starts a cluster on this machine, one single-threaded worker
process per core (spaCy holds the GIL: threads would not build in parallel), and closes it when
done.

On a real cluster::

    # on the scheduler's host
    dask scheduler                                  # listens on tcp://host:8786
    # on every worker host: the same kg version (and spaCy model) as the machine that builds
    pip install kg==<version>
    dask worker tcp://host:8786 --nworkers 4 --nthreads 1
    # where the articles and the store are
    kg build articles/ --store out/store --engine dask --scheduler tcp://host:8786

Only the articles travel to the workers and only N-Quads come back: the workers need no access
to the input files or to the store. Each worker loads spaCy's model once per thread (with
``--nthreads 1``, once), so give each worker process the memory of one model (a few hundred
MB) on top of its chunks. A worker whose kg code differs from this machine's (another version,
other lexicons or gazetteer data, another spaCy model) would build other graphs than the content
hashes written to the store say; its chunks fail the build (E027) instead.

The store is always written here, on the machine that runs ``kg build``. To serve the graph
from a remote SPARQL store, load it there afterwards with ``kg push --endpoint URL`` (the SPARQL
1.1 Graph Store Protocol).

Dask is imported by this module's functions only, so only ``kg build --engine dask`` pays for it.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import TYPE_CHECKING

from kg import __version__
from kg.errors import Errors, KgError
from kg.files import error_detail
from kg.pipeline import Chunk, Engine, build_chunk, code_fingerprint
from kg.records import Article

if TYPE_CHECKING:
    from distributed import Client, Future

CONNECT_TIMEOUT = 5.0  # seconds to reach the scheduler (a healthy one answers in milliseconds)
IN_FLIGHT_PER_THREAD = 2  # chunks on the cluster at a time, per worker thread
LOCAL = "a local cluster"  # the scheduler's address in messages, when kg starts the cluster


class WorkerCodeMismatch(RuntimeError):
    """Raised on a worker whose kg code (``code_fingerprint``) is not the builder's."""


def dask_engine(scheduler: str | None = None, *, connect_timeout: float = CONNECT_TIMEOUT) -> Engine:
    """An engine (see ``kg.pipeline.Engine``) that builds the chunks on the Dask cluster of
    ``scheduler`` (an address such as ``tcp://host:8786``), or, if None, on a cluster of this
    machine's cores that it starts and closes. Nothing is started or reached before the engine
    has a first chunk to build (none when every article is unchanged).

    The engine raises ``KgError`` E027 if the scheduler cannot be reached within
    ``connect_timeout`` seconds or is lost during the build, or a worker cannot build (kg not
    installed there, or other kg code than here).
    """

    def engine(chunks: Iterable[list[Article]], validate: bool) -> Iterator[tuple[list[Article], Chunk]]:
        todo = iter(chunks)
        first = next(todo, None)
        if first is None:
            return
        with ExitStack() as stack:
            client = _connect(scheduler, connect_timeout, stack)
            yield from run_chunks(client, itertools.chain([first], todo), validate, address=scheduler or LOCAL)

    return engine


def run_chunks(client: Client, chunks: Iterable[list[Article]], validate: bool, *,
               address: str = "") -> Iterator[tuple[list[Article], Chunk]]:
    """Build ``chunks`` on ``client``'s cluster, yielding each chunk with its ``Chunk`` as it
    completes; at most ``IN_FLIGHT_PER_THREAD`` chunks per worker thread (and at least
    ``IN_FLIGHT_PER_THREAD``) are submitted at a time. ``address`` names the scheduler in errors.
    """
    from distributed import as_completed

    fingerprint = code_fingerprint()
    pending: dict[Future, list[Article]] = {}
    todo = iter(chunks)
    running = as_completed(loop=client.loop)

    def submit_more() -> None:
        limit = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
        while len(pending) < limit:
            chunk = next(todo, None)
            if chunk is None:
                return
            future = client.submit(_build_chunk, chunk, validate, fingerprint, pure=False)
            pending[future] = chunk
            running.add(future)

    try:
        submit_more()
        for future in running:
            chunk = pending.pop(future)
            built = _result(future, address)
            del future  # the cluster forgets the chunk's result once no one holds its future
            submit_more()  # before yielding: the workers build on while the store is written
            yield chunk, built
    except OSError as error:  # CommClosedError and connection timeouts
        raise KgError(Errors.E027, address=address, detail=error_detail(error)) from error
    finally:
        for future in pending:
            future.cancel()


def _connect(scheduler: str | None, timeout: float, stack: ExitStack) -> Client:
    """A client of the scheduler at ``scheduler`` or, if None, of a new cluster of this
    machine's cores; ``stack`` closes them. E027 if the scheduler cannot be reached.
    """
    from distributed import Client, LocalCluster

    if scheduler is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        cluster = stack.enter_context(LocalCluster(n_workers=cores, threads_per_worker=1, processes=True,
                                                   dashboard_address=None, silence_logs=logging.ERROR))
        return stack.enter_context(Client(cluster, set_as_default=False))
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, ValueError, TimeoutError) as error:
        raise KgError(Errors.E027, address=scheduler, detail=error_detail(error)) from None
    return stack.enter_context(client)


def _result(future: Future, address: str) -> Chunk:
    """The chunk a future built; E027 if a worker could not build it (kg not installed there,
    or other kg code), or the scheduler lost it.
    """
    from distributed.client import FutureCancelledError

    try:
        return future.result()
    except (ImportError, WorkerCodeMismatch) as error:
        raise KgError(Errors.E027, address=address, detail=f"a worker cannot build: {error_detail(error)}") from None
    except FutureCancelledError as error:
        raise KgError(Errors.E027, address=address, detail=error_detail(error)) from None


def _build_chunk(articles: list[Article], validate: bool, fingerprint: str) -> Chunk:
    """``build_chunk``, on a worker whose kg code is the builder's (``fingerprint``); raises
    ``WorkerCodeMismatch`` on another.
    """
    if code_fingerprint() != fingerprint:
        raise WorkerCodeMismatch(f"worker {_worker_address()} runs kg {__version__} with other code or data "
                                 "than the builder; install the same kg (and spaCy model) on every worker")
    return build_chunk(articles, validate)


def _worker_address() -> str:
    """The address of the worker running this task ('?' outside a worker)."""
    from distributed import get_worker

    try:
        return get_worker().address
    except ValueError:
        return "?"
