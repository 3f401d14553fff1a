"""The SHACL shapes accept the graphs kg builds and catch broken ones (real pySHACL, no mocks)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib  # rdflib.XSD, not a module-level XSD: pytest probes module globals and XSD warns
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV, SH

from kg import gazetteer
from kg import graph as kg_graph
from kg.errors import KgError
from kg.namespaces import CF, ID, WGS84
from kg.records import ACTOR_KINDS, Actor, Article, Event, EventDate, Place, Sentence, Weapon
from kg.resources import shapes_path
from kg.validate import EXIT_CONFORMS, EXIT_ERROR, EXIT_NOT_CONFORMS, class_hierarchy, load_shapes, validate

DOC = "seed-000"
SENTENCES = (Sentence(0, 0, 60, "Russia struck the Kyiv region with four cruise missiles."),
             Sentence(1, 61, 140, "An air raid alert lasted three hours."))
DAY = EventDate("2023-11-05", "day")
RUSSIA = Actor("ArmedForces", "Russian armed forces", "RU")
UKRAINE_AIR_DEFENCE = Actor("AirDefence", "Ukrainian air defence", "UA")
KYIV_OBLAST = Place("region", "UA-32", "Kyiv Oblast", "UA")
BROVARY = Place("settlement", "geonames:711660", "Brovary", "UA", region="UA-32", region_name="Kyiv Oblast",
                latitude=50.51809, longitude=30.80671, geonames_id=711660)
CRIMEA = Place("region", "UA-43", "Crimea", "UA")
UKRAINE = Place("country", "UA", "Ukraine", "UA")
MISSILES = Weapon("cruise missiles", "missile")

STRIKE = Event(
    "strike", DOC, SENTENCES[:1], date=DAY, attacker=RUSSIA, places=(KYIV_OBLAST, BROVARY),
    weapons=(MISSILES,), counts={"killed": 0, "injured": 2, "damaged_buildings": 10},
    acled_event_type="Explosions/Remote violence", acled_sub_event_type="Shelling/artillery/missile attack",
)
INTERCEPTION = Event(
    "interception", DOC, SENTENCES[:1], date=DAY, attacker=RUSSIA, interceptor=UKRAINE_AIR_DEFENCE,
    reported_by=Actor("Government", "Ukrainian military authorities", "UA"), places=(KYIV_OBLAST,),
    weapons=(MISSILES,), counts={"launched": 6, "intercepted": 4},
    acled_event_type="Strategic developments", acled_sub_event_type="Disrupted weapons use",
)
ALERT = Event(
    "air_raid_alert", DOC, SENTENCES[1:], date=DAY, places=(UKRAINE,),
    start_time=dt.datetime(2023, 11, 5, 3, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    end_time=dt.datetime(2023, 11, 5, 6, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    duration=dt.timedelta(hours=3),
    acled_event_type="Strategic developments", acled_sub_event_type="Other",
)
ANNEXATION = Event(
    "other", DOC, SENTENCES[1:], date=EventDate("2014", "year"), attacker=Actor("State", "Russia", "RU"),
    places=(CRIMEA,), past_event_class="Annexation",
    acled_event_type="Strategic developments", acled_sub_event_type="Other",
)
ARTICLE = Article(DOC, "text", date=dt.date(2023, 11, 7), url="https://example.org/news/1",
                  title="Overnight attack")


def build(*events: Event) -> Graph:
    """A graph of the seed article with ``events`` (default: one event of each kind)."""
    graph = kg_graph.new_graph()
    kg_graph.add_document(graph, ARTICLE, events or (STRIKE, INTERCEPTION, ALERT, ANNEXATION))
    return graph


def node(event: Event) -> URIRef:
    return kg_graph.event_iri(event)


def short(iri: URIRef) -> str:
    """An IRI as the report prints it: ``id:event/...``."""
    return "id:" + iri.removeprefix(str(ID))


def replace(graph: Graph, subject: URIRef, prop: URIRef, value: object) -> None:
    graph.set((subject, prop, value if isinstance(value, URIRef | Literal) else Literal(value)))


def test_graphs_kg_builds_conform() -> None:
    result = validate(build())
    assert result.conforms, result.text
    assert result.text == "0 violations"
    assert (None, RDF.type, SH.ValidationReport) in result.report


def test_a_munition_delivered_by_weapons_of_two_classes_is_two_weapons_of_one_class_each() -> None:
    dropped = dataclasses.replace(STRIKE, weapons=(Weapon("explosive device", "drone", delivered=True),))
    planted = dataclasses.replace(STRIKE, kind="other", other_class="remote_explosive",
                                  weapons=(Weapon("explosive device", "other"),),
                                  acled_sub_event_type="Remote explosive/landmine/IED")
    graph = build(dropped, planted)
    assert sorted(graph.objects(None, CF.weapon)) == [ID["weapon/explosive-device"],
                                                     ID["weapon/explosive-device/drone"]]
    result = validate(graph)
    assert result.conforms, result.text


def test_every_class_kg_emits_has_a_shape() -> None:
    """A shape targets the class or one of its superclasses (``class_hierarchy``)."""
    hierarchy = class_hierarchy()
    targets = {cls for target in load_shapes(shapes_path()).objects(None, SH.targetClass)
               for cls in hierarchy.transitive_subjects(RDFS.subClassOf, target)}
    emitted = {
        *kg_graph.EVENT_CLASSES.values(), *kg_graph.PAST_EVENT_CLASSES.values(),
        *kg_graph.PLACE_CLASSES.values(), *(CF[kind] for kind in ACTOR_KINDS),
        CF.Weapon, CF.Article, CF.Sentence,
    }
    assert emitted <= targets


def test_the_settlement_region_comes_from_the_gazetteer() -> None:
    # The fixtures name regions as the gazetteer does; otherwise a region would get two labels.
    assert gazetteer.region("UA-32").name == KYIV_OBLAST.name


Breakage = Callable[[Graph], None]
BROKEN: dict[str, tuple[Breakage, URIRef, str]] = {
    "negative count": (
        lambda g: replace(g, node(STRIKE), CF.killed, Literal(-1, datatype=rdflib.XSD.integer)),
        node(STRIKE), "cf:killed"),
    "string count": (
        lambda g: replace(g, node(INTERCEPTION), CF.launched, "six"), node(INTERCEPTION), "cf:launched"),
    "two counts": (
        lambda g: g.add((node(STRIKE), CF.injured, Literal(3, datatype=rdflib.XSD.integer))),
        node(STRIKE), "cf:injured"),
    "no source sentence": (
        lambda g: g.remove((node(STRIKE), PROV.wasDerivedFrom, None)), node(STRIKE), "prov:wasDerivedFrom"),
    "source is not a sentence": (
        lambda g: replace(g, node(STRIKE), PROV.wasDerivedFrom, kg_graph.article_iri(DOC)),
        node(STRIKE), "prov:wasDerivedFrom"),
    "bad region code": (
        lambda g: replace(g, kg_graph.place_iri(KYIV_OBLAST), CF.isoCode, "UA32"),
        kg_graph.place_iri(KYIV_OBLAST), "cf:isoCode"),
    "region code of another country": (
        lambda g: replace(g, kg_graph.place_iri(CRIMEA), CF.isoCode, "RU-CR"),
        kg_graph.place_iri(CRIMEA), "-"),
    "bad country code": (
        lambda g: replace(g, kg_graph.country_iri("UA"), CF.isoCode, "UKR"), kg_graph.country_iri("UA"),
        "cf:isoCode"),
    "region without country": (
        lambda g: g.remove((kg_graph.place_iri(KYIV_OBLAST), CF.country, None)),
        kg_graph.place_iri(KYIV_OBLAST), "cf:country"),
    "latitude out of range": (
        lambda g: replace(g, kg_graph.place_iri(BROVARY), WGS84.lat,
                          Literal("95.0", datatype=rdflib.XSD.decimal)),
        kg_graph.place_iri(BROVARY), "wgs84:lat"),
    "settlement region is a country": (
        lambda g: replace(g, kg_graph.place_iri(BROVARY), CF.region, kg_graph.country_iri("UA")),
        kg_graph.place_iri(BROVARY), "cf:region"),
    "place is not a place": (
        lambda g: g.add((node(STRIKE), CF.place, kg_graph.weapon_iri(MISSILES))), node(STRIKE), "cf:place"),
    "alert with an attacker": (
        lambda g: g.add((node(ALERT), CF.attacker, kg_graph.add_actor(g, RUSSIA))),
        node(ALERT), "cf:attacker"),
    "start after end": (
        lambda g: replace(g, node(ALERT), CF.startTime,
                          Literal("2023-11-05T07:00:00+02:00", datatype=rdflib.XSD.dateTime)),
        node(ALERT), "cf:startTime"),
    "two dates": (
        lambda g: g.add((node(STRIKE), CF.date, Literal("2023-11-06", datatype=rdflib.XSD.date))),
        node(STRIKE), "cf:date"),
    "date as a string": (
        lambda g: replace(g, node(STRIKE), CF.date, "5 November 2023"), node(STRIKE), "cf:date"),
    "unknown date precision": (
        lambda g: replace(g, node(STRIKE), CF.datePrecision, "week"), node(STRIKE), "cf:datePrecision"),
    "interception of nothing": (
        lambda g: [g.remove((node(INTERCEPTION), p, None)) for p in (CF.intercepted, CF.weapon)],
        node(INTERCEPTION), "-"),
    "wrong ACLED type": (
        lambda g: replace(g, node(STRIKE), CF.acledEventType, "Battles"), node(STRIKE), "cf:acledEventType"),
    "actor with two labels": (
        lambda g: g.add((kg_graph.actor_iri(RUSSIA), rdflib.RDFS.label, Literal("Russian Armed Forces"))),
        kg_graph.actor_iri(RUSSIA), "rdfs:label"),
    "actor on the side of a region": (
        lambda g: replace(g, kg_graph.actor_iri(RUSSIA), CF.side, kg_graph.place_iri(CRIMEA)),
        kg_graph.actor_iri(RUSSIA), "cf:side"),
    "unknown weapon class": (
        lambda g: replace(g, kg_graph.weapon_iri(MISSILES), CF.weaponClass, CF.Weapon),
        kg_graph.weapon_iri(MISSILES), "cf:weaponClass"),
    "sentence ends before it starts": (
        lambda g: replace(g, kg_graph.sentence_iri(DOC, SENTENCES[0]), CF.startChar,
                          Literal(80, datatype=rdflib.XSD.integer)),
        kg_graph.sentence_iri(DOC, SENTENCES[0]), "cf:startChar"),
    "sentence outside any article": (
        lambda g: g.remove((kg_graph.article_iri(DOC), RDF.type, CF.Article)),
        kg_graph.sentence_iri(DOC, SENTENCES[0]), "cf:inArticle"),
    "article published on a string": (
        lambda g: replace(g, kg_graph.article_iri(DOC), kg_graph.SCHEMA.datePublished, "yesterday"),
        kg_graph.article_iri(DOC), "schema:datePublished"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_graphs_are_caught(case: str) -> None:
    breakage, focus, path = BROKEN[case]
    graph = build()
    breakage(graph)
    result = validate(graph)
    assert not result.conforms
    lines = result.text.splitlines()
    prefix = f"{short(focus)} {path}: "
    assert any(line.startswith(prefix) and "[Violation]" in line for line in lines), result.text
    assert re.match(r"[1-9][0-9]* violations", lines[-1]), result.text


def test_validating_in_place_finds_the_same_and_only_then_changes_the_graph() -> None:
    graph = build()
    replace(graph, node(STRIKE), CF.killed, Literal(-1, datatype=rdflib.XSD.integer))
    triples = set(graph)
    text = validate(graph).text
    assert set(graph) == triples
    assert validate(graph, inplace=True).text == text
    assert set(graph) - triples == set(class_hierarchy())


def test_only_the_code_of_another_country_is_reported() -> None:
    """The regions are found by a SPARQL target; the constraint reports their wrong codes alone."""
    graph = build()
    crimea = kg_graph.place_iri(CRIMEA)
    graph.add((crimea, CF.isoCode, Literal("RU-CR")))  # a second code, of another country
    lines = validate(graph).text.splitlines()
    assert (f"{short(crimea)} -: a region's ISO 3166-2 code does not begin with the ISO code of its country "
            '[Violation] (value: "RU-CR")') in lines
    assert not any('(value: "UA-43")' in line for line in lines), lines
    assert lines[-1] == "2 violations"  # and two codes: cf:isoCode's sh:maxCount


def test_an_undated_strike_is_a_warning_not_a_violation() -> None:
    """An article without a date yields events dated only by their text, or not at all."""
    graph = build()
    graph.remove((node(STRIKE), CF.date, None))
    graph.remove((node(STRIKE), CF.datePrecision, None))
    result = validate(graph)
    assert result.conforms
    assert any(line.startswith(f"{short(node(STRIKE))} cf:date: ") and "[Warning]" in line
               for line in result.text.splitlines()), result.text


def test_report_lines_are_readable_and_sorted() -> None:
    graph = build()
    replace(graph, node(STRIKE), CF.killed, Literal(-1, datatype=rdflib.XSD.integer))
    graph.remove((node(ALERT), PROV.wasDerivedFrom, None))
    text = validate(graph).text
    assert text.splitlines() == [*sorted(text.splitlines()[:-1]), "2 violations"]
    assert (f"{short(node(STRIKE))} cf:killed: the killed count is one non-negative xsd:integer [Violation] "
            '(value: "-1"^^xsd:integer)') in text.splitlines()
    assert text == validate(graph).text


def test_warnings_are_reported_without_failing() -> None:
    undated = Event("other", DOC, SENTENCES[1:], places=(CRIMEA,), past_event_class="Offensive",
                    acled_event_type="Strategic developments", acled_sub_event_type="Other")
    too_many = Event("interception", DOC, SENTENCES[:1], date=DAY, weapons=(MISSILES,),
                     counts={"launched": 3, "intercepted": 4})
    result = validate(build(undated, too_many))
    assert result.conforms, result.text
    warnings = [
        f"{short(node(undated))} cf:date: a past event has no date [Warning]",
        f"{short(node(too_many))} cf:intercepted: more weapons intercepted than launched [Warning] "
        '(value: "4"^^xsd:integer)',
    ]
    assert result.text.splitlines() == [*sorted(warnings), "0 violations, 2 warnings"]


def test_other_shapes_can_be_given(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix cf: <https://w3id.org/kg-conflict/ontology#> .\n"
        "[] a sh:NodeShape ; sh:targetClass cf:Strike ;\n"
        "    sh:property [ sh:path cf:killed ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    assert validate(build(ALERT), shapes=shapes).conforms
    assert not validate(build(ALERT, dataclasses.replace(STRIKE, counts={})), shapes=str(shapes)).conforms


@pytest.mark.parametrize(("content", "detail"), [
    (None, "No such file"),
    ("@prefix sh: <http://www.w3.org/ns/shacl#> .\n[] a sh:NodeShape ; sh:targetClass", "shapes.ttl"),
    ("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
     "[] a sh:NodeShape ; sh:targetNode <urn:x> ; sh:property [ sh:path <urn:p> ; sh:minCount \"many\" ] .\n",
     "minCount"),
])
def test_unreadable_shapes_are_a_kg_error(tmp_path: Path, content: str | None, detail: str) -> None:
    shapes = tmp_path / "shapes.ttl"
    if content is not None:
        shapes.write_text(content, encoding="utf-8")
    with pytest.raises(KgError, match=r"^\[E015\] .*shapes\.ttl: cannot read the SHACL shapes") as error:
        validate(build(ALERT), shapes=shapes)
    assert detail in str(error.value)


def test_shapes_are_parsed_once() -> None:
    assert load_shapes(shapes_path()) is load_shapes(shapes_path())


def test_exit_codes() -> None:
    assert (EXIT_CONFORMS, EXIT_NOT_CONFORMS, EXIT_ERROR) == (0, 1, 2)
