"""kg's store: a real on-disk Oxigraph database in a temporary folder, built by the real pipeline.

Builds run in-process through ``kg.cli.main`` (spaCy loads once for the module), except the one
killed half-way, a real process.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import kg
from kg import synthetic
from kg.cli import main
from kg.dataset import graph_name, split_by_article
from kg.errors import KgError
from kg.export import EXPORT_FORMATS
from kg.files import load_graph
from kg.graph import article_iri
from kg.pipeline import build, content_hash
from kg.queries import QueryResult, catalogue, run_query, run_query_in_rdflib
from kg.store import ARTICLES_GRAPH, ArticleStore, open_graph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """``main(argv)`` in-process: the exit code, stdout and stderr."""
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def store_dataset(path: Path) -> tuple[dict[str, set], set]:
    """A closed store's quads: the triples of each named graph (by name), and of the default graph."""
    database = ox.Store.read_only(str(path))
    named: dict[str, set] = {}
    default = set()
    for quad in database:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            default.add(quad.triple)
        else:
            named.setdefault(quad.graph_name.value, set()).add(quad.triple)
    return named, default


def assert_consistent(path: Path) -> set[str]:
    """The store at ``path`` holds, for each article with a content hash, its graph and nothing
    else; its default graph is the merge of the article graphs. Returns the articles' IRIs.
    """
    named, default = store_dataset(path)
    hashes = named.pop(ARTICLES_GRAPH.value, set())
    articles = {triple.subject.value for triple in hashes}
    assert set(named) == {str(graph_name(article)) for article in articles}
    assert default == set().union(*named.values())
    return articles


@pytest.fixture(scope="module")
def articles_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six synthetic articles, as JSONL."""
    return synthetic.write_jsonl(tmp_path_factory.mktemp("articles") / "articles.jsonl", 6)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed article and the synthetic ones built into a store and a graph file at once."""
    folder = tmp_path_factory.mktemp("store")
    articles = synthetic.write_jsonl(folder / "articles.jsonl", 6)
    code = main(["build", str(SEEDS), str(articles), "-o", str(folder / "graph.ttl"),
                 "--store", str(folder / "store"), "--no-progress"])
    assert code == 0
    return folder / "store", folder / "graph.ttl"


# --- a store reads as its graph file does -------------------------------------------------


def test_a_store_holds_one_named_graph_per_article_and_their_merge(seed_store: tuple[Path, Path]) -> None:
    store, graph_file = seed_store
    articles = assert_consistent(store)
    assert len(articles) == 7
    named, _ = store_dataset(store)
    expected = split_by_article(load_graph(graph_file))
    for article in articles:
        name = graph_name(article)
        assert {str(t) for t in named[str(name)]} == {str(ox.Triple(*map(to_ox, t))) for t in expected.graph(name)}


def to_ox(term: object) -> object:
    """An rdflib term as Oxigraph's (for comparing triples as text)."""
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    assert isinstance(term, Literal)
    datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
    return ox.Literal(str(term), datatype=datatype, language=term.language)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_exports_of_a_store_are_those_of_its_graph_file(
    capsys: pytest.CaptureFixture[str], seed_store: tuple[Path, Path], fmt: str
) -> None:
    store, graph_file = seed_store
    from_store = run(capsys, "export", store, "--format", fmt)
    assert from_store[0] == 0
    assert from_store == run(capsys, "export", graph_file, "--format", fmt)


def unordered_cells(result: QueryResult) -> list[list[set[str]]]:
    """The rows with each cell as the set of the values GROUP_CONCAT joined with ";" or line ends."""
    return [[set(re.split(r"[;\n]", str(cell))) for cell in row] for row in result.rows]


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_stored_query_answers_the_same_on_a_store(seed_store: tuple[Path, Path], name: str) -> None:
    """On the store and on the graph file, and in rdflib's engine too: the queries are portable SPARQL."""
    store, graph_file = seed_store
    in_store, in_memory = open_graph(store), load_graph(graph_file)
    for params in ({}, {"since": "2023-01-03", "until": "2023-11-05"}):
        params = {key: value for key, value in params.items() if key in {p.name for p in catalogue()[name].parameters}}
        expected = run_query_in_rdflib(in_memory, name, **params)
        for answer in (run_query(in_store, name, **params), run_query(in_memory, name, **params)):
            assert answer.columns == expected.columns
            if name == "events_table":  # GROUP_CONCAT has no order: compare the cells as sets
                assert unordered_cells(answer) == unordered_cells(expected)
            else:
                assert answer.rows == expected.rows


def test_parameters_on_a_store(seed_store: tuple[Path, Path]) -> None:
    store, graph_file = seed_store
    event = run_query(load_graph(graph_file), "events_table").rows[0][1]
    for name, params in (("event_provenance", {"event": event}), ("region_timeline", {"region": "UA-32"}),
                         ("casualties_damage_by_month", {"region": "UA-32", "since": "2023-11-01"})):
        expected = run_query(load_graph(graph_file), name, **params).rows
        assert expected and run_query(open_graph(store), name, **params).rows == expected


def test_validate_and_network_on_a_store(capsys: pytest.CaptureFixture[str], seed_store: tuple[Path, Path]) -> None:
    store, graph_file = seed_store
    assert run(capsys, "validate", store) == run(capsys, "validate", graph_file) == (0, "0 violations\n", "")
    network = run(capsys, "network", store, "--since", "2023-01-01")
    assert network[0] == 0 and network == run(capsys, "network", graph_file, "--since", "2023-01-01")


# --- incremental builds ---------------------------------------------------------------------


def test_unchanged_articles_are_skipped_and_a_changed_one_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, articles_file: Path
) -> None:
    store = tmp_path / "store"
    code, _, err = run(capsys, "build", articles_file, "--store", store)
    assert code == 0 and err.endswith(f"from 6 articles into {store} (0 unchanged, 0 skipped)\n")
    first = store_dataset(store)
    code, _, err = run(capsys, "build", articles_file, "--store", store, "-o", tmp_path / "graph.ttl")
    assert code == 0 and err.endswith("built 0 events from 0 articles into "
                                      f"{tmp_path / 'graph.ttl'} and {store} (6 unchanged, 0 skipped)\n")
    assert store_dataset(store) == first
    assert isomorphic(load_graph(tmp_path / "graph.ttl"), build([articles_file]).graph)

    lines = articles_file.read_text(encoding="utf-8").splitlines()
    changed = json.loads(lines[0]) | {"text": "Russian shelling killed two people in Kherson Oblast on Monday."}
    edited = tmp_path / "edited.jsonl"
    edited.write_text("\n".join([json.dumps(changed), *lines[1:]]) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "build", edited, "--store", store)
    assert code == 0 and "from 1 articles" in err and "(5 unchanged, 0 skipped)" in err
    assert_consistent(store)
    assert isomorphic(open_graph(store), build([edited]).graph)


def test_a_re_run_over_unchanged_articles_does_without_spacy(seed_store: tuple[Path, Path]) -> None:
    """Skipping what the store holds needs only the content hashes: spaCy (a second or more to
    import) is not loaded."""
    store, _ = seed_store
    program = ("import sys; from kg.cli import main; code = main(sys.argv[1:]); "
               "print('spacy' in sys.modules); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", program, "build", str(SEEDS), str(store.parent / "articles.jsonl"),
                           "--store", str(store), "--no-progress"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "False\n")
    assert done.stderr.endswith(f"from 0 articles into {store} (7 unchanged, 0 skipped)\n")


def test_remove_articles(capsys: pytest.CaptureFixture[str], tmp_path: Path, articles_file: Path) -> None:
    store = tmp_path / "store"
    assert run(capsys, "build", articles_file, SEEDS, "--store", store)[0] == 0
    code, _, err = run(capsys, "remove", "seed-000", "no-such-article", "--store", store)
    assert (code, err) == (2, f"kg: [E023] {store}: no article 'no-such-article' in the store\n")
    assert len(assert_consistent(store)) == 7  # nothing removed
    assert run(capsys, "remove", "seed-000", "synthetic-0000000", "--store", store) == (
        0, "", f"kg: removed 2 articles from {store}\n")
    assert len(assert_consistent(store)) == 5
    rest = [json.loads(line) for line in articles_file.read_text(encoding="utf-8").splitlines()[1:]]
    (tmp_path / "rest.jsonl").write_text("".join(json.dumps(item) + "\n" for item in rest), encoding="utf-8")
    assert isomorphic(open_graph(store), build([tmp_path / "rest.jsonl"]).graph)  # shared places stay described
    assert run(capsys, "remove", "seed-000", "--store", tmp_path / "none")[0] == 2


def test_the_python_api_on_a_store(tmp_path: Path, articles_file: Path) -> None:
    graph = kg.build([articles_file], store=tmp_path / "store")
    assert isomorphic(graph, kg.load(tmp_path / "store"))
    assert kg.validate(graph).conforms
    assert kg.query(graph, "regions_targeted_by_drones").rows
    kg.remove(tmp_path / "store", ["synthetic-0000001"])
    assert len(assert_consistent(tmp_path / "store")) == 5


def test_a_content_hash_covers_every_field() -> None:
    item = synthetic.article(1)
    hashes = {content_hash(item)}
    for change in ({"text": item.text + " "}, {"date": None}, {"url": "https://x.org"}, {"title": "T"},
                   {"outlet": "Other"}, {"date_precision": "month"}):
        hashes.add(content_hash(type(item)(**{**item.__dict__, **change})))
    assert len(hashes) == 7
    assert content_hash(type(item)(**{**item.__dict__, "source": "elsewhere.jsonl"})) == content_hash(item)


# --- errors -----------------------------------------------------------------------------------


def test_store_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("not a store", encoding="utf-8")
    for argv in (("query", "events_table", tmp_path / "notes"), ("build", SEEDS, "--store", tmp_path / "notes"),
                 ("remove", "x", "--store", tmp_path / "notes")):
        code, _, err = run(capsys, *argv)
        assert (code, err) == (2, f"kg: [E022] {tmp_path / 'notes'}: not a kg store (an Oxigraph database folder)\n")
    assert sorted(path.name for path in (tmp_path / "notes").iterdir()) == ["a.txt"]
    code, _, err = run(capsys, "build", SEEDS, "--no-store")
    assert code == 2 and "nothing to write" in err


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    first = ArticleStore.open(tmp_path / "store")
    start = time.monotonic()
    with pytest.raises(KgError, match=r"^\[E021\] .*: cannot open the store \(.*lock"):
        ArticleStore.open(tmp_path / "store", wait=0.5)
    assert time.monotonic() - start >= 0.5
    threading.Timer(0.5, first.close).start()
    ArticleStore.open(tmp_path / "store", wait=10).close()  # opened once the first is closed


def test_a_long_build_reopens_the_database_and_keeps_the_store_locked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The database is reopened every ``REOPEN_EVERY`` articles (to release RocksDB's caches);
    the lock file stays held throughout, so no other writer comes in between."""
    monkeypatch.setattr(kg.store, "REOPEN_EVERY", 4)
    articles = synthetic.write_jsonl(tmp_path / "articles.jsonl", 10)
    reopenings = []
    reopen = ArticleStore._reopen
    monkeypatch.setattr(ArticleStore, "_reopen", lambda self: (reopenings.append(self.path), reopen(self))[1])
    with ArticleStore.open(tmp_path / "store") as store:
        build([articles], store=store, keep_graph=False, chunk_size=2)
        assert len(reopenings) == 2  # after 4 and 8 articles
        with pytest.raises(KgError, match=r"^\[E021\] .*: cannot open the store \(lock .*kg.lock held"):
            ArticleStore.open(tmp_path / "store", wait=0.3)
        merged = store.graph()  # a graph over the database keeps it open: no reopening while it lives
        build([synthetic.write_jsonl(tmp_path / "more.jsonl", 14)], store=store, keep_graph=False, chunk_size=2)
        assert len(reopenings) == 2 and len(merged) > 0
    assert len(assert_consistent(tmp_path / "store")) == 14
    assert isomorphic(open_graph(tmp_path / "store"), build([tmp_path / "more.jsonl"]).graph)


def test_a_folder_left_with_only_the_lock_file_becomes_a_store(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / kg.store.LOCK_FILE).touch()  # a writer killed before it made the database
    with ArticleStore.open(tmp_path / "store") as store:
        assert store.is_empty()
    with pytest.raises(KgError, match=r"^\[E006\]"):
        ArticleStore.open(tmp_path / "other", read_only=True)


def test_a_forked_child_does_not_keep_the_store_locked(tmp_path: Path) -> None:
    store = ArticleStore.open(tmp_path / "store")
    child = os.fork()
    if child == 0:  # the child lives on after the parent closes the store
        time.sleep(5)
        os._exit(0)
    try:
        store.close()
        start = time.monotonic()
        ArticleStore.open(tmp_path / "store", wait=3).close()
        assert time.monotonic() - start < 1  # not kept until the child ends
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


# --- a build killed half-way ---------------------------------------------------------------


def test_a_build_killed_half_way_leaves_a_consistent_store(tmp_path: Path) -> None:
    articles = synthetic.write_jsonl(tmp_path / "articles.jsonl", 60)
    store = tmp_path / "store"
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(articles), "--store", str(store), "--chunk-size", "4",
         "--no-validate"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and stored(store) < 12:
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    written = assert_consistent(store)
    assert 12 <= len(written) < 60
    whole = build([articles]).graph
    reference = split_by_article(whole)
    named, _ = store_dataset(store)
    for article in written:
        stored_graph = Graph()
        stored_graph.parse(data="".join(f"{t} .\n" for t in named[str(graph_name(article))]), format="nt")
        assert isomorphic(stored_graph, reference.graph(graph_name(article)))
    assert main(["build", str(articles), "--store", str(store), "--no-progress"]) == 0  # it re-opens and goes on
    assert len(assert_consistent(store)) == 60
    assert isomorphic(open_graph(store), whole)
    assert str(article_iri("synthetic-0000000")) in assert_consistent(store)


def stored(store: Path) -> int:
    """How many articles a store being written holds (0 if it cannot be read yet)."""
    try:
        database = ox.Store.read_only(str(store))
    except (OSError, RuntimeError):  # not there yet, or being created
        return 0
    return sum(1 for _ in database.quads_for_pattern(None, None, None, ARTICLES_GRAPH))
