"""kg serve and kg push against real Oxigraph servers, started by the tests on free ports of 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.dataset import graph_name, split_by_article
from kg.files import load_graph
from kg.graph import article_iri
from kg.queries import catalogue, run_query
from kg.server import Server, start_server
from kg.store import open_graph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed article built into a store and a graph file."""
    folder = tmp_path_factory.mktemp("served")
    assert main(["build", str(SEEDS), "--store", str(folder / "store"), "-o", str(folder / "graph.ttl"),
                 "--no-progress"]) == 0
    return folder / "store", folder / "graph.ttl"


@pytest.fixture(scope="module")
def server(seed_store: tuple[Path, Path]) -> Iterator[Server]:
    """``kg serve``'s server over the seed store."""
    with start_server(seed_store[0], port=free_port(), timeout=10) as running:
        yield running


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Server]:
    """A writable Oxigraph server over an empty store: somewhere to push to."""
    with start_server(tmp_path / "target", port=free_port(), read_only=False) as running:
        yield running


def fetch(url: str, data: bytes | None = None, method: str | None = None, **headers: str) -> tuple[int, bytes]:
    """An HTTP request's status and body (error statuses included)."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def graph_of(server: Server, name: str | None = None) -> Graph:
    """A graph of the server's store, read over the Graph Store Protocol (None: the default graph)."""
    query = "default" if name is None else urllib.parse.urlencode({"graph": name})
    status, body = fetch(f"{server.store_endpoint}?{query}", Accept="application/n-triples")
    assert status == 200, body
    return Graph().parse(data=body.decode("utf-8"), format="nt")


# --- kg serve ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_stored_query_answers_over_http_as_on_the_store(
    server: Server, seed_store: tuple[Path, Path], name: str
) -> None:
    over_http, local = run_query(open_graph(server.query_endpoint), name), run_query(open_graph(seed_store[0]), name)
    assert (over_http.columns, over_http.rows) == (local.columns, local.rows)


def test_parameters_and_the_cli_over_http(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    rows = run_query(open_graph(server.query_endpoint), "region_timeline", region="UA-32").rows
    assert [(row[0], row[2], row[4], row[10], row[11]) for row in rows] == [("2023-11-05", "UA-32", "strike", 2, 10)]
    assert main(["query", "regions_targeted_by_drones", server.query_endpoint, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "region_iso,region_name", "RU-BRY,Bryansk Oblast", "RU-KRS,Kursk Oblast"]


def test_the_server_refuses_updates(server: Server) -> None:
    update = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
    status, _ = fetch(f"{server.url}/update", update, **{"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _ = fetch(f"{server.store_endpoint}?default", b"<urn:a> <urn:b> <urn:c> .\n", "PUT",
                      **{"Content-Type": "application/n-triples"})
    assert status == 403
    count = "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> ?p ?o }"
    assert run_query_text(server, count) == "0"


def run_query_text(server: Server, query: str) -> str:
    """The first value of the first row of a SELECT query sent to the server."""
    result = open_graph(server.query_endpoint).query(query)
    return str(next(iter(result))[0])


def test_serve_errors(tmp_path: Path, server: Server, seed_store: tuple[Path, Path],
                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--store", str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err == f"kg: [E006] {tmp_path / 'none'}: no such file or directory\n"
    assert main(["serve", "--store", str(seed_store[0]), "--port", str(server.port)]) == 2  # the port is taken
    assert capsys.readouterr().err == (f"kg: [E026] cannot start the SPARQL server on 127.0.0.1:{server.port} "
                                       "(something else listens there)\n")


def test_kg_serve_runs_until_interrupted(seed_store: tuple[Path, Path]) -> None:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(seed_store[0]), "--port",
                                str(port)], stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        assert line == (f"kg: serving {seed_store[0]} read-only: SPARQL queries at "
                        f"http://127.0.0.1:{port}/query (Ctrl-C stops)\n")
        status, body = fetch(f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode(
            {"query": "ASK { ?s ?p ?o }"}), Accept="application/sparql-results+json")
        assert (status, b'"boolean":true' in body) == (200, True)
    finally:
        process.send_signal(2)  # SIGINT, as Ctrl-C sends it
        assert process.wait(timeout=20) == 0
    time.sleep(0.1)
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass  # the server stopped with kg serve


# --- kg push ----------------------------------------------------------------------------------


def test_push_a_store_into_the_default_graph_replaces_it(
    target: Server, seed_store: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    fetch(f"{target.store_endpoint}?default", b"<urn:old> <urn:b> <urn:c> .\n", "PUT",
          **{"Content-Type": "application/n-triples"})
    assert main(["push", str(seed_store[0]), "--endpoint", target.store_endpoint]) == 0
    assert capsys.readouterr().err == f"kg: pushed 1 graphs to {target.store_endpoint}\n"
    assert isomorphic(graph_of(target), load_graph(seed_store[1]))  # the old triple is gone


def test_push_by_article_and_into_a_named_graph(target: Server, seed_store: tuple[Path, Path]) -> None:
    store, graph_file = seed_store
    assert main(["push", str(graph_file), "--endpoint", target.store_endpoint, "--by-article"]) == 0
    expected = split_by_article(load_graph(graph_file))
    [article] = [part.identifier for part in expected.graphs() if part.identifier != expected.default_graph.identifier]
    assert article == graph_name(article_iri("seed-000"))
    assert isomorphic(graph_of(target, str(article)), expected.graph(article))
    assert main(["push", str(store), "--endpoint", target.store_endpoint, "--graph", "urn:kg:all"]) == 0
    assert isomorphic(graph_of(target, "urn:kg:all"), load_graph(graph_file))


def test_push_errors(server: Server, seed_store: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["push", str(seed_store[1]), "--endpoint", server.store_endpoint]) == 2  # read-only
    assert capsys.readouterr().err.startswith(f"kg: [E025] {server.store_endpoint}: cannot push the graph (HTTP 403")
    closed = f"http://127.0.0.1:{free_port()}/store"
    assert main(["push", str(seed_store[1]), "--endpoint", closed]) == 2
    assert capsys.readouterr().err.startswith(f"kg: [E025] {closed}: cannot push the graph (")
