"""kg's SPARQL server: Oxigraph's own, serving a store read-only on this machine.

``start_server(store)`` runs the ``oxigraph`` command (from the package index, pinned with kg)
as ``oxigraph serve-read-only --location STORE --bind HOST:PORT --timeout-s N``: a SPARQL 1.1
Protocol endpoint at ``http://HOST:PORT/query`` over the store's default graph, the merge of its
articles, which refuses updates. ``kg serve`` runs it until Ctrl-C.

A store must not be written while it is served (Oxigraph reads a database another process writes
at its peril): stop the server, ``kg build``, start it again.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import Errors, KgError
from kg.store import ArticleStore

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0  # seconds a query may run
START_WAIT = 10.0  # seconds to wait for the server to listen


@dataclass
class Server:
    """A running SPARQL server: its process and the address it listens on."""

    process: subprocess.Popen[bytes]
    host: str
    port: int

    @property
    def url(self) -> str:
        """The server's root URL, ``http://127.0.0.1:7878``."""
        return f"http://{self.host}:{self.port}"

    @property
    def query_endpoint(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint, ``<url>/query``."""
        return f"{self.url}/query"

    @property
    def store_endpoint(self) -> str:
        """The SPARQL 1.1 Graph Store Protocol endpoint, ``<url>/store`` (read-only unless started writable)."""
        return f"{self.url}/store"

    def stop(self) -> None:
        """Stop the server and wait for it to exit."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def oxigraph_command() -> str:
    """The ``oxigraph`` executable: beside this Python's (its virtual environment), else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise KgError(Errors.E026, address="-", detail="the oxigraph command is not installed")
    return found


def start_server(
    store: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    read_only: bool = True,
) -> Server:
    """Start a SPARQL server over the store at ``store`` and return once it listens.

    ``timeout`` caps each query, in seconds. ``read_only=False`` serves a store that accepts
    updates and Graph Store Protocol writes (an empty folder becomes one): a target for
    ``kg push``, never what ``kg serve`` starts.

    Raises ``KgError``: E006 or E022 if ``store`` is no store (read-only), E026 if the server
    does not start (the port taken, say).
    """
    location = Path(store)
    if read_only:
        ArticleStore.open(location, read_only=True).close()  # E006/E022/E021 before starting anything
    address = f"{host}:{port}"
    if _listening(host, port):
        raise KgError(Errors.E026, address=address, detail="something else listens there")
    mode = ["serve-read-only", "--timeout-s", str(max(1, round(timeout)))] if read_only else ["serve"]
    process = subprocess.Popen(
        [oxigraph_command(), *mode, "--location", str(location), "--bind", address],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    server = Server(process, host, port)
    deadline = time.monotonic() + START_WAIT
    while not _listening(host, port):
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            detail = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
            raise KgError(Errors.E026, address=address, detail=" ".join(detail.split()) or "it did not listen")
        time.sleep(0.05)
    return server


def _listening(host: str, port: int) -> bool:
    """Whether something accepts TCP connections at ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False
