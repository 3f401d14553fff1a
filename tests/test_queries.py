"""The stored queries answer their questions on the small graph; the catalogue, loading and formats."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.errors import KgError
from kg.export import EVENT_COLUMNS
from kg.graph import add_event, event_iri, new_graph
from kg.queries import QueryResult, catalogue, format_result, load_query, run_query
from kg.records import Event, EventDate, Place, Sentence
from kg.resources import queries_dir

KYIV_TIME = dt.timezone(dt.timedelta(hours=2))
EXPECTED = {
    "regions_targeted_by_drones": [("RU-BRY", "Bryansk Oblast"), ("RU-KRS", "Kursk Oblast")],
    "interceptions": [
        ("2023-11-05", "drone", "drone", None, 2, None, "Russian Ministry of Defence", "UA"),
        ("2023-11-05", "cruise missile", "missile", None, 4, "Ukrainian air defence", None, "RU"),
    ],
    "casualties_damage_by_region": [
        ("UA", "UA-05", "Vinnytsia Oblast", 1, 1, 3, None),
        ("UA", "UA-32", "Kyiv Oblast", 1, None, 2, 10),
    ],
    "air_raid_alerts": [
        ("2023-11-05", "Ukraine", dt.datetime(2023, 11, 5, 3, tzinfo=KYIV_TIME),
         dt.datetime(2023, 11, 5, 6, tzinfo=KYIV_TIME), dt.timedelta(hours=3)),
    ],
    "actor_pairs": [
        ("Russian armed forces", "RU", "Kyiv Oblast", 1),
        ("Russian armed forces", "RU", "Ukraine", 1),
        ("Russian armed forces", "RU", "civilians", 1),
        ("Ukrainian armed forces", "UA", "Bryansk Oblast", 1),
        ("Ukrainian armed forces", "UA", "Kursk Oblast", 1),
    ],
}
HEADER = "# title: Region labels\n# question: What is the name of a region?\n# parameters: ?code, an ISO 3166-2 code\n"
REGION_LABEL = HEADER + """PREFIX cf: <https://w3id.org/kg-conflict/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label WHERE { ?region a cf:Region ; cf:isoCode ?code ; rdfs:label ?label } ORDER BY ?label
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_stored_query_has_expected_rows() -> None:
    assert set(catalogue()) == {*EXPECTED, "events_table"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_stored_query_rows(small_graph: Graph, name: str) -> None:
    assert run_query(small_graph, name).rows == EXPECTED[name]


def test_events_table_query(small_graph: Graph, small_events: tuple[Event, ...]) -> None:
    # the export's post-processing is tested in test_export.py; here: one row per event, in order
    result = run_query(small_graph, "events_table")
    assert result.columns == list(EVENT_COLUMNS)
    assert [(row[0], row[5], row[2], row[1]) for row in result.rows] == sorted(
        ("t-1", event.date.value, event.kind, str(event_iri(event))) for event in small_events if event.date
    )
    assert len(result.rows) == len(small_events)


def test_casualties_of_an_event_placed_only_in_a_country(small_graph: Graph) -> None:
    graph = new_graph()
    graph += small_graph
    add_event(graph, Event(
        "strike", "t-1", (Sentence(9, 900, 920, "Three people died."),), date=EventDate("2023-11-05", "day"),
        places=(Place("country", "UA", "Ukraine", "UA"),), counts={"killed": 3},
    ))
    assert run_query(graph, "casualties_damage_by_region").rows == [
        ("UA", None, None, 1, 3, None, None), *EXPECTED["casualties_damage_by_region"],
    ]


def test_catalogue_reads_every_header() -> None:
    queries = catalogue()
    assert sorted(queries) == sorted(path.stem for path in queries_dir().glob("*.rq"))
    for name, query in queries.items():
        assert query.name == name and query.path == queries_dir() / f"{name}.rq"
        assert query.title and query.question.endswith((".", "?")), name
        assert f"# example: kg query {name} out/graph.ttl" in query.text
        assert query.parameters == ()
        assert "ORDER BY" in query.text, f"{name} has no deterministic order"
    assert queries["regions_targeted_by_drones"].title == "Regions targeted by drones"
    assert queries["interceptions"].question.startswith(
        "Which weapons were intercepted, how many, by whom, and whose weapons were they? One row"
    )


def test_load_query_checks_the_sparql() -> None:
    assert load_query("interceptions").text.startswith("# title: Interceptions\n")


def test_unknown_query_name() -> None:
    with pytest.raises(KgError, match=r"\[E012\] unknown query 'nosuch'; known queries: actor_pairs, "):
        load_query("nosuch")


def test_missing_query_file(tmp_path: Path) -> None:
    with pytest.raises(KgError, match=r"\[E006\] .*nosuch\.rq: no such file"):
        run_query(Graph(), str(tmp_path / "nosuch.rq"))


@pytest.mark.parametrize(("text", "detail"), [
    ("SELEC ?x WHERE { ?x ?p ?o }", "Expected"),
    ("SELECT ?x WHERE { ?x foo:bar ?o }", "Unknown namespace prefix : foo"),
    ("ASK { ?s ?p ?o }", "only SELECT queries can be run"),
])
def test_bad_query_file(tmp_path: Path, text: str, detail: str) -> None:
    path = write(tmp_path, "bad.rq", text)
    with pytest.raises(KgError, match=r"\[E013\] .*bad\.rq: bad SPARQL query \(") as caught:
        load_query(str(path))
    assert detail in str(caught.value) and "\n" not in str(caught.value)


def test_query_given_as_a_file_with_a_parameter(small_graph: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "region_label.rq", REGION_LABEL)
    query = load_query(str(path))
    assert (query.name, query.title, query.parameters) == ("region_label", "Region labels", ("code",))
    assert run_query(small_graph, path, code="RU-KRS") == QueryResult(["label"], [("Kursk Oblast",)])
    assert len(run_query(small_graph, path).rows) == 5  # unbound: every region
    with pytest.raises(KgError, match=r"E018.*no parameter 'region'"):
        run_query(small_graph, path, region="RU-KRS")


def test_parameters_are_bound_not_pasted(small_graph: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "region_label.rq", REGION_LABEL)
    assert run_query(small_graph, path, code='RU-KRS" } UNION { ?region ?p ?label ').rows == []
    assert run_query(small_graph, path, code=URIRef("https://example.org/x")).rows == []


@pytest.fixture
def alerts(small_graph: Graph) -> QueryResult:
    return run_query(small_graph, "air_raid_alerts")


def test_format_table(alerts: QueryResult) -> None:
    assert format_result(alerts, "table") == "\n".join([
        "event_date  area     start_time                 end_time                   duration",
        "----------  -------  -------------------------  -------------------------  --------",
        "2023-11-05  Ukraine  2023-11-05T03:00:00+02:00  2023-11-05T06:00:00+02:00  PT3H",
        "(1 row)",
    ])


def test_format_table_of_empty_cells_and_long_text() -> None:
    result = QueryResult(["name", "n"], [("two\nlines", None), ("x", 12345)])
    assert format_result(result, "table").splitlines() == [
        "name       n", "---------  -----", "two lines", "x          12345", "(2 rows)",
    ]


def test_format_csv(alerts: QueryResult) -> None:
    assert format_result(alerts, "csv") == (
        "event_date,area,start_time,end_time,duration\r\n"
        "2023-11-05,Ukraine,2023-11-05T03:00:00+02:00,2023-11-05T06:00:00+02:00,PT3H\r\n"
    )
    quoted = QueryResult(["a", "b"], [('x, "y"', None), (Decimal("1.50"), 3)])
    assert format_result(quoted, "csv") == 'a,b\r\n"x, ""y""",\r\n1.50,3\r\n'


def test_format_json(alerts: QueryResult) -> None:
    assert json.loads(format_result(alerts, "json")) == [{
        "event_date": "2023-11-05", "area": "Ukraine", "start_time": "2023-11-05T03:00:00+02:00",
        "end_time": "2023-11-05T06:00:00+02:00", "duration": "PT3H",
    }]
    typed = QueryResult(["a", "b", "c"], [(Decimal("49.23220"), None, 4)])
    assert json.loads(format_result(typed, "json")) == [{"a": 49.2322, "b": None, "c": 4}]


def test_unknown_result_format(alerts: QueryResult) -> None:
    with pytest.raises(KgError, match=r"\[E014\] unknown format 'xml'; expected one of: table, csv, json"):
        format_result(alerts, "xml")
