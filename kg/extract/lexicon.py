"""kg's lexicons: the data files under ``kg/data/lexicons``, read once and cached.

Everything a rule needs to know about words (weapons, triggers, sides, actors, modality,
counts, places, ACLED categories) lives in those files; this module only reads them.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicons"


def _rows(name: str) -> list[dict[str, str]]:
    """The rows of a CSV lexicon, skipping ``#`` comment lines."""
    with (LEXICON_DIR / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def _json(name: str) -> dict[str, Any]:
    with (LEXICON_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class Trigger:
    """A word that announces an event (a row of ``triggers.csv``)."""

    kind: str
    words: str
    pos: str
    particle: str
    weapon_class: str
    weapon_rule: str  # "required", "absent", "munition" (its subject), "unarmed" (none at all) or "" (either)
    past_class: str
    other_class: str  # for kind "other": the class of an event that is no background event

    @property
    def key(self) -> str:
        """The matcher key of this trigger ("capture" tells ground or people taken: two triggers)."""
        return f"{self.kind}:{self.words}:{self.pos}:{self.other_class}"


@dataclass(frozen=True)
class Side:
    """A party to a conflict (a row of ``sides.csv``)."""

    code: str
    demonym: str
    timezone: str
    opponent: str
    capital: str
    words: tuple[str, ...]
    holds: tuple[str, ...]  # regions of another country it holds ("UA-43": Crimea)
    groups: tuple[str, ...]  # armed groups fighting for it whose names name another side


@dataclass(frozen=True)
class ActorNoun:
    """A noun that names an actor (a row of ``actors.csv``)."""

    phrase: str
    kind: str
    label: str


@cache
def weapons() -> dict[str, tuple[str, str]]:
    """Weapon phrase (lower case) -> (weapon class, canonical name)."""
    return {r["phrase"]: (r["weapon_class"], r["name"]) for r in _rows("weapons.csv")}


@cache
def weapon_roles() -> dict[str, str]:
    """Canonical weapon name -> role: "direct" (small arms), "platform" (aircraft, guns), "explosive"
    (mines), "unguided" (bare rockets) or "" (a munition)."""
    return {r["name"]: r["role"] for r in _rows("weapons.csv")}


@cache
def carried_weapons() -> frozenset[str]:
    """Canonical names of munitions something else delivers ("a drone dropped a grenade"): they take
    the class of the weapon named with them."""
    return frozenset(r["name"] for r in _rows("weapons.csv") if r["carried"] == "yes")


@cache
def triggers() -> dict[str, Trigger]:
    """Trigger key -> trigger."""
    items = (
        Trigger(r["kind"], r["words"], r["pos"], r["particle"], r["weapon_class"],
                r["weapon_rule"], r["past_class"], r["other_class"])
        for r in _rows("triggers.csv")
    )
    return {t.key: t for t in items}


@cache
def sides() -> dict[str, Side]:
    """Side code (ISO 3166-1 alpha-2) -> side."""
    return {
        r["code"]: Side(r["code"], r["demonym"], r["timezone"], r["opponent"], r["capital"],
                        tuple(r["words"].split("|")), tuple(filter(None, r["holds"].split("|"))),
                        tuple(filter(None, r["groups"].split("|"))))
        for r in _rows("sides.csv")
    }


@cache
def holders() -> dict[str, str]:
    """A first-level region a side holds in another country ("UA-43") -> the side's code."""
    return {region: side.code for side in sides().values() for region in side.holds}


@cache
def side_words() -> dict[str, str]:
    """A word naming a side ("russian", "kyiv") -> the side's code."""
    return {word: side.code for side in sides().values() for word in side.words}


@cache
def actor_nouns() -> dict[str, ActorNoun]:
    """Actor phrase (lower case) -> actor noun."""
    return {r["phrase"]: ActorNoun(r["phrase"], r["kind"], r["label"]) for r in _rows("actors.csv")}


@cache
def acled_categories() -> dict[tuple[str, str], tuple[str, str]]:
    """(kind, weapon class or "") -> (ACLED event type, sub-event type)."""
    return {(r["kind"], r["weapon_class"]): (r["event_type"], r["sub_event_type"]) for r in _rows("acled.csv")}


@cache
def modality() -> dict[str, Any]:
    """Negation, modality, habituality and reporting words."""
    return _json("modality.json")


@cache
def counts() -> dict[str, Any]:
    """Nouns and verbs that say what a number counts, and number words."""
    return _json("counts.json")


@cache
def fighting() -> dict[str, Any]:
    """Words about ground fighting: verbs that make an offensive happen, words for armed forces."""
    return _json("fighting.json")


@cache
def places() -> dict[str, Any]:
    """Words around place names: region words, prepositions."""
    return _json("places.json")
