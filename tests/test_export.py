"""The events table and the graph files: values, round trips, determinism, errors."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.dataset import graph_name
from kg.errors import KgError
from kg.export import (
    ACLED_COLUMNS,
    EVENT_COLUMNS,
    EXPORT_FORMATS,
    acled_table,
    cell,
    events_table,
    export,
    sentence_text,
)
from kg.files import GRAPH_FORMATS, load_graph, n_quads, n_triples, save_graph
from kg.graph import add_document, add_event, article_iri, decimal_text, event_iri, new_graph
from kg.namespaces import CF
from kg.records import Article, Event, EventDate, Place, Sentence
from kg.resources import context_path
from kg.validate import validate

GUIDELINES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "GUIDELINES.md"
SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld"}
EMPTY = dict.fromkeys(EVENT_COLUMNS, "")


@pytest.fixture(scope="module")
def table(small_graph: Graph) -> list[dict[str, str]]:
    return events_table(small_graph)


def row_of(table: list[dict[str, str]], event: Event) -> dict[str, str]:
    return next(row for row in table if row["event_id"] == str(event_iri(event)))


def cells(row: dict[str, str], *columns: str) -> tuple[str, ...]:
    return tuple(row[column] for column in columns)


def test_columns_are_those_of_the_guidelines(table: list[dict[str, str]]) -> None:
    if not GUIDELINES.exists():
        pytest.skip(f"{GUIDELINES} is not here")
    text = GUIDELINES.read_text(encoding="utf-8").split("## The events table")[1].split("\n## ")[0]
    first_cells = re.findall(r"^\| ([^|]*) \|", text, flags=re.MULTILINE)
    documented = [name for cell_text in first_cells for name in re.findall(r"`(\w+)`", cell_text)]
    assert documented == list(EVENT_COLUMNS)
    assert all(list(row) == documented for row in table)


def test_rows_are_sorted_by_doc_date_kind_and_event(table: list[dict[str, str]]) -> None:
    assert [(row["doc_id"], row["event_date"], row["kind"]) for row in table] == [
        ("t-1", "2014", "other"),
        ("t-1", "2023-11-05", "air_raid_alert"),
        ("t-1", "2023-11-05", "interception"),
        ("t-1", "2023-11-05", "interception"),
        ("t-1", "2023-11-05", "strike"),
        ("t-1", "2023-11-06", "strike"),
        ("t-2", "2023-10-20", "armed_clash"),
        ("t-2", "2023-11-05", "interception"),
        ("t-2", "2023-11-05", "strike"),
        ("t-2", "2023-11-08", "air_raid_alert"),
        ("t-2", "2023-11-08", "strike"),
        ("t-2", "2023-11-09", "strike"),
    ]
    assert table[2]["event_id"] < table[3]["event_id"]


def test_interception_of_drones_over_two_regions(
    table: list[dict[str, str]], small_events: tuple[Event, ...]
) -> None:
    assert row_of(table, small_events[3]) == EMPTY | {
        "doc_id": "t-1",
        "event_id": str(event_iri(small_events[3])),
        "kind": "interception",
        "acled_event_type": "Strategic developments",
        "acled_sub_event_type": "Disrupted weapons use",
        "event_date": "2023-11-05",
        "attacker": "UA",
        "actor1": "Russian Ministry of Defence",  # who reported it, as no interceptor is named
        "actor2": "Ukrainian armed forces",
        "weapon_class": "drone",
        "weapon": "drone",
        "country": "RU",
        "admin1_iso": "RU-BRY;RU-KRS",
        "admin1": "Bryansk Oblast;Kursk Oblast",
        "intercepted": "2",
        "sentence": "Russia's defence ministry reported shooting down two drones in the Bryansk and Kursk "
                    "regions.",  # the line break of the sentence's text made a space
    }


def test_interception_by_air_defence_in_a_country(
    table: list[dict[str, str]], small_events: tuple[Event, ...]
) -> None:
    row = row_of(table, small_events[0])
    assert cells(row, "actor1", "actor2") == ("Ukrainian air defence", "Russian armed forces")
    assert row["attacker"] == "RU"
    assert cells(row, "country", "admin1_iso", "weapon", "intercepted") == ("UA", "", "cruise missile", "4")


def test_strike_in_a_settlement(
    table: list[dict[str, str]], small_events: tuple[Event, ...], vinnytsia: Place
) -> None:
    assert vinnytsia.latitude is not None and vinnytsia.longitude is not None
    assert row_of(table, small_events[4]) == EMPTY | {
        "doc_id": "t-1",
        "event_id": str(event_iri(small_events[4])),
        "kind": "strike",
        "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Shelling/artillery/missile attack",
        "event_date": "2023-11-06",
        "attacker": "RU",
        "actor1": "Russian armed forces",
        "actor2": "civilians",
        "weapon_class": "missile",
        "weapon": "Kh-101 missile",
        "country": "UA",
        "admin1_iso": "UA-05",
        "admin1": "Vinnytsia Oblast",
        "location": vinnytsia.name,
        "latitude": decimal_text(vinnytsia.latitude),
        "longitude": decimal_text(vinnytsia.longitude),
        "killed": "1",
        "injured": "3",
        "sentence": "A missile hit Vinnytsia on Monday. One person was killed and three injured.",
    }


def test_strike_alert_and_past_event(table: list[dict[str, str]], small_events: tuple[Event, ...]) -> None:
    strike = row_of(table, small_events[1])
    assert cells(strike, "admin1_iso", "admin1", "country") == ("UA-32", "Kyiv Oblast", "UA")
    assert cells(strike, "injured", "damaged_buildings", "killed", "actor2") == ("2", "10", "", "")
    alert = row_of(table, small_events[2])
    assert alert["start_time"] == "2023-11-05T03:00:00+02:00"
    assert alert["end_time"] == "2023-11-05T06:00:00+02:00"
    assert cells(alert, "country", "admin1_iso", "attacker", "weapon_class") == ("UA", "", "", "")
    past = row_of(table, small_events[5])
    assert cells(past, "kind", "event_date", "admin1_iso", "country") == ("other", "2014", "UA-43", "UA")


def test_coordinates_are_those_of_the_first_settlement_by_label(small_graph: Graph) -> None:
    svatove, luhansk = (
        Place("settlement", f"geonames:{geonames_id}", name, "UA", region="UA-09", region_name="Luhansk Oblast",
              latitude=latitude, longitude=longitude, geonames_id=geonames_id)
        for name, geonames_id, latitude, longitude in (("Svatove", 692118, 49.40926, 38.15534),
                                                       ("Luhansk", 702658, 48.56814, 39.30553))
    )
    graph = new_graph()
    graph += small_graph
    clash = Event("armed_clash", "t-2", (Sentence(0, 0, 9, "Fighting."),), places=(svatove, luhansk))
    add_event(graph, clash)
    table = events_table(graph)
    assert len(table) == len(events_table(small_graph)) + 1
    row = row_of(table, clash)
    assert cells(row, "location", "latitude", "longitude", "admin1_iso") == (
        "Luhansk;Svatove", "48.56814", "39.30553", "UA-09"
    )


def test_a_place_the_gazetteer_does_not_know_is_a_location_with_no_region(small_graph: Graph) -> None:
    graph = new_graph()
    graph += small_graph
    strike = Event("strike", "t-3", (Sentence(0, 0, 9, "Shelling."),), place_names=("Pyshchevyk",))
    add_document(graph, Article("t-3", "Shelling.", dt.date(2022, 2, 2)), [strike])
    row = row_of(events_table(graph), strike)
    assert cells(row, "location", "admin1_iso", "country") == ("Pyshchevyk", "", "")
    assert validate(graph).conforms


@pytest.mark.parametrize(("other_class", "rdf_class", "event_type", "sub_type"), [
    ("attack_on_civilians", CF.AttackOnCivilians, "Violence against civilians", "Attack"),
    ("remote_explosive", CF.RemoteExplosive, "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("property_destruction", CF.PropertyDestruction, "Strategic developments", "Looting/property destruction"),
    ("territory_change", CF.TerritoryChange, "Battles", "Government regains territory"),
    ("abduction", CF.Abduction, "Violence against civilians", "Abduction/forced disappearance"),
])
def test_other_events_that_are_no_background_have_their_class_and_are_of_kind_other(
    other_class: str, rdf_class: URIRef, event_type: str, sub_type: str,
) -> None:
    graph = new_graph()
    event = Event("other", "t-4", (Sentence(0, 0, 5, "Boom."),), date=EventDate("2022-02-02", "day"),
                  acled_event_type=event_type, acled_sub_event_type=sub_type, other_class=other_class)
    add_document(graph, Article("t-4", "Boom.", dt.date(2022, 2, 2)), [event])
    assert set(graph.objects(event_iri(event), RDF.type)) == {rdf_class}
    assert cells(row_of(events_table(graph), event), "kind", "acled_event_type") == ("other", event_type)
    assert validate(graph).conforms


def test_multi_valued_cells_are_sorted_and_unique() -> None:
    assert cell("admin1_iso", "RU-KRS;RU-BRY;RU-KRS") == "RU-BRY;RU-KRS"
    assert cell("weapon", "Shahed drone; Kalibr missile") == "Kalibr missile;Shahed drone"
    assert cell("weapon", "") == cell("launched", None) == ""
    assert cell("launched", 70) == "70"
    assert sentence_text("10 Last.\n9 Then  this.\n2 First.") == "First. Then  this. Last."


def test_events_csv(small_graph: Graph, table: list[dict[str, str]], tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    export(small_graph, "events-csv", path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == list(EVENT_COLUMNS)
        assert list(reader) == table
    assert path.read_bytes().startswith(b"doc_id,event_id,kind,acled_event_type,")


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_round_trip(small_graph: Graph, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"graph{SUFFIXES[fmt]}"
    export(small_graph, fmt, path)
    assert isomorphic(load_graph(path), small_graph)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_same_triples_give_the_same_bytes(small_graph: Graph, tmp_path: Path, fmt: str) -> None:
    reordered = new_graph()
    for triple in sorted(small_graph, reverse=True):
        reordered.add(triple)
    first, second, third = (tmp_path / f"{name}{SUFFIXES[fmt]}" for name in ("a", "b", "c"))
    save_graph(small_graph, first, fmt)
    save_graph(small_graph, second, fmt)
    save_graph(reordered, third, fmt)
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()


def test_json_ld_is_compacted_with_kg_context(small_graph: Graph, small_events: tuple[Event, ...],
                                             tmp_path: Path) -> None:
    path = tmp_path / "graph.jsonld"
    save_graph(small_graph, path, "jsonld")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"] == json.loads(context_path().read_text(encoding="utf-8"))["@context"]
    nodes = {node["@id"]: node for node in data["@graph"]}
    strike = nodes[str(event_iri(small_events[4]))]
    assert strike == {
        "@id": str(event_iri(small_events[4])),
        "@type": "Strike",
        "acledEventType": "Explosions/Remote violence",
        "acledSubEventType": "Shelling/artillery/missile attack",
        "attacker": "https://w3id.org/kg-conflict/id/actor/ru/russian-armed-forces",
        "date": {"@type": "xsd:date", "@value": "2023-11-06"},  # a date, a month or a year
        "datePrecision": "day",
        "derivedFrom": ["https://w3id.org/kg-conflict/id/article/t-1/sentence/4",
                        "https://w3id.org/kg-conflict/id/article/t-1/sentence/5"],
        "injured": "3",
        "killed": "1",
        "label": "strike, 2023-11-06, Vinnytsia",
        "place": "https://w3id.org/kg-conflict/id/place/geonames-689558",
        "target": "https://w3id.org/kg-conflict/id/actor/ua/civilians",
        "weapon": "https://w3id.org/kg-conflict/id/weapon/kh-101-missile",
    }
    assert nodes["https://w3id.org/kg-conflict/id/weapon/kh-101-missile"]["weaponClass"] == "Missile"
    # every key is a term of the context: no prefixed names, no full IRIs
    assert all(":" not in key for node in nodes.values() for key in node)


def test_the_context_names_every_term_of_the_ontology() -> None:
    context = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
    cf = context["cf"]
    terms = {name: value if isinstance(value, str) else value["@id"] for name, value in context.items()}
    named = {value.replace("cf:", cf) for value in terms.values() if value.startswith("cf:")}
    assert named == {cf + name for name in CF.__annotations__}  # every class and property of the ontology
    assert all(terms[name] == f"cf:{name}" for name in CF.__annotations__)  # each by its own name


@pytest.fixture(scope="module")
def one_article_graphs(small_events: tuple[Event, ...], second_events: tuple[Event, ...]) -> dict[str, Graph]:
    """Articles t-1 and t-2 each built into a graph of its own."""
    graphs = {}
    for article, events in ((Article("t-1", "(text)", date=dt.date(2023, 11, 7)), small_events),
                            (Article("t-2", "(text)", date=dt.date(2023, 11, 9), url="https://example.org/news/t-2",
                                     title="Missiles and drones overnight", outlet="Example News"), second_events)):
        graphs[article.doc_id] = new_graph()
        add_document(graphs[article.doc_id], article, events)
    return graphs


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_one_named_graph_per_article(
    small_graph: Graph, one_article_graphs: dict[str, Graph], tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"graph{SUFFIXES[fmt]}"
    export(small_graph, fmt, path)
    dataset = Dataset()
    dataset.parse(path, format="nquads" if fmt == "nquads" else "trig")
    names = {str(part.identifier) for part in dataset.graphs() if len(part)}
    assert names == {f"https://w3id.org/kg-conflict/id/article/{doc_id}/graph" for doc_id in ("t-1", "t-2")}
    for doc_id, alone in one_article_graphs.items():
        # an article's graph holds what it gave, places, actors and weapons included
        part = dataset.graph(URIRef(f"https://w3id.org/kg-conflict/id/article/{doc_id}/graph"))
        assert isomorphic(part, alone), doc_id
    # the Russian armed forces are described in both
    forces = URIRef("https://w3id.org/kg-conflict/id/actor/ru/russian-armed-forces")
    assert len(list(dataset.quads((forces, RDF.type, None, None)))) == 2


def test_triples_of_no_article_stay_in_the_default_graph(small_graph: Graph, tmp_path: Path) -> None:
    graph = new_graph()
    graph += small_graph
    note = (URIRef("https://example.org/note"), RDFS.comment, Literal("made by hand"))
    graph.add(note)
    for fmt in ("nquads", "trig"):
        path = tmp_path / f"graph{SUFFIXES[fmt]}"
        export(graph, fmt, path)
        assert isomorphic(load_graph(path), graph)
    assert path.read_text(encoding="utf-8").count("made by hand") == 1
    dataset = Dataset()
    dataset.parse(tmp_path / "graph.nq", format="nquads")
    assert list(dataset.default_graph) == [note]


def test_n_triples_and_n_quads_write_one_line_a_triple() -> None:
    """Literals are written as rdflib's N-Triples serializer writes them, one triple a line even when
    a text holds a character ``str.splitlines`` would split at (a form feed, a line separator)."""
    graph = new_graph()
    add_document(graph, Article("t-3", "(text)", title='A "quoted"\\ title\nover lines\r\u2028\x0c\x85end'), ())
    graph.add((article_iri("t-3"), RDFS.label, Literal("Київ", lang="uk")))
    nt, nq = n_triples(graph), n_quads(graph)
    assert nt.split("\n")[:-1] == sorted(line for line in graph.serialize(format="nt").split("\n") if line)
    assert nq.count("\n") == len(graph)
    dataset = Dataset()
    dataset.parse(data=nq, format="nquads")
    assert isomorphic(dataset.graph(graph_name(article_iri("t-3"))), graph)


def test_acled_csv(small_graph: Graph, tmp_path: Path, small_events: tuple[Event, ...]) -> None:
    path = tmp_path / "acled.csv"
    export(small_graph, "acled-csv", path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == list(ACLED_COLUMNS) == [
            "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location",
            "latitude", "longitude", "fatalities", "notes", "source",
        ]
        rows = list(reader)
    assert rows == acled_table(small_graph)
    # every event with an ACLED category (not the t-1 alert and annexation), in the events table's order
    assert [(row["event_date"], row["event_type"]) for row in rows] == [
        ("2023-11-05", "Strategic developments"), ("2023-11-05", "Strategic developments"),
        ("2023-11-05", "Explosions/Remote violence"), ("2023-11-06", "Explosions/Remote violence"),
        ("2023-10-20", "Battles"), ("2023-11-05", "Strategic developments"),
        ("2023-11-05", "Explosions/Remote violence"), ("2023-11-08", "Explosions/Remote violence"),
        ("2023-11-09", "Explosions/Remote violence"),
    ]
    assert rows[3] == {
        "event_date": "2023-11-06", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Russian armed forces",
        "actor2": "civilians", "admin1": "Vinnytsia Oblast", "location": "Vinnytsia",
        "latitude": "49.2322", "longitude": "28.46871", "fatalities": "1",
        "notes": "A missile hit Vinnytsia on Monday. One person was killed and three injured.",
        "source": "t-1",  # no outlet or URL: the article's id
    }
    assert rows[-1]["source"] == "Example News"
    assert {row["fatalities"] for row in rows} == {"0", "1"}  # 0 where no death is stated


def test_named_graphs_of_n_quads_are_merged(small_graph: Graph, tmp_path: Path) -> None:
    dataset = Dataset()
    for number, triple in enumerate(sorted(small_graph)):
        dataset.graph(URIRef(f"https://example.org/graph/{number % 2}")).add(triple)
    path = tmp_path / "graph.nq"
    dataset.serialize(path, format="nquads")
    assert isomorphic(load_graph(path), small_graph)


@pytest.mark.parametrize(("suffix", "parser"), [(".rdf", "xml"), (".json", "json-ld")])
def test_other_suffixes(small_graph: Graph, tmp_path: Path, suffix: str, parser: str) -> None:
    path = tmp_path / f"graph{suffix}"
    small_graph.serialize(path, format=parser)
    assert isomorphic(load_graph(path), small_graph)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.ttl", None, r"\[E006\] .*missing\.ttl: no such file or directory"),
    ("bad.ttl", '@prefix ex: <http://e/> .\nex:a ex:b "open .\n',
     r"\[E010\] .*bad\.ttl: cannot read RDF graph \(line 2: newline found in string literal\)"),
    ("bad.jsonld", '{"@id": ', r"\[E010\] .*bad\.jsonld: cannot read RDF graph \(Expecting value"),
    ("graph.owl", "", r"\[E014\] unknown format '\.owl'; expected one of: \.ttl, \.nt,"),
])
def test_load_errors_name_the_file(tmp_path: Path, name: str, content: str | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(KgError, match=message) as caught:
        load_graph(path)
    assert "\n" not in str(caught.value)


def test_a_failed_write_leaves_no_file(small_graph: Graph, tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.mkdir()  # os.replace cannot put a file in its place
    with pytest.raises(KgError, match=r"\[E011\] .*graph\.ttl: cannot write"):
        save_graph(small_graph, target)
    assert [path.name for path in tmp_path.iterdir()] == ["graph.ttl"]
    assert target.is_dir() and not any(target.iterdir())


def test_export_writes_missing_folders(small_graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "out" / "graph.ttl"
    export(small_graph, "turtle", path)
    assert isomorphic(load_graph(path), small_graph)


def test_unknown_export_format(small_graph: Graph, tmp_path: Path) -> None:
    known = ", ".join(EXPORT_FORMATS)
    assert known == "turtle, nt, nquads, trig, jsonld, events-csv, acled-csv"
    with pytest.raises(KgError, match=rf"\[E014\] unknown format 'xml'; expected one of: {known}"):
        export(small_graph, "xml", tmp_path / "graph.xml")
