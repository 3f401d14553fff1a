"""Synthetic articles and graphs of any size, for tests and benchmarks.

``articles(count)`` writes short news articles that kg extracts events from (strikes,
interceptions, casualties, over Ukrainian and Russian regions; one article in ``ALERT_EVERY`` an
air-raid alert too); ``graph(count)`` maps made-up events straight to RDF, without spaCy, for
graphs of a million triples. The same count always gives the same articles and the same graph.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from rdflib import Graph

from kg import gazetteer
from kg.extract.time import interval
from kg.graph import add_document, new_graph
from kg.records import Actor, Article, Event, EventDate, Sentence, Weapon

REGIONS = ("UA-32", "UA-63", "UA-12", "UA-51", "UA-46", "UA-18", "UA-21", "UA-05", "RU-BEL", "RU-KRS", "RU-BRY")
WEAPONS = (("Shahed drones", "drone"), ("cruise missiles", "missile"), ("ballistic missiles", "missile"))
FIRST_DAY = dt.date(2023, 1, 1)
ALERT_EVERY = 3  # one article in three also reports an air-raid alert


def article(number: int) -> Article:
    """Synthetic article ``number``: a night of drone or missile attacks on two regions."""
    day = FIRST_DAY + dt.timedelta(days=number % 365)
    first = gazetteer.region(REGIONS[number % len(REGIONS)]).name
    second = gazetteer.region(REGIONS[(number * 7 + 3) % len(REGIONS)]).name
    weapon = WEAPONS[number % len(WEAPONS)][0]
    launched, injured = 5 + number % 20, number % 6
    text = (f"Russia launched {launched} {weapon} at Ukraine overnight, the air force said. "
            f"Air defence shot down {launched - 2} of them over {first}. "
            f"Falling debris injured {injured} people and damaged {number % 4 + 1} buildings in {second}.")
    if number % ALERT_EVERY == 0:
        start = 1 + number % 4
        text += f" An air raid alert was declared in {first} at {start:02d}:00 and lifted at {start + 3:02d}:00."
    return Article(doc_id=f"synthetic-{number:07d}", text=text, date=day, outlet="Synthetic News")


def articles(count: int, start: int = 0) -> list[Article]:
    """Synthetic articles ``start`` to ``start + count - 1``."""
    return [article(number) for number in range(start, start + count)]


def write_jsonl(path: str | Path, count: int, start: int = 0) -> Path:
    """Write ``count`` synthetic articles to ``path`` as JSONL (as ``kg build`` reads them)."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as file:
        for item in articles(count, start):
            file.write(json.dumps({"doc_id": item.doc_id, "date": item.date.isoformat(), "text": item.text,
                                   "outlet": item.outlet}) + "\n")
    return path


def events(item: Article, number: int) -> list[Event]:
    """The events of synthetic article ``number``, made up without reading it."""
    date = EventDate(item.date.isoformat(), "day")
    attacker = Actor("ArmedForces", "Russian armed forces", "RU")
    name, weapon_class = WEAPONS[number % len(WEAPONS)]
    weapon = Weapon(name.rstrip("s"), weapon_class)
    sentences = [Sentence(index, index * 100, index * 100 + 80, text)
                 for index, text in enumerate(item.text.split(". "))]
    first = gazetteer.region(REGIONS[number % len(REGIONS)])
    second = gazetteer.region(REGIONS[(number * 7 + 3) % len(REGIONS)])
    found = [
        Event("interception", item.doc_id, (sentences[1],), date=date, attacker=attacker,
              interceptor=Actor("AirDefence", "Ukrainian air defence", "UA"), places=(first,), weapons=(weapon,),
              counts={"launched": 5 + number % 20, "intercepted": 3 + number % 20},
              acled_event_type="Strategic developments", acled_sub_event_type="Disrupted weapons use"),
        Event("strike", item.doc_id, (sentences[2],), date=date, attacker=attacker, places=(second,),
              weapons=(weapon,), counts={"injured": number % 6, "damaged_buildings": number % 4 + 1},
              acled_event_type="Explosions/Remote violence", acled_sub_event_type="Air/drone strike"),
    ]
    if number % ALERT_EVERY == 0:
        start, end, _ = interval(sentences[3].text, item.date, first.country)
        found.append(Event("air_raid_alert", item.doc_id, (sentences[3],), places=(first,),
                           date=EventDate(item.date.isoformat(), "hour"),
                           start_time=start, end_time=end, acled_event_type="Strategic developments",
                           acled_sub_event_type="Other"))
    return found


def graph(count: int) -> Graph:
    """The graph of ``count`` synthetic articles and their made-up events (about 47 triples an article)."""
    result = new_graph()
    for number, item in enumerate(articles(count)):
        add_document(result, item, events(item, number))
    return result
