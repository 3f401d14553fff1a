"""The stored queries answer their questions on the small graph; the catalogue, loading and formats."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg import gazetteer
from kg.errors import KgError
from kg.export import EVENT_COLUMNS
from kg.graph import add_event, event_iri, new_graph
from kg.queries import (
    PARAMETER_TYPES,
    Parameter,
    QueryResult,
    catalogue,
    describe_catalogue,
    format_result,
    load_query,
    run_query,
)
from kg.records import Event, EventDate, Place, Sentence
from kg.resources import queries_dir

KYIV_TIME = dt.timezone(dt.timedelta(hours=2))
ACTOR = "https://w3id.org/kg-conflict/id/actor/"
# the ends of the actor network's edges: IRI, class, side, label
RU_FORCES = (ACTOR + "ru/russian-armed-forces", "ArmedForces", "RU", "Russian armed forces")
UA_FORCES = (ACTOR + "ua/ukrainian-armed-forces", "ArmedForces", "UA", "Ukrainian armed forces")
UA_AIR_DEFENCE = (ACTOR + "ua/ukrainian-air-defence", "AirDefence", "UA", "Ukrainian air defence")
UA_AIR_FORCE = (ACTOR + "ua/ukrainian-air-force", "ArmedForces", "UA", "Ukrainian Air Force")
RU_MOD = (ACTOR + "ru/russian-ministry-of-defence", "Government", "RU", "Russian Ministry of Defence")
CIVILIANS = (ACTOR + "ua/civilians", "Civilians", "UA", "civilians")
UKRAINE = ("https://w3id.org/kg-conflict/id/place/ua", "Country", "UA", "Ukraine")
RUSSIA = ("https://w3id.org/kg-conflict/id/place/ru", "Country", "RU", "Russia")
KYIV_OBLAST = ("UA-32", "Kyiv Oblast")
VINNYTSIA_OBLAST = ("UA-05", "Vinnytsia Oblast")
DRONE_REGIONS = [("RU-BEL", "Belgorod Oblast"), ("RU-BRY", "Bryansk Oblast"), ("RU-KRS", "Kursk Oblast"),
                 VINNYTSIA_OBLAST, KYIV_OBLAST]
# per region, the highest count any one event of a day states, summed over days: Kyiv Oblast's
# two reports of 2023-11-05 (t-1: 2 injured, t-2: 3) give 3; Vinnytsia's strikes of 2023-11-06
# and 2023-11-09 are added up
CASUALTIES = [
    ("RU", "RU-BEL", "Belgorod Oblast", 1, None, 1, None),
    ("UA", *VINNYTSIA_OBLAST, 2, 1, 3, 4),
    ("UA", *KYIV_OBLAST, 2, None, 3, 10),
]


@pytest.fixture(scope="module")
def expected(small_events: tuple[Event, ...], second_events: tuple[Event, ...]) -> dict[str, list[tuple]]:
    """Each stored query's rows on the small graph, all parameters unbound."""
    (intercepted_missiles, kyiv_strike, _, intercepted_drones, vinnytsia_strike, annexation) = (
        str(event_iri(event)) for event in small_events)
    (reported_missiles, kyiv_report, vinnytsia_drones, belgorod_strike, kyiv_alert, clash) = (
        str(event_iri(event)) for event in second_events)
    return {
        "regions_targeted_by_drones": DRONE_REGIONS,
        "regions_targeted_by_missiles": [VINNYTSIA_OBLAST, KYIV_OBLAST],
        "interceptions": [
            ("2023-11-05", "drone", "drone", None, 2, None, "Russian Ministry of Defence", "UA"),
            ("2023-11-05", "cruise missile", "missile", None, 4, "Ukrainian air defence", None, "RU"),
            ("2023-11-05", "cruise missile", "missile", 6, 3, "Ukrainian air defence", "Ukrainian Air Force", "RU"),
        ],
        # the rate is over the interceptions stating both counts: 3 of 6
        "interceptions_by_weapon": [("drone", 1, 2, None, None), ("missile", 2, 7, 6, Decimal("0.5"))],
        "interceptions_by_interceptor": [(None, None, 1, 2, None, None),
                                         ("Ukrainian air defence", "UA", 2, 7, 6, Decimal("0.5"))],
        "casualties_damage_by_region": CASUALTIES,
        "casualties_damage_by_month": [("2023-11", *row) for row in CASUALTIES],
        "region_timeline": [
            ("2014", None, "UA-43", "Autonomous Republic of Crimea", "other", *[None] * 7, annexation),
            ("2023-10-20", None, "UA-14", "Donetsk Oblast", "armed_clash", "Russian armed forces",
             *[None] * 6, clash),
            ("2023-11-05", None, "RU-BRY", "Bryansk Oblast", "interception", "Ukrainian armed forces", "drone",
             None, 2, None, None, None, intercepted_drones),
            ("2023-11-05", None, "RU-KRS", "Kursk Oblast", "interception", "Ukrainian armed forces", "drone",
             None, 2, None, None, None, intercepted_drones),
            ("2023-11-05", None, *KYIV_OBLAST, "strike", "Russian armed forces", "drone",
             None, None, None, 3, None, kyiv_report),
            ("2023-11-05", None, *KYIV_OBLAST, "strike", "Russian armed forces", "missile",
             None, None, None, 2, 10, kyiv_strike),
            ("2023-11-05", None, *KYIV_OBLAST, "strike", "Russian armed forces", "missile",
             None, None, None, 3, None, kyiv_report),
            ("2023-11-06", None, "UA-05", "Vinnytsia", "strike", "Russian armed forces", "missile",
             None, None, 1, 3, None, vinnytsia_strike),
            ("2023-11-08", None, "RU-BEL", "Belgorod Oblast", "strike", "Ukrainian armed forces", "drone",
             None, None, None, 1, None, belgorod_strike),
            ("2023-11-08", "2023-11-08T01:10:00+02:00", "UA-30", "Kyiv City", "air_raid_alert", *[None] * 7,
             kyiv_alert),
            ("2023-11-09", None, "UA-05", "Vinnytsia", "strike", "Russian armed forces", "drone",
             None, None, None, None, 4, vinnytsia_drones),
        ],
        "air_raid_alerts": [
            ("2023-11-05", "Ukraine", dt.datetime(2023, 11, 5, 3, tzinfo=KYIV_TIME),
             dt.datetime(2023, 11, 5, 6, tzinfo=KYIV_TIME), dt.timedelta(hours=3), "t-1"),
            # no duration reported: the time between start and end
            ("2023-11-08", "Kyiv City", dt.datetime(2023, 11, 8, 1, 10, tzinfo=KYIV_TIME),
             dt.datetime(2023, 11, 8, 2, 40, tzinfo=KYIV_TIME), dt.timedelta(hours=1, minutes=30), "t-2"),
        ],
        "actor_pairs": [
            ("Russian armed forces", "RU", "Kyiv Oblast", 2),
            ("Russian armed forces", "RU", "Ukraine", 2),
            ("Russian armed forces", "RU", "Ukrainian armed forces", 1),
            ("Russian armed forces", "RU", "Vinnytsia", 1),
            ("Russian armed forces", "RU", "civilians", 1),
            ("Ukrainian armed forces", "UA", "Belgorod Oblast", 1),
            ("Ukrainian armed forces", "UA", "Bryansk Oblast", 1),
            ("Ukrainian armed forces", "UA", "Kursk Oblast", 1),
        ],
        "weapons_by_side": [
            ("RU", "drone", "Shahed drone", 2, 2, 0),
            ("RU", "missile", "cruise missile", 4, 2, 2),
            ("RU", "missile", "Kh-101 missile", 1, 1, 0),
            ("UA", "drone", "drone", 2, 1, 1),
        ],
        "events_by_source": [
            ("t-1", "2023-11-07", None, None, 6, 2, 2, 1, 0, 1),
            ("t-2", "2023-11-09", "Example News", "https://example.org/news/t-2", 6, 3, 1, 1, 1, 0),
        ],
        "conflicting_claims": [
            ("2023-11-05", "interception", "Ukraine", "intercepted", 4, "t-1", None, 3, "t-2", "Ukrainian Air Force",
             intercepted_missiles, reported_missiles),
            ("2023-11-05", "strike", "Kyiv Oblast", "injured", 2, "t-1", None, 3, "t-2", None,
             kyiv_strike, kyiv_report),
        ],
        "places_hit_more_than_once": [("Vinnytsia", "UA-05", "UA", 2, 2, "2023-11-06", "2023-11-09")],
        "events_in_date_range": [
            ("2023-10-20", None, "armed_clash", "armed clash, 2023-10-20, Donetsk Oblast", "t-2", clash),
            ("2023-11-05", None, "interception", "interception, 2023-11-05, Bryansk Oblast, Kursk Oblast", "t-1",
             intercepted_drones),
            ("2023-11-05", None, "interception", "interception, 2023-11-05, Ukraine", "t-1", intercepted_missiles),
            ("2023-11-05", None, "interception", "interception, 2023-11-05, Ukraine", "t-2", reported_missiles),
            ("2023-11-05", None, "strike", "strike, 2023-11-05, Kyiv Oblast", "t-1", kyiv_strike),
            ("2023-11-05", None, "strike", "strike, 2023-11-05, Kyiv Oblast", "t-2", kyiv_report),
            ("2023-11-05", "2023-11-05T03:00:00+02:00", "air_raid_alert", "air raid alert, 2023-11-05, Ukraine",
             "t-1", str(event_iri(small_events[2]))),
            ("2023-11-06", None, "strike", "strike, 2023-11-06, Vinnytsia", "t-1", vinnytsia_strike),
            ("2023-11-08", None, "strike", "strike, 2023-11-08, Belgorod Oblast", "t-2", belgorod_strike),
            ("2023-11-08", "2023-11-08T01:10:00+02:00", "air_raid_alert", "air raid alert, 2023-11-08, Kyiv City",
             "t-2", kyiv_alert),
            ("2023-11-09", None, "strike", "strike, 2023-11-09, Vinnytsia", "t-2", vinnytsia_drones),
        ],
        "actor_network": [
            ("attack", *RU_FORCES, *UA_FORCES, "2023-10-20", None, None, None, None, None, None, clash),
            ("attack", *RU_FORCES, *UKRAINE, "2023-11-05", "missile", None, None, None, 2, 10, kyiv_strike),
            ("attack", *RU_FORCES, *UKRAINE, "2023-11-05", "drone", None, None, None, 3, None, kyiv_report),
            ("attack", *RU_FORCES, *UKRAINE, "2023-11-05", "missile", None, None, None, 3, None, kyiv_report),
            ("claim", *RU_MOD, *UA_FORCES, "2023-11-05", "drone", None, 2, None, None, None, intercepted_drones),
            ("claim", *UA_AIR_FORCE, *RU_FORCES, "2023-11-05", "missile", 6, 3, None, None, None, reported_missiles),
            ("interception", *UA_AIR_DEFENCE, *RU_FORCES, "2023-11-05", "missile", None, 4, None, None, None,
             intercepted_missiles),
            ("interception", *UA_AIR_DEFENCE, *RU_FORCES, "2023-11-05", "missile", 6, 3, None, None, None,
             reported_missiles),
            ("attack", *RU_FORCES, *CIVILIANS, "2023-11-06", "missile", None, None, 1, 3, None, vinnytsia_strike),
            ("attack", *UA_FORCES, *RUSSIA, "2023-11-08", "drone", None, None, None, 1, None, belgorod_strike),
            ("claim", *RU_MOD, *UA_FORCES, "2023-11-08", "drone", None, None, None, 1, None, belgorod_strike),
            ("attack", *RU_FORCES, *UKRAINE, "2023-11-09", "drone", None, None, None, None, 4, vinnytsia_drones),
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


def test_every_stored_query_has_expected_rows(expected: dict[str, list[tuple]]) -> None:
    assert set(catalogue()) == {*expected, "events_table", "event_provenance"}


@pytest.mark.parametrize("name", sorted(set(catalogue()) - {"events_table", "event_provenance"}))
def test_stored_query_rows(small_graph: Graph, expected: dict[str, list[tuple]], name: str) -> None:
    assert run_query(small_graph, name).rows == expected[name]


def test_events_table_query(
    small_graph: Graph, small_events: tuple[Event, ...], second_events: tuple[Event, ...]
) -> None:
    # the export's post-processing is tested in test_export.py; here: one row per event, in order
    events = small_events + second_events
    result = run_query(small_graph, "events_table")
    assert result.columns == list(EVENT_COLUMNS)
    assert [(row[0], row[5], row[2], row[1]) for row in result.rows] == sorted(
        (event.doc_id, event.date.value, event.kind, str(event_iri(event))) for event in events if event.date
    )
    assert len(result.rows) == len(events)


def test_casualties_of_an_event_placed_only_in_a_country(small_graph: Graph) -> None:
    graph = new_graph()
    graph += small_graph
    add_event(graph, Event(
        "strike", "t-1", (Sentence(9, 900, 920, "Three people died."),), date=EventDate("2023-11-05", "day"),
        places=(Place("country", "UA", "Ukraine", "UA"),), counts={"killed": 3},
    ))
    assert run_query(graph, "casualties_damage_by_region").rows == [
        CASUALTIES[0], ("UA", None, None, 1, 3, None, None), *CASUALTIES[1:],
    ]


def test_casualties_are_the_highest_report_of_each_day(small_graph: Graph) -> None:
    graph = new_graph()
    graph += small_graph
    kherson = gazetteer.region("UA-65")
    add_event(graph, Event(  # a third report of the Kyiv Oblast strike: the most killed, the fewest injured
        "strike", "t-3", (Sentence(0, 0, 40, "Four were killed and one injured."),),
        date=EventDate("2023-11-05", "day"), places=(gazetteer.region("UA-32"),), counts={"killed": 4, "injured": 1},
    ))
    for index, killed in enumerate((2, 3)):  # events without a date: each a day of its own
        add_event(graph, Event(
            "strike", "t-3", (Sentence(index + 1, 100, 120, "People were killed."),), places=(kherson,),
            counts={"killed": killed},
        ))
    assert run_query(graph, "casualties_damage_by_region").rows == [
        *CASUALTIES[:2], ("UA", *KYIV_OBLAST, 3, 4, 3, 10), ("UA", "UA-65", "Kherson Oblast", 2, 5, None, None),
    ]
    assert run_query(graph, "casualties_damage_by_month").rows == [
        (None, "UA", "UA-65", "Kherson Oblast", 2, 5, None, None),
        *[("2023-11", *row) for row in (*CASUALTIES[:2], ("UA", *KYIV_OBLAST, 3, 4, 3, 10))],
    ]


def test_provenance_of_an_event(small_graph: Graph, small_events: tuple[Event, ...]) -> None:
    vinnytsia_strike = event_iri(small_events[4])
    result = run_query(small_graph, "event_provenance", event=str(vinnytsia_strike))
    assert result.columns == ["event", "doc_id", "outlet", "url", "published", "sentence", "start_char",
                              "end_char", "text"]
    assert result.rows == [  # the sentences in their order in the article
        (str(vinnytsia_strike), "t-1", None, None, "2023-11-07", 4, 400, 434,
         "A missile hit Vinnytsia on Monday."),
        (str(vinnytsia_strike), "t-1", None, None, "2023-11-07", 5, 500, 540,
         "One person was killed and three injured."),
    ]
    assert run_query(small_graph, "event_provenance", event=vinnytsia_strike).rows == result.rows


def test_provenance_of_every_event(
    small_graph: Graph, small_events: tuple[Event, ...], second_events: tuple[Event, ...]
) -> None:
    rows = run_query(small_graph, "event_provenance").rows
    events = small_events + second_events
    assert len(rows) == sum(len(event.sentences) for event in events)
    assert rows[-1][1:5] == ("t-2", "Example News", "https://example.org/news/t-2", "2023-11-09")


@pytest.mark.parametrize(("name", "params", "rows"), [
    ("regions_targeted_by_drones", {"since": "2023-11-06"}, [("RU-BEL", "Belgorod Oblast"), VINNYTSIA_OBLAST]),
    ("regions_targeted_by_drones", {"until": dt.date(2023, 11, 5)},
     [("RU-BRY", "Bryansk Oblast"), ("RU-KRS", "Kursk Oblast"), KYIV_OBLAST]),
    ("regions_targeted_by_drones", {"since": "2023-11-06", "until": "2023-11-08"}, [("RU-BEL", "Belgorod Oblast")]),
    ("regions_targeted_by_drones", {"since": None, "until": "2023-11-08"}, [*DRONE_REGIONS[:3], KYIV_OBLAST]),
    ("casualties_damage_by_month", {"region": "UA-05"}, [("2023-11", *CASUALTIES[1])]),
    ("casualties_damage_by_region", {"region": "UA-05"}, None),  # no such parameter
])
def test_parameters_narrow_the_rows(
    small_graph: Graph, name: str, params: dict[str, object], rows: list[tuple] | None
) -> None:
    if rows is None:
        with pytest.raises(KgError, match=r"\[E018\] query 'casualties_damage_by_region' has no parameter 'region' "
                                          r"\(its parameters: since, until\)"):
            run_query(small_graph, name, **params)
    else:
        assert run_query(small_graph, name, **params).rows == rows


def test_timeline_of_one_region_in_a_date_range(small_graph: Graph, expected: dict[str, list[tuple]]) -> None:
    kyiv = [row for row in expected["region_timeline"] if row[2] == "UA-32"]
    assert run_query(small_graph, "region_timeline", region="UA-32").rows == kyiv
    assert run_query(small_graph, "region_timeline", region="UA-32", since="2023-11-06").rows == []
    vinnytsia = run_query(small_graph, "region_timeline", region="UA-05", since="2023-11-07", until="2023-11-30")
    assert [row[0] for row in vinnytsia.rows] == ["2023-11-09"]


def test_events_in_a_date_range(small_graph: Graph, expected: dict[str, list[tuple]]) -> None:
    result = run_query(small_graph, "events_in_date_range", since="2023-11-06", until="2023-11-08")
    assert result.rows == [row for row in expected["events_in_date_range"] if "2023-11-06" <= row[0] <= "2023-11-08"]
    # bound as xsd:date: events dated only to the year (the annexation, 2014) are in no range of days
    assert len(run_query(small_graph, "events_in_date_range", since="1900-01-01").rows) == 11


@pytest.mark.parametrize(("params", "message"), [
    ({"since": "2023-02-30"}, r"parameter 'since' must be a date YYYY-MM-DD, got '2023-02-30'"),
    ({"since": "5 November"}, r"parameter 'since' must be a date YYYY-MM-DD, got '5 November'"),
    ({"until": dt.datetime(2023, 11, 5, 3)}, r"parameter 'until' must be a date YYYY-MM-DD"),
])
def test_a_date_parameter_needs_a_date(small_graph: Graph, params: dict[str, object], message: str) -> None:
    with pytest.raises(KgError, match=r"\[E019\] query 'events_in_date_range': " + message):
        run_query(small_graph, "events_in_date_range", **params)


def test_an_iri_parameter_needs_an_iri(small_graph: Graph) -> None:
    with pytest.raises(KgError, match=r"\[E019\] query 'event_provenance': parameter 'event' must be an absolute IRI, "
                                      r"got 'strike 1'"):
        run_query(small_graph, "event_provenance", event="strike 1")


def test_unknown_parameter_type(tmp_path: Path) -> None:
    path = write(tmp_path, "typed.rq", HEADER.replace("?code,", "?code (xsd:integer),") + "SELECT * {}")
    with pytest.raises(KgError, match=r"\[E020\] .*typed\.rq: parameter 'code' has unknown type 'xsd:integer'; "
                                      r"expected one of: xsd:date, IRI"):
        load_query(path)


def test_result_as_a_dataframe(small_graph: Graph) -> None:
    frame = run_query(small_graph, "interceptions_by_weapon").to_dataframe()
    assert list(frame.columns) == ["weapon_class", "interceptions", "intercepted", "launched", "rate"]
    assert frame["weapon_class"].tolist() == ["drone", "missile"]
    assert frame["intercepted"].sum() == 9
    assert frame.loc[1, "rate"] == Decimal("0.5")
    assert frame.isna().loc[0, "rate"]


def test_catalogue_reads_every_header() -> None:
    queries = catalogue()
    assert sorted(queries) == sorted(path.stem for path in queries_dir().glob("*.rq"))
    for name, query in queries.items():
        assert query.name == name and query.path == queries_dir() / f"{name}.rq"
        assert query.title and query.question.endswith((".", "?")), name
        assert f"# example: kg query {name} out/graph.ttl" in query.text
        sparql = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
        for parameter in query.parameters:
            assert parameter.type in ("", *PARAMETER_TYPES), name
            assert re.search(rf"\?{parameter.name}\b", sparql), f"{name} does not use ?{parameter.name}"
        assert "ORDER BY" in query.text, f"{name} has no deterministic order"
    assert queries["region_timeline"].parameters == (
        Parameter("region"), Parameter("since", "xsd:date"), Parameter("until", "xsd:date"))
    assert queries["event_provenance"].parameters == (Parameter("event", "IRI"),)
    assert queries["events_by_source"].parameters == ()
    assert queries["regions_targeted_by_drones"].title == "Regions targeted by drones"
    assert queries["interceptions"].question.startswith(
        "Which weapons were intercepted, how many, by whom, and whose weapons were they? One row"
    )


def test_describe_the_catalogue() -> None:
    text = describe_catalogue()
    paragraphs = text.split("\n\n")
    assert [paragraph.split()[0] for paragraph in paragraphs] == list(catalogue())
    timeline = next(paragraph for paragraph in paragraphs if paragraph.startswith("region_timeline "))
    assert timeline.splitlines()[:2] == [
        "region_timeline  Timeline of a region",
        "    What happened in a first-level region, in order? One row per event, place in the region (a",
    ]
    assert "    parameters: ?region, a region's ISO 3166-2 code such as UA-32" in timeline
    assert timeline.endswith("\n    example: kg query region_timeline out/graph.ttl --param region=UA-32")
    assert all(len(line) <= 100 for line in text.splitlines() if "example: " not in line)


def test_load_query_checks_the_sparql() -> None:
    assert load_query("interceptions").text.startswith("# title: Interceptions\n")


def test_unknown_query_name() -> None:
    with pytest.raises(KgError, match=r"\[E012\] unknown query 'nosuch'; known queries: actor_network, actor_pairs, "):
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
    assert (query.name, query.title, query.parameters) == ("region_label", "Region labels", (Parameter("code"),))
    assert run_query(small_graph, path, code="RU-KRS") == QueryResult(["label"], [("Kursk Oblast",)])
    assert len(run_query(small_graph, path).rows) == 8  # unbound: every region
    with pytest.raises(KgError, match=r"E018.*no parameter 'region'"):
        run_query(small_graph, path, region="RU-KRS")


def test_parameters_are_bound_not_pasted(small_graph: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "region_label.rq", REGION_LABEL)
    assert run_query(small_graph, path, code='RU-KRS" } UNION { ?region ?p ?label ').rows == []
    assert run_query(small_graph, path, code=URIRef("https://example.org/x")).rows == []


@pytest.fixture
def alerts(small_graph: Graph) -> QueryResult:
    return run_query(small_graph, "air_raid_alerts", until="2023-11-05")


def test_format_table(alerts: QueryResult) -> None:
    assert format_result(alerts, "table") == "\n".join([
        "event_date  area     start_time                 end_time                   duration  doc_id",
        "----------  -------  -------------------------  -------------------------  --------  ------",
        "2023-11-05  Ukraine  2023-11-05T03:00:00+02:00  2023-11-05T06:00:00+02:00  PT3H      t-1",
        "(1 row)",
    ])


def test_format_table_of_empty_cells_and_long_text() -> None:
    result = QueryResult(["name", "n"], [("two\nlines", None), ("x", 12345)])
    assert format_result(result, "table").splitlines() == [
        "name       n", "---------  -----", "two lines", "x          12345", "(2 rows)",
    ]


def test_format_csv(alerts: QueryResult) -> None:
    assert format_result(alerts, "csv") == (
        "event_date,area,start_time,end_time,duration,doc_id\r\n"
        "2023-11-05,Ukraine,2023-11-05T03:00:00+02:00,2023-11-05T06:00:00+02:00,PT3H,t-1\r\n"
    )
    quoted = QueryResult(["a", "b"], [('x, "y"', None), (Decimal("1.50"), 3)])
    assert format_result(quoted, "csv") == 'a,b\r\n"x, ""y""",\r\n1.50,3\r\n'


def test_format_json(alerts: QueryResult) -> None:
    assert json.loads(format_result(alerts, "json")) == [{
        "event_date": "2023-11-05", "area": "Ukraine", "start_time": "2023-11-05T03:00:00+02:00",
        "end_time": "2023-11-05T06:00:00+02:00", "duration": "PT3H", "doc_id": "t-1",
    }]
    typed = QueryResult(["a", "b", "c"], [(Decimal("49.23220"), None, 4)])
    assert json.loads(format_result(typed, "json")) == [{"a": 49.2322, "b": None, "c": 4}]


def test_unknown_result_format(alerts: QueryResult) -> None:
    with pytest.raises(KgError, match=r"\[E014\] unknown format 'xml'; expected one of: table, csv, json"):
        format_result(alerts, "xml")
