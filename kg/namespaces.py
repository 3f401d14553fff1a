"""The conflict ontology's terms as typed rdflib namespaces.

``CF`` is the vocabulary (classes and properties, defined in ``ontology/conflict.ttl``);
a misspelt term raises ``AttributeError`` instead of minting a new IRI. ``ID`` is the
base of every resource kg mints (events, places, actors, weapons, articles, sentences).
"""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/kg-conflict/ontology#"
ID = Namespace("https://w3id.org/kg-conflict/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")


class CF(DefinedNamespace):
    """The conflict ontology (``cf:``)."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI)

    # events
    Event: URIRef
    Strike: URIRef
    Interception: URIRef
    AirRaidAlert: URIRef
    ArmedClash: URIRef
    AttackOnCivilians: URIRef
    RemoteExplosive: URIRef
    PropertyDestruction: URIRef
    TerritoryChange: URIRef
    Abduction: URIRef
    PastEvent: URIRef
    Annexation: URIRef
    Offensive: URIRef
    # actors
    Actor: URIRef
    State: URIRef
    ArmedForces: URIRef
    AirDefence: URIRef
    Government: URIRef
    Official: URIRef
    Civilians: URIRef
    # places
    Place: URIRef
    Country: URIRef
    Region: URIRef
    Settlement: URIRef
    # weapons
    Weapon: URIRef
    WeaponClass: URIRef
    Missile: URIRef
    Drone: URIRef
    Artillery: URIRef
    Aircraft: URIRef
    OtherWeapon: URIRef
    # provenance
    Article: URIRef
    Sentence: URIRef

    # roles of an event
    attacker: URIRef
    target: URIRef
    interceptor: URIRef
    place: URIRef
    placeName: URIRef
    weapon: URIRef
    reportedBy: URIRef
    # counts
    launched: URIRef
    intercepted: URIRef
    killed: URIRef
    injured: URIRef
    damagedBuildings: URIRef
    # time
    date: URIRef
    datePrecision: URIRef
    startTime: URIRef
    endTime: URIRef
    duration: URIRef
    # ACLED categories
    acledEventType: URIRef
    acledSubEventType: URIRef
    # actors, places, weapons
    side: URIRef
    isoCode: URIRef
    country: URIRef
    region: URIRef
    geonamesId: URIRef
    weaponClass: URIRef
    # provenance
    docId: URIRef
    inArticle: URIRef
    sentenceIndex: URIRef
    startChar: URIRef
    endChar: URIRef
    text: URIRef
