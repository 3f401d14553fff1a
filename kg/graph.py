"""Records to RDF: stable IRIs, typed literals and provenance for every fact.

Every resource kg mints lives under ``namespaces.ID``; its IRI is derived from what it is
(an ISO code, a name, an article id and a content hash), never from run order, so the same
input always gives the same graph.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg import gazetteer
from kg.dataset import Triple
from kg.namespaces import CF, GEO, ID, SCHEMA, SEM, WGS84
from kg.records import Actor, Article, Event, Place, Sentence, Weapon

EVENT_CLASSES = {
    "strike": CF.Strike,
    "interception": CF.Interception,
    "air_raid_alert": CF.AirRaidAlert,
    "armed_clash": CF.ArmedClash,
    "other": CF.PastEvent,
}
PAST_EVENT_CLASSES = {"Annexation": CF.Annexation, "Offensive": CF.Offensive}
OTHER_EVENT_CLASSES = {"attack_on_civilians": CF.AttackOnCivilians, "remote_explosive": CF.RemoteExplosive,
                       "property_destruction": CF.PropertyDestruction, "territory_change": CF.TerritoryChange,
                       "abduction": CF.Abduction}
WEAPON_CLASSES = {
    "missile": CF.Missile,
    "drone": CF.Drone,
    "artillery": CF.Artillery,
    "aircraft": CF.Aircraft,
    "other": CF.OtherWeapon,
}
PLACE_CLASSES = {"country": CF.Country, "region": CF.Region, "settlement": CF.Settlement}
COUNT_PROPERTIES = {
    "launched": CF.launched,
    "intercepted": CF.intercepted,
    "killed": CF.killed,
    "injured": CF.injured,
    "damaged_buildings": CF.damagedBuildings,
}
# Described resources (countries, places, actors, weapons) whose triples are kept for the next
# article that names them: made once, they are added again without new rdflib terms.
CACHE_SIZE = 4096
DATE_TYPES = {"hour": XSD.date, "day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}  # by precision


class Triples(Protocol):
    """What the ``add_*`` functions write into: an rdflib ``Graph``, or a plain ``set`` of triples
    (many times quicker to fill, as a build does for each article).
    """

    def add(self, triple: Triple, /) -> object: ...

    def __contains__(self, triple: object, /) -> bool: ...


def new_graph() -> Graph:
    """An empty graph with kg's prefixes bound."""
    graph = Graph()
    for prefix, namespace in (
        ("cf", URIRef(str(CF))), ("id", ID), ("sem", SEM), ("schema", SCHEMA), ("prov", PROV),
        ("wgs84", WGS84), ("geo", GEO), ("dcterms", DCTERMS), ("skos", SKOS), ("owl", OWL),
    ):
        graph.bind(prefix, namespace, override=True)
    return graph


def slug(text: str) -> str:
    """A lower-case IRI path segment for a name: ``Russian armed forces`` -> ``russian-armed-forces``."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def doc_segment(doc_id: str) -> str:
    """The article id as an IRI path segment (percent-encoded, so distinct ids stay distinct)."""
    return quote(doc_id, safe="-._~")


def article_iri(doc_id: str) -> URIRef:
    return ID[f"article/{doc_segment(doc_id)}"]


def sentence_iri(doc_id: str, sentence: Sentence) -> URIRef:
    return ID[f"article/{doc_segment(doc_id)}/sentence/{sentence.index}"]


def place_iri(place: Place) -> URIRef:
    return ID[f"place/{slug(place.code)}"]


def country_iri(code: str) -> URIRef:
    return ID[f"place/{slug(code)}"]


def actor_iri(actor: Actor) -> URIRef:
    return ID[f"actor/{slug(actor.side or 'xx')}/{slug(actor.label)}"]


def weapon_iri(weapon: Weapon) -> URIRef:
    """The weapon's IRI by its name; a munition delivered by a weapon of another class takes that
    class, so its IRI names the class too ("explosive device" dropped by a drone:
    ``weapon/explosive-device/drone``)."""
    if weapon.delivered:
        return ID[f"weapon/{slug(weapon.name)}/{weapon.weapon_class}"]
    return ID[f"weapon/{slug(weapon.name)}"]


def event_iri(event: Event) -> URIRef:
    """A content-derived IRI: the same event read from the same article keeps its IRI."""
    key = "|".join([
        event.doc_id, event.kind, event.date.value if event.date else "",
        ",".join(sorted(p.code for p in event.places)),
        ",".join(sorted({w.weapon_class for w in event.weapons})),
        event.attacker.side or "" if event.attacker else "",
        ",".join(str(s.index) for s in event.sentences),
    ])
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return ID[f"event/{doc_segment(event.doc_id)}/{event.kind.replace('_', '-')}-{digest}"]


def decimal_text(value: float) -> str:
    """``value`` to five decimal places, in the canonical form an RDF store gives back: ``47.1769``
    (not ``47.17690``), ``50`` (not ``50.00000``).
    """
    return format((Decimal(f"{value:.5f}") + 0).normalize(), "f")  # + 0: no "-0"


def add_article(graph: Triples, article: Article) -> URIRef:
    """Add an article's metadata (not its text) and return its IRI."""
    node = article_iri(article.doc_id)
    graph.add((node, RDF.type, CF.Article))
    graph.add((node, CF.docId, Literal(article.doc_id)))
    if article.published:
        graph.add((node, SCHEMA.datePublished, Literal(article.published, datatype=DATE_TYPES[article.date_precision])))
    if article.url:
        graph.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.title:
        graph.add((node, SCHEMA.headline, Literal(article.title)))
    if article.outlet:
        graph.add((node, SCHEMA.publisher, Literal(article.outlet)))
    return node


def add_sentence(graph: Triples, doc_id: str, sentence: Sentence) -> URIRef:
    node = sentence_iri(doc_id, sentence)
    graph.add((node, RDF.type, CF.Sentence))
    graph.add((node, CF.inArticle, article_iri(doc_id)))
    graph.add((node, CF.sentenceIndex, Literal(sentence.index, datatype=XSD.integer)))
    graph.add((node, CF.startChar, Literal(sentence.start, datatype=XSD.integer)))
    graph.add((node, CF.endChar, Literal(sentence.end, datatype=XSD.integer)))
    graph.add((node, CF.text, Literal(sentence.text)))
    return node


def _add_all(graph: Triples, triples: Iterable[Triple]) -> None:
    for triple in triples:
        graph.add(triple)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _country_triples(code: str) -> tuple[Triple, ...]:
    node = country_iri(code)
    return ((node, RDF.type, CF.Country), (node, CF.isoCode, Literal(code)),
            (node, RDFS.label, Literal(gazetteer.country_name(code))))


def add_country(graph: Triples, code: str) -> URIRef:
    node = country_iri(code)
    if (node, RDF.type, CF.Country) not in graph:  # not described already (countries, places, actors
        _add_all(graph, _country_triples(code))    # and weapons are shared by many events)
    return node


def add_place(graph: Triples, place: Place) -> URIRef:
    """Add a place with its region and country, so that queries can roll up."""
    if place.kind == "country":
        return add_country(graph, place.code)
    node = place_iri(place)
    if (node, RDF.type, PLACE_CLASSES[place.kind]) in graph:
        return node
    _add_all(graph, _place_triples(place))
    graph.add((node, CF.country, add_country(graph, place.country)))
    if place.kind == "settlement" and place.region:
        graph.add((node, CF.region, add_place(graph, gazetteer.region(place.region))))
    return node


@functools.lru_cache(maxsize=CACHE_SIZE)
def _place_triples(place: Place) -> tuple[Triple, ...]:
    """A region's or settlement's own triples, without its country and region."""
    node = place_iri(place)
    triples = [(node, RDF.type, PLACE_CLASSES[place.kind]), (node, RDFS.label, Literal(place.name))]
    if place.kind == "region":
        triples.append((node, CF.isoCode, Literal(place.code)))
    if place.geonames_id is not None:
        triples.append((node, CF.geonamesId, Literal(place.geonames_id, datatype=XSD.integer)))
    if place.latitude is not None and place.longitude is not None:
        triples.append((node, WGS84.lat, Literal(decimal_text(place.latitude), datatype=XSD.decimal)))
        triples.append((node, WGS84.long, Literal(decimal_text(place.longitude), datatype=XSD.decimal)))
    return tuple(triples)


def add_actor(graph: Triples, actor: Actor) -> URIRef:
    node = actor_iri(actor)
    if (node, RDF.type, getattr(CF, actor.kind)) in graph:
        return node
    _add_all(graph, _actor_triples(actor))
    if actor.side:
        graph.add((node, CF.side, add_country(graph, actor.side)))
    return node


@functools.lru_cache(maxsize=CACHE_SIZE)
def _actor_triples(actor: Actor) -> tuple[Triple, ...]:
    """An actor's own triples, without its side."""
    node = actor_iri(actor)
    return (node, RDF.type, getattr(CF, actor.kind)), (node, RDFS.label, Literal(actor.label))


def add_weapon(graph: Triples, weapon: Weapon) -> URIRef:
    node = weapon_iri(weapon)
    if (node, RDF.type, CF.Weapon) not in graph:
        _add_all(graph, _weapon_triples(weapon))
    return node


@functools.lru_cache(maxsize=CACHE_SIZE)
def _weapon_triples(weapon: Weapon) -> tuple[Triple, ...]:
    node = weapon_iri(weapon)
    return ((node, RDF.type, CF.Weapon), (node, RDFS.label, Literal(weapon.name)),
            (node, CF.weaponClass, WEAPON_CLASSES[weapon.weapon_class]))


def event_label(event: Event) -> str:
    """A short human-readable label: ``strike, 2023-11-05, Kyiv Oblast``."""
    parts = [event.kind.replace("_", " ")]
    if event.date:
        parts.append(event.date.value)
    parts.extend(p.name for p in event.places)
    return ", ".join(parts)


def add_event(graph: Triples, event: Event) -> URIRef:
    """Add one event with its roles, counts, time, ACLED category and source sentences."""
    node = event_iri(event)
    if event.other_class:
        graph.add((node, RDF.type, OTHER_EVENT_CLASSES[event.other_class]))
    else:
        graph.add((node, RDF.type, EVENT_CLASSES[event.kind]))
    if event.past_event_class:
        graph.add((node, RDF.type, PAST_EVENT_CLASSES[event.past_event_class]))
    graph.add((node, RDFS.label, Literal(event_label(event))))
    if event.date:
        graph.add((node, CF.date, Literal(event.date.value, datatype=DATE_TYPES[event.date.precision])))
        graph.add((node, CF.datePrecision, Literal(event.date.precision)))
    for prop, moment in ((CF.startTime, event.start_time), (CF.endTime, event.end_time)):
        if moment is not None:
            graph.add((node, prop, Literal(moment.isoformat(), datatype=XSD.dateTime)))
    if event.duration is not None:
        graph.add((node, CF.duration, Literal(iso_duration(event.duration), datatype=XSD.duration)))
    for prop, actor in ((CF.attacker, event.attacker), (CF.target, event.target),
                        (CF.interceptor, event.interceptor), (CF.reportedBy, event.reported_by)):
        if actor is not None:
            graph.add((node, prop, add_actor(graph, actor)))
    for place in event.places:
        graph.add((node, CF.place, add_place(graph, place)))
    for name in event.place_names:
        graph.add((node, CF.placeName, Literal(name)))
    for weapon in event.weapons:
        graph.add((node, CF.weapon, add_weapon(graph, weapon)))
    for name, value in sorted(event.counts.items()):
        graph.add((node, COUNT_PROPERTIES[name], Literal(value, datatype=XSD.integer)))
    if event.acled_event_type:
        graph.add((node, CF.acledEventType, Literal(event.acled_event_type)))
    if event.acled_sub_event_type:
        graph.add((node, CF.acledSubEventType, Literal(event.acled_sub_event_type)))
    for sentence in event.sentences:
        graph.add((node, PROV.wasDerivedFrom, add_sentence(graph, event.doc_id, sentence)))
    return node


def iso_duration(delta: dt.timedelta) -> str:
    """``timedelta(hours=3)`` -> ``PT3H`` (hours, minutes, seconds only)."""
    seconds = int(delta.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{seconds}S" if seconds or text == "PT" else "")


def add_document(graph: Triples, article: Article, events: Iterable[Event]) -> None:
    """Add an article and the events read from it."""
    add_article(graph, article)
    for event in events:
        add_event(graph, event)
