"""The ``kg`` command, run in-process through ``main`` and as a real process for exit codes.

The seed article is built once for the module (spaCy takes a few seconds to load).
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal
from rdflib.compare import isomorphic

from kg import __version__, synthetic
from kg.cli import main
from kg.export import EVENT_COLUMNS
from kg.files import load_graph, save_graph
from kg.namespaces import CF
from kg.queries import RESULT_FORMATS, catalogue
from kg.resources import queries_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
COMMANDS = {
    "build": ("INPUT", "--output", "--format", "--no-validate", "--progress"),
    "validate": ("GRAPH", "--shapes"),
    "query": ("NAME_OR_FILE", "GRAPH", "--format", "--param", "--list"),
    "export": ("GRAPH", "--format", "--output", "nquads", "events-csv", "acled-csv"),
    "network": ("GRAPH", "--since", "--until", "--graphml", "--gexf", "--png"),
}


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """``main(argv)`` in-process: the exit code, stdout and stderr."""
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def python(*argv: object) -> subprocess.CompletedProcess[str]:
    """``python argv`` as a child process, in the test's scratch folder."""
    return subprocess.run([sys.executable, *map(str, argv)], capture_output=True, text=True, check=False)


def run_process(*argv: object) -> subprocess.CompletedProcess[str]:
    """``python -m kg argv`` as a child process."""
    return python("-m", "kg", *argv)


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """``kg build seeds -o <tmp>/out/graph.ttl --no-store``: the graph path, the exit code and stderr."""
    graph = tmp_path_factory.mktemp("seed") / "out" / "graph.ttl"  # "out" does not exist yet
    err = io.StringIO()
    with contextlib.redirect_stderr(err):  # capsys is function-scoped
        code = main(["build", str(SEEDS), "-o", str(graph), "--no-store", "--no-progress"])
    return graph, code, err.getvalue()


@pytest.fixture
def seed_graph(seed_build: tuple[Path, int, str]) -> Path:
    """The graph file built from the seed article."""
    return seed_build[0]


# --- help and version ----------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_every_command(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "example:" in out and f"kg {command}" in out
    for word in COMMANDS[command]:
        assert word in out


def test_top_level_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in COMMANDS:
        assert command in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version")[:2] == (0, f"kg {__version__}\n")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys)[0] == 2
    assert run(capsys, "build", SEEDS, "--no-store")[0] == 2  # no -o
    assert run(capsys, "query", "events_table")[0] == 2  # no GRAPH
    code, _, err = run(capsys, "query", "events_table", "g.ttl", "--param", "novalue")
    assert code == 2 and "expected NAME=VALUE" in err


# --- build ---------------------------------------------------------------------------------


def test_build_seeds(seed_build: tuple[Path, int, str]) -> None:
    graph, code, err = seed_build
    assert code == 0, err
    assert graph.stat().st_size > 0
    summary = re.fullmatch(r"kg: built (\d+) events from 1 articles into (.+) \(0 unchanged, 0 skipped\)\n", err)
    assert summary, err
    assert int(summary[1]) > 0 and summary[2] == str(graph)


def test_build_with_a_bad_input_writes_the_rest_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 shelled")
    out = tmp_path / "graph.nt"
    code, stdout, err = run(capsys, "build", SEEDS, bad, "-o", out, "--format", "nt", "--no-store")
    assert code == 1
    assert stdout == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"kg: [E001] {bad}: not UTF-8 text")
    assert lines[-1].endswith(f"events from 1 articles into {out} (0 unchanged, 1 skipped)")
    assert "seed-000" in out.read_text(encoding="utf-8")


def test_build_writes_the_format_its_output_suffix_names(
    capsys: pytest.CaptureFixture[str], seed_graph: Path, tmp_path: Path
) -> None:
    seed = load_graph(seed_graph)
    for name, first in (("graph.nq", "<"), ("graph.nt", "<"), ("graph.jsonld", "{"), ("graph.trig", "@prefix"),
                        ("graph", "@prefix")):
        out = tmp_path / name
        assert run(capsys, "build", SEEDS, "-o", out, "--no-store")[0] == 0
        assert out.read_text(encoding="utf-8").startswith(first), name
        if out.suffix:
            assert isomorphic(load_graph(out), seed), name
    assert run(capsys, "build", SEEDS, "-o", tmp_path / "named.nq", "--format", "turtle", "--no-store")[0] == 0
    assert (tmp_path / "named.nq").read_text(encoding="utf-8").startswith("@prefix")  # --format wins
    code, _, err = run(capsys, "build", SEEDS, "-o", tmp_path / "graph.rdf", "--store", tmp_path / "store")
    assert (code, err) == (2, "kg: [E014] unknown format '.rdf'; expected one of: .ttl, .nt, .nq, .trig, .jsonld, "
                              ".json\n")
    assert not (tmp_path / "graph.rdf").exists() and not (tmp_path / "store").exists()  # said before building


def test_build_shows_progress_when_asked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    articles = synthetic.write_jsonl(tmp_path / "articles.jsonl", 3)
    code, _, err = run(capsys, "build", SEEDS, articles, "--store", tmp_path / "store", "--progress")
    assert code == 0
    assert "kg build: 100%" in err and "4/4" in err  # every article read, counted before building
    code, _, err = run(capsys, "build", SEEDS, articles, "--store", tmp_path / "store", "--progress")
    assert "4/4" in err and "(4 unchanged, 0 skipped)" in err
    assert "kg build" not in run(capsys, "build", SEEDS, "--store", tmp_path / "store")[2]  # not a terminal


def test_build_without_articles_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "build", tmp_path / "missing.txt", "-o", tmp_path / "graph.ttl")
    assert code == 2
    assert err.splitlines() == [
        f"kg: [E006] {tmp_path / 'missing.txt'}: no such file or directory",
        f"kg: [E016] no articles to build from {tmp_path / 'missing.txt'}",
    ]
    assert not (tmp_path / "graph.ttl").exists()


def test_build_that_cannot_write_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "build", SEEDS, "-o", tmp_path)  # a folder, not a file
    assert code == 2
    assert f"kg: [E011] {tmp_path}: cannot write" in err


# --- validate ------------------------------------------------------------------------------


def test_validate_a_conforming_graph(capsys: pytest.CaptureFixture[str], seed_graph: Path) -> None:
    code, out, _ = run(capsys, "validate", seed_graph)
    assert code == 0
    assert out.strip().endswith("0 violations")


def test_validate_a_graph_with_a_negative_count(
    capsys: pytest.CaptureFixture[str], small_graph: Graph, tmp_path: Path
) -> None:
    broken = Graph() + small_graph
    event = min(broken.subjects(RDF.type, CF.Strike))
    broken.add((event, CF.killed, Literal(-1)))
    save_graph(broken, tmp_path / "broken.ttl")
    code, out, _ = run(capsys, "validate", tmp_path / "broken.ttl")
    assert code == 1
    assert "killed" in out and "-1" in out


def test_validate_with_other_shapes(
    capsys: pytest.CaptureFixture[str], seed_graph: Path, tmp_path: Path
) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix cf: <https://w3id.org/kg-conflict/ontology#> .\n"
        "[] a sh:NodeShape ; sh:targetClass cf:Article ;\n"
        "   sh:property [ sh:path cf:docId ; sh:maxCount 0 ] .\n",
        encoding="utf-8",
    )
    assert run(capsys, "validate", seed_graph, "--shapes", shapes)[0] == 1


@pytest.mark.parametrize("content", [None, "this is not turtle"], ids=["missing", "unparsable"])
def test_validate_an_unreadable_graph_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | None
) -> None:
    graph = tmp_path / "graph.ttl"
    if content is not None:
        graph.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "validate", graph)
    assert (code, out) == (2, "")
    assert err.startswith("kg: [E0") and str(graph) in err
    assert len(err.splitlines()) == 1


# --- query ---------------------------------------------------------------------------------


def test_query_list_shows_every_stored_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", "--list")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")]
    assert names == sorted(path.stem for path in queries_dir().glob("*.rq"))
    assert sorted(path.stem for path in (ROOT / "queries").glob("*.rq")) == names
    assert "actor_pairs  Who attacked whom\n    Which actor attacked which target" in out
    assert "    parameters: ?since (xsd:date), the first day;" in out


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_query_example_runs(capsys: pytest.CaptureFixture[str], seed_graph: Path, name: str) -> None:
    kg, *argv = shlex.split(catalogue()[name].example)
    assert kg == "kg" and argv[:3] == ["query", name, "out/graph.ttl"]
    code, out, err = run(capsys, "query", name, seed_graph, *argv[3:])
    assert code == 0, err
    assert re.search(r"^\(\d+ rows?\)$", out, flags=re.MULTILINE)


def test_query_with_parameters(capsys: pytest.CaptureFixture[str], seed_graph: Path) -> None:
    argv = ("query", "events_in_date_range", seed_graph, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(run(capsys, *argv, "--param", "since=2023-11-05")[1])))
    assert rows and {row["event_date"] for row in rows} == {"2023-11-05"}
    assert run(capsys, *argv, "--param", "since=2023-11-06")[1] == "event_date,start_time,kind,label,doc_id,event\r\n"
    code, out, err = run(capsys, *argv, "--param", "since=yesterday")
    assert (code, out) == (2, "")
    assert err == ("kg: [E019] query 'events_in_date_range': parameter 'since' must be a date YYYY-MM-DD, "
                   "got 'yesterday'\n")


def test_query_regions_targeted_by_drones(capsys: pytest.CaptureFixture[str], seed_graph: Path) -> None:
    code, out, _ = run(capsys, "query", "regions_targeted_by_drones", seed_graph, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert any("RU-BRY" in row for row in rows[1:])
    assert any("RU-KRS" in row for row in rows[1:])
    assert run(capsys, "query", "regions_targeted_by_drones", seed_graph, "--format", "csv")[1] == out


def test_query_from_a_file_in_every_format(capsys: pytest.CaptureFixture[str], seed_graph: Path) -> None:
    query = queries_dir() / "events_table.rq"
    outputs = {fmt: run(capsys, "query", query, seed_graph, "--format", fmt) for fmt in RESULT_FORMATS}
    assert all(code == 0 for code, _, _ in outputs.values())
    assert outputs["table"][1].rstrip().endswith("rows)")
    assert outputs["csv"][1].startswith("doc_id,")
    assert outputs["json"][1].startswith("[")


def test_query_errors_exit_2(capsys: pytest.CaptureFixture[str], seed_graph: Path) -> None:
    code, _, err = run(capsys, "query", "no_such_query", seed_graph)
    assert code == 2 and err.startswith("kg: [E012] unknown query 'no_such_query'")
    code, _, err = run(capsys, "query", "events_table", seed_graph, "--param", "region=UA-32")
    assert code == 2 and err.startswith("kg: ") and "region" in err


# --- export --------------------------------------------------------------------------------


def test_export_events_csv(capsys: pytest.CaptureFixture[str], seed_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert run(capsys, "export", seed_graph, "--format", "events-csv", "-o", out) == (0, "", "")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and list(rows[0]) == list(EVENT_COLUMNS)
    assert {row["doc_id"] for row in rows} == {"seed-000"}
    code, stdout, _ = run(capsys, "export", seed_graph, "--format", "events-csv")
    assert (code, stdout) == (0, out.read_text(encoding="utf-8"))


def test_export_rdf_round_trips(capsys: pytest.CaptureFixture[str], seed_graph: Path, tmp_path: Path) -> None:
    original = Graph().parse(seed_graph)
    for fmt, suffix in (("nt", "nt"), ("nquads", "nq"), ("jsonld", "jsonld"), ("trig", "trig")):
        out = tmp_path / f"graph.{suffix}"
        assert run(capsys, "export", seed_graph, "--format", fmt, "-o", out)[0] == 0
        code, _, _ = run(capsys, "validate", out)
        assert code == 0
    assert len(Graph().parse(tmp_path / "graph.nt")) == len(original)


# --- network -------------------------------------------------------------------------------


def test_network_report_and_files(capsys: pytest.CaptureFixture[str], seed_graph: Path, tmp_path: Path) -> None:
    files = {option: tmp_path / "out" / f"actors.{option}" for option in ("graphml", "gexf", "png")}
    options = [arg for option, path in files.items() for arg in (f"--{option}", path)]
    code, out, err = run(capsys, "network", seed_graph, "--since", "2023-11-05", "--until", "2023-11-05", *options)
    assert (code, err) == (0, "")
    assert out.startswith("Actor network: ")
    assert "\nCentrality\n" in out and "\nStrongest dyads\n" in out and "\nCommunities\n1. " in out
    assert "Russian armed forces" in out
    assert all(path.stat().st_size > 0 for path in files.values())
    assert run(capsys, "network", seed_graph)[1] == out  # the seed's events are all of that day


def test_network_errors_exit_2(capsys: pytest.CaptureFixture[str], seed_graph: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "network", seed_graph, "--since", "5 Nov")
    assert code == 2 and err.startswith("kg: [E019]") and "'since' must be a date YYYY-MM-DD" in err
    code, _, err = run(capsys, "network", seed_graph, "--png", tmp_path)  # a folder
    assert code == 2 and err.startswith(f"kg: [E011] {tmp_path}: cannot write")


# --- a real process ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "code"),
    [(["--help"], 0), (["query", "--list"], 0), (["validate", "missing.ttl"], 2), (["frobnicate"], 2)],
    ids=["help", "query-list", "validate-missing", "unknown-command"],
)
def test_exit_codes_of_a_real_process(argv: list[str], code: int) -> None:
    process = run_process(*argv)
    assert process.returncode == code, process.stderr
    assert "Traceback" not in process.stderr


def test_real_process_validates_the_seed_graph(seed_graph: Path, tmp_path: Path) -> None:
    assert run_process("validate", seed_graph).returncode == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        seed_graph.read_text(encoding="utf-8")
        + "\n<https://w3id.org/kg-conflict/id/place/xx-bad> a "
          "<https://w3id.org/kg-conflict/ontology#Region> ;\n"
          "    <https://w3id.org/kg-conflict/ontology#isoCode> \"not a code\" .\n",
        encoding="utf-8",
    )
    process = run_process("validate", broken)
    assert process.returncode == 1
    assert "xx-bad" in process.stdout


@pytest.mark.parametrize("command", [["--help"], ["validate", "GRAPH"], ["query", "--list"]])
def test_only_build_imports_spacy(seed_graph: Path, command: list[str]) -> None:
    argv = [str(seed_graph) if arg == "GRAPH" else arg for arg in command]
    script = f"import sys; from kg.cli import main; main({argv!r}); print('spacy' in sys.modules)"
    process = python("-c", script)
    assert process.stdout.splitlines()[-1] == "False"


# --- the Python API over the same functions ------------------------------------------------


def test_python_api(seed_graph: Path, tmp_path: Path) -> None:
    import kg

    graph = kg.load(seed_graph)
    assert kg.validate(graph).conforms
    assert set(kg.build([SEEDS])) == set(graph)
    regions = {cell for row in kg.query(graph, "regions_targeted_by_drones").rows for cell in row}
    assert {"RU-BRY", "RU-KRS"} <= regions
    kg.export(graph, "events-csv", tmp_path / "events.csv")
    assert (tmp_path / "events.csv").read_text(encoding="utf-8").startswith("doc_id,")
    assert sorted(kg.__all__) == ["__version__", "build", "export", "load", "network", "query", "remove",
                               "validate"]
