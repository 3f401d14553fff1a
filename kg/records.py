"""Typed records: the seam between language (``kg.extract``) and RDF (``kg.graph``).

Extractors produce these plain, immutable values; ``kg.graph`` turns them into triples.
Nothing here knows about spaCy or rdflib.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

EVENT_KINDS = ("strike", "interception", "air_raid_alert", "armed_clash", "other")
WEAPON_CLASSES = ("missile", "drone", "artillery", "aircraft", "other")
ACTOR_KINDS = ("State", "ArmedForces", "AirDefence", "Government", "Official", "Civilians")
PLACE_KINDS = ("country", "region", "settlement")
COUNT_NAMES = ("launched", "intercepted", "killed", "injured", "damaged_buildings")


@dataclass(frozen=True)
class Article:
    """One input article. ``date`` is the publication date, when known, to ``date_precision``.

    A date known only to the month or year ("2024-09") is the first day of that period with
    precision "month" or "year".
    """

    doc_id: str
    text: str
    date: dt.date | None = None
    date_precision: str = "day"
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    source: str = ""  # the file it was read from

    @property
    def published(self) -> str | None:
        """The date as ISO 8601 writes it to its precision: ``2023-11-07``, ``2024-09``, ``2024``."""
        if self.date is None:
            return None
        return self.date.isoformat()[: {"day": 10, "month": 7, "year": 4}[self.date_precision]]


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, by its index and character offsets into the article text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a country (ISO 3166-1), a first-level region (ISO 3166-2) or a settlement.

    ``code`` is the ISO code of a country or region, ``geonames:<id>`` for a settlement, or
    ``<region code>/<name>`` for a settlement the gazetteer does not list.
    ``country`` is the ISO 3166-1 alpha-2 code of the country it lies in, ``region`` the
    ISO 3166-2 code of its first-level region (for settlements and regions).
    """

    kind: str
    code: str
    name: str
    country: str
    region: str | None = None
    region_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None


@dataclass(frozen=True)
class Actor:
    """A party to an event: ``kind`` is one of ``ACTOR_KINDS``, ``side`` its country (ISO alpha-2)."""

    kind: str
    label: str
    side: str | None = None


@dataclass(frozen=True)
class Weapon:
    """A weapon as named in the text (``name``) with its class (one of ``WEAPON_CLASSES``); a munition
    ``delivered`` by a weapon of another class ("a drone dropped explosives") has that weapon's class."""

    name: str
    weapon_class: str
    delivered: bool = False


@dataclass(frozen=True)
class EventDate:
    """When an event happened: an ISO ``value`` (``2023-11-05``, ``2023-06``, ``2014``) and its precision."""

    value: str
    precision: str  # "hour" (a day whose times are known), "day", "month" or "year"


@dataclass(frozen=True)
class Event:
    """One event row: what happened, when, where, to whom, with what, and where it was read."""

    kind: str
    doc_id: str
    sentences: tuple[Sentence, ...]
    date: EventDate | None = None
    start_time: dt.datetime | None = None
    end_time: dt.datetime | None = None
    duration: dt.timedelta | None = None
    attacker: Actor | None = None
    target: Actor | None = None
    interceptor: Actor | None = None
    reported_by: Actor | None = None
    places: tuple[Place, ...] = ()
    # its settlements as the text writes them ("Kiev"), and names of places the gazetteer does not know;
    # with none, its regions as written ("over Vinnytsia region": "Vinnytsia")
    place_names: tuple[str, ...] = ()
    weapons: tuple[Weapon, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    past_event_class: str | None = None  # "Annexation", "Offensive" for kind "other"
    # kind "other" that is no background event: "attack_on_civilians", "remote_explosive", "property_destruction"
    other_class: str | None = None
