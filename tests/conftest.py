"""Shared fixtures: a small graph built by kg.graph from hand-made records (no spaCy).

Two articles: t-1 (the seed article's events) and t-2, a later report of the same night with
other counts (conflicting claims), more strikes (a place hit twice), an alert with start and end
times only, and a clash between armed forces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from kg import gazetteer
from kg.graph import add_document, new_graph
from kg.records import Actor, Article, Event, EventDate, Place, Sentence, Weapon

DOC = "t-1"
SECOND_DOC = "t-2"
KYIV_TIME = dt.timezone(dt.timedelta(hours=2))
NOV_5 = EventDate("2023-11-05", "day")
RUSSIAN_FORCES = Actor("ArmedForces", "Russian armed forces", "RU")
CRUISE_MISSILE = Weapon("cruise missile", "missile")
UKRAINE = Place("country", "UA", "Ukraine", "UA")
UKRAINIAN_AIR_DEFENCE = Actor("AirDefence", "Ukrainian air defence", "UA")
UKRAINIAN_FORCES = Actor("ArmedForces", "Ukrainian armed forces", "UA")
RUSSIAN_MOD = Actor("Government", "Russian Ministry of Defence", "RU")
SHAHED = Weapon("Shahed drone", "drone")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
DISRUPTED = ("Strategic developments", "Disrupted weapons use")
AIR_STRIKE = ("Explosions/Remote violence", "Air/drone strike")


@pytest.fixture(scope="session", autouse=True)
def scratch_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test runs in a scratch folder: what kg writes by default (the store ``out/store``)
    never lands in the repository.
    """
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("cwd")
        patch.chdir(folder)
        yield folder


def sentence(index: int, text: str) -> Sentence:
    """Sentence ``index`` of the article, as if sentences were 100 characters apart."""
    return Sentence(index, index * 100, index * 100 + len(text), text)


@pytest.fixture(scope="session")
def vinnytsia() -> Place:
    """The settlement of the last strike, as the gazetteer knows it."""
    place = gazetteer.resolve("Vinnytsia")
    assert place is not None and place.kind == "settlement" and place.region == "UA-05"
    return place


@pytest.fixture(scope="session")
def small_events(vinnytsia: Place) -> tuple[Event, ...]:
    """The events of article t-1 (dated 2023-11-07): interceptions, strikes, an alert, an annexation."""
    return (
        Event(
            "interception", DOC, (sentence(0, "Air defence shot down four cruise missiles."),),
            date=NOV_5, attacker=RUSSIAN_FORCES,
            interceptor=UKRAINIAN_AIR_DEFENCE,
            places=(UKRAINE,), weapons=(CRUISE_MISSILE,), counts={"intercepted": 4},
            acled_event_type=DISRUPTED[0], acled_sub_event_type=DISRUPTED[1],
        ),
        Event(
            "strike", DOC, (sentence(1, "Two were injured and ten buildings damaged in the Kyiv region."),),
            date=NOV_5, attacker=RUSSIAN_FORCES, places=(gazetteer.region("UA-32"),),
            weapons=(CRUISE_MISSILE,), counts={"injured": 2, "damaged_buildings": 10},
            acled_event_type=SHELLING[0], acled_sub_event_type=SHELLING[1],
        ),
        Event(
            "air_raid_alert", DOC, (sentence(2, "An air raid alert was issued across all of Ukraine."),),
            date=NOV_5, places=(UKRAINE,),
            start_time=dt.datetime(2023, 11, 5, 3, tzinfo=KYIV_TIME),
            end_time=dt.datetime(2023, 11, 5, 6, tzinfo=KYIV_TIME), duration=dt.timedelta(hours=3),
        ),
        Event(
            "interception", DOC,
            (sentence(3, "Russia's defence ministry reported shooting down two drones\n"
                         "in the Bryansk and Kursk regions."),),
            date=NOV_5, attacker=UKRAINIAN_FORCES, reported_by=RUSSIAN_MOD,
            places=(gazetteer.region("RU-BRY"), gazetteer.region("RU-KRS")),
            weapons=(Weapon("drone", "drone"),), counts={"intercepted": 2},
            acled_event_type=DISRUPTED[0], acled_sub_event_type=DISRUPTED[1],
        ),
        Event(
            # sentences given out of order: the events table puts them in article order
            "strike", DOC, (sentence(5, "One person was killed and three injured."),
                            sentence(4, "A missile hit Vinnytsia on Monday.")),
            date=EventDate("2023-11-06", "day"), attacker=RUSSIAN_FORCES,
            target=Actor("Civilians", "civilians", "UA"), places=(vinnytsia,),
            weapons=(Weapon("Kh-101 missile", "missile"),), counts={"killed": 1, "injured": 3},
            acled_event_type=SHELLING[0], acled_sub_event_type=SHELLING[1],
        ),
        Event(
            "other", DOC, (sentence(6, "Crimea was annexed by Moscow in 2014."),),
            date=EventDate("2014", "year"), places=(gazetteer.region("UA-43"),),
            past_event_class="Annexation",
        ),
    )


@pytest.fixture(scope="session")
def second_events(vinnytsia: Place) -> tuple[Event, ...]:
    """The events of article t-2 (dated 2023-11-09, from an outlet, with a URL)."""
    return (
        Event(
            # t-1 says four were shot down
            "interception", SECOND_DOC, (sentence(0, "The air force said three of six cruise missiles were downed."),),
            date=NOV_5, attacker=RUSSIAN_FORCES, interceptor=UKRAINIAN_AIR_DEFENCE,
            reported_by=Actor("ArmedForces", "Ukrainian Air Force", "UA"),
            places=(UKRAINE,), weapons=(CRUISE_MISSILE,), counts={"launched": 6, "intercepted": 3},
            acled_event_type=DISRUPTED[0], acled_sub_event_type=DISRUPTED[1],
        ),
        Event(
            # t-1 says two were injured
            "strike", SECOND_DOC, (sentence(1, "Missiles and Shahed drones injured three in the Kyiv region."),),
            date=NOV_5, attacker=RUSSIAN_FORCES, places=(gazetteer.region("UA-32"),),
            weapons=(CRUISE_MISSILE, SHAHED), counts={"injured": 3},
            acled_event_type=SHELLING[0], acled_sub_event_type=SHELLING[1],
        ),
        Event(
            "strike", SECOND_DOC, (sentence(2, "Drones damaged four buildings in Vinnytsia on Thursday."),),
            date=EventDate("2023-11-09", "day"), attacker=RUSSIAN_FORCES, places=(vinnytsia,),
            weapons=(SHAHED,), counts={"damaged_buildings": 4},
            acled_event_type=AIR_STRIKE[0], acled_sub_event_type=AIR_STRIKE[1],
        ),
        Event(
            "strike", SECOND_DOC,
            (sentence(3, "Russia's defence ministry said a Ukrainian drone injured one person in Belgorod."),),
            date=EventDate("2023-11-08", "day"), attacker=UKRAINIAN_FORCES, reported_by=RUSSIAN_MOD,
            places=(gazetteer.region("RU-BEL"),), weapons=(Weapon("drone", "drone"),), counts={"injured": 1},
            acled_event_type=AIR_STRIKE[0], acled_sub_event_type=AIR_STRIKE[1],
        ),
        Event(
            "air_raid_alert", SECOND_DOC, (sentence(4, "Kyiv was under an air raid alert from 1:10 to 2:40."),),
            date=EventDate("2023-11-08", "day"), places=(gazetteer.region("UA-30"),),
            start_time=dt.datetime(2023, 11, 8, 1, 10, tzinfo=KYIV_TIME),
            end_time=dt.datetime(2023, 11, 8, 2, 40, tzinfo=KYIV_TIME),
        ),
        Event(
            "armed_clash", SECOND_DOC, (sentence(5, "Russian troops attacked Ukrainian positions near Donetsk."),),
            date=EventDate("2023-10-20", "day"), attacker=RUSSIAN_FORCES, target=UKRAINIAN_FORCES,
            places=(gazetteer.region("UA-14"),), acled_event_type="Battles", acled_sub_event_type="Armed clash",
        ),
    )


@pytest.fixture(scope="session")
def small_graph(small_events: tuple[Event, ...], second_events: tuple[Event, ...]) -> Graph:
    """Articles t-1 and t-2 and their events, as kg.graph maps them. Do not modify it: copy it first."""
    graph = new_graph()
    add_document(graph, Article(DOC, "(text)", date=dt.date(2023, 11, 7)), small_events)
    add_document(graph, Article(SECOND_DOC, "(text)", date=dt.date(2023, 11, 9), url="https://example.org/news/t-2",
                                title="Missiles and drones overnight", outlet="Example News"), second_events)
    return graph
