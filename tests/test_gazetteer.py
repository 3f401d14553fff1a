"""The gazetteer against real values: ISO codes, GeoNames ids and coordinates, and its data files."""

from __future__ import annotations

import csv

import pycountry
import pytest

from kg import gazetteer
from kg.records import Place

KYIV_CITY = 703448  # GeoNames id
ZOLOCHIV_LVIV, ZOLOCHIV_KHARKIV = 686896, 686895


def data_rows(filename: str) -> list[dict[str, str]]:
    with (gazetteer.DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def settlements() -> None:
    """Load GeoNames once for the tests that need settlements (the loader caches it per process)."""
    assert gazetteer.settlements_named("Kyiv")


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "normalized"), [
    ("Zaporizhzhia", "zaporizhzhia"),
    ("Kam'yanets-Podil's'kyi", "kamyanets podilskyi"),
    ("Kam\u2019yanets Podil\u2019s\u2019kyi", "kamyanets podilskyi"),
    ("St. Petersburg", "st petersburg"),
    ("  Orël ", "orel"),
    ("Bila  Tserkva", "bila tserkva"),
    ("Sakha (Yakutia)", "sakha yakutia"),
    ("Łódź", "lodz"),
])
def test_normalize(raw: str, normalized: str) -> None:
    assert gazetteer.normalize(raw) == normalized


# --- countries -------------------------------------------------------------------------------


def test_country_by_code() -> None:
    assert gazetteer.country("ua") == Place(kind="country", code="UA", name="Ukraine", country="UA")
    assert gazetteer.country_name("RU") == "Russia"
    assert gazetteer.country_name("BY") == "Belarus"
    assert gazetteer.country_name("IR") == "Iran"
    assert gazetteer.country_name("FR") == "France"  # no data row: pycountry's name


@pytest.mark.parametrize(("name", "code"), [
    ("Russia", "RU"), ("Russian Federation", "RU"), ("the Russian Federation", "RU"),
    ("Ukraine", "UA"), ("the Ukraine", "UA"), ("Belarus", "BY"), ("Moldova", "MD"),
    ("the United States", "US"), ("U.S.", "US"), ("United Kingdom", "GB"), ("Britain", "GB"),
    ("North Korea", "KP"), ("Iran", "IR"), ("Turkey", "TR"), ("Poland", "PL"), ("the Netherlands", "NL"),
])
def test_country_named(name: str, code: str) -> None:
    place = gazetteer.country_named(name)
    assert place is not None
    assert (place.kind, place.code, place.country) == ("country", code, code)


def test_unknown_countries() -> None:
    assert gazetteer.country_named("Kharkiv") is None
    with pytest.raises(ValueError, match="unknown ISO 3166-1"):
        gazetteer.country("XX")


# --- regions ---------------------------------------------------------------------------------


def test_region_by_code() -> None:
    assert gazetteer.region("UA-32") == Place(kind="region", code="UA-32", name="Kyiv Oblast", country="UA",
                                              region="UA-32", region_name="Kyiv Oblast")
    assert gazetteer.region("ru-bry").name == "Bryansk Oblast"
    assert gazetteer.region("UA-30").name == "Kyiv City"
    # A subdivision without a regions.csv row still resolves, with pycountry's name.
    assert gazetteer.region("PL-14").name == "Mazowieckie"
    with pytest.raises(ValueError, match="unknown ISO 3166-2"):
        gazetteer.region("UA-99")


@pytest.mark.parametrize(("name", "code"), [
    ("Kyiv", "UA-32"), ("Kiev", "UA-32"), ("Kyiv Oblast", "UA-32"), ("Kyivska oblast", "UA-32"),
    ("the Kyiv region", "UA-32"), ("Kyivshchyna", "UA-32"), ("Kyiv City", "UA-30"),
    ("Kharkiv", "UA-63"), ("Kharkov", "UA-63"), ("Kharkivska oblast", "UA-63"),
    ("Odesa", "UA-51"), ("Odessa", "UA-51"), ("Zaporizhia", "UA-23"), ("Zaporozhye", "UA-23"),
    ("Dnipropetrovsk", "UA-12"), ("Dnipro", "UA-12"), ("Luhansk", "UA-09"), ("Lugansk", "UA-09"),
    ("Mykolaiv", "UA-48"), ("Nikolaev", "UA-48"), ("Vinnytsia", "UA-05"), ("Khmelnytskyy", "UA-68"),
    ("Transcarpathia", "UA-21"), ("Kropyvnytskyi", "UA-35"), ("Kirovohrad", "UA-35"),
    ("Crimea", "UA-43"), ("Crimean peninsula", "UA-43"), ("Sevastopol", "UA-40"), ("Donetsk", "UA-14"),
    ("Bryansk", "RU-BRY"), ("Kursk region", "RU-KRS"), ("Belgorod oblast", "RU-BEL"),
    ("Krasnodar Krai", "RU-KDA"), ("Krasnodar", "RU-KDA"), ("Republic of Tatarstan", "RU-TA"),
    ("Tatarstan", "RU-TA"), ("Moscow", "RU-MOS"), ("Moscow Oblast", "RU-MOS"), ("Moscow City", "RU-MOW"),
    ("St Petersburg", "RU-SPE"), ("Leningrad", "RU-LEN"), ("Chechnya", "RU-CE"),
    ("Minsk", "BY-MI"), ("Minsk City", "BY-HM"), ("Gomel", "BY-HO"),
])
def test_region_named(name: str, code: str) -> None:
    place = gazetteer.region_named(name)
    assert place is not None
    assert (place.kind, place.code, place.region, place.country) == ("region", code, code, code[:2])
    assert place.region_name == place.name == gazetteer.region(code).name


def test_region_named_within_country() -> None:
    assert gazetteer.region_named("Kursk", country="RU").code == "RU-KRS"
    assert gazetteer.region_named("Kursk", country="UA") is None
    assert gazetteer.region_named("Atlantis") is None


# --- data files ------------------------------------------------------------------------------


def test_every_region_row_is_a_real_subdivision() -> None:
    codes = [row["iso_code"] for row in data_rows("regions.csv")]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert pycountry.subdivisions.get(code=code) is not None, code


def test_regions_cover_every_subdivision_of_their_countries() -> None:
    codes = {row["iso_code"] for row in data_rows("regions.csv")}
    for country_code in {code[:2] for code in codes}:
        expected = {subdivision.code for subdivision in pycountry.subdivisions.get(country_code=country_code)}
        assert expected <= codes, sorted(expected - codes)
    assert len([code for code in codes if code.startswith("UA-")]) == 27


def test_geonames_admin1_maps_every_region_exactly_once() -> None:
    rows = data_rows("geonames_admin1.csv")
    for row in rows:
        subdivision = pycountry.subdivisions.get(code=row["iso_code"])
        assert subdivision is not None, row
        assert subdivision.country_code == row["country"], row
    keys = [(row["country"], row["admin1"]) for row in rows]
    assert len(keys) == len(set(keys))
    regions = sorted(row["iso_code"] for row in data_rows("regions.csv"))
    assert sorted(row["iso_code"] for row in rows) == regions


@pytest.mark.usefixtures("settlements")
def test_capitals_lie_in_their_regions() -> None:
    """Cross-checks geonames_admin1.csv against regions.csv: each administrative centre, placed
    by its GeoNames admin1 code, lies in its region, or is a city of regional status that is
    also the seat of the surrounding region (Kyiv for Kyiv Oblast, Minsk for Minsk Region)."""
    capitals = {row["iso_code"]: int(row["capital_geonames_id"]) for row in data_rows("regions.csv")}
    for row in data_rows("regions.csv"):
        capital = [place for place in gazetteer.settlements_named(row["capital"])
                   if place.geonames_id == capitals[row["iso_code"]]]
        assert len(capital) == 1, row
        seat = capital[0].region
        assert seat == row["iso_code"] or capitals[seat] == capitals[row["iso_code"]], row


@pytest.mark.usefixtures("settlements")
@pytest.mark.parametrize(("name", "code"), [
    ("Bila Tserkva", "UA-32"), ("Brovary", "UA-32"), ("Irpin", "UA-32"),  # GeoNames admin1 UA.13
    ("Barysaw", "BY-MI"), ("Maladzyechna", "BY-MI"),  # GeoNames admin1 BY.05
    ("Kryvyi Rih", "UA-12"), ("Pavlohrad", "UA-12"), ("Kramatorsk", "UA-14"), ("Melitopol", "UA-23"),
    ("Kerch", "UA-43"), ("Uman", "UA-71"), ("Kremenchuk", "UA-53"), ("Sochi", "RU-KDA"),
    ("Staryy Oskol", "RU-BEL"), ("Taganrog", "RU-ROS"), ("Engels", "RU-SAR"), ("Podolsk", "RU-MOS"),
])
def test_well_known_settlements_get_their_region(name: str, code: str) -> None:
    place = gazetteer.resolve(name)
    assert place is not None
    assert (place.kind, place.region, place.region_name) == ("settlement", code, gazetteer.region(code).name)


def test_every_settlement_has_a_region(settlements: None) -> None:
    index = gazetteer._settlements()
    unplaced = {place.code for places in index.by_name.values() for place in places if place.region is None}
    assert not unplaced
    assert len(index.population) > 10_000


# --- settlements and resolve -----------------------------------------------------------------


@pytest.mark.usefixtures("settlements")
@pytest.mark.parametrize("name", ["Kyiv", "Kiev", "KYIV", "Kyïv"])
def test_kyiv_is_the_city(name: str) -> None:
    place = gazetteer.resolve(name)
    assert place is not None
    assert (place.kind, place.code, place.name) == ("settlement", f"geonames:{KYIV_CITY}", "Kyiv")
    assert (place.country, place.region, place.region_name) == ("UA", "UA-30", "Kyiv City")
    assert place.geonames_id == KYIV_CITY
    assert place.latitude == pytest.approx(50.45, abs=0.02)
    assert place.longitude == pytest.approx(30.52, abs=0.02)


@pytest.mark.usefixtures("settlements")
@pytest.mark.parametrize(("name", "display", "code"), [
    ("Kharkov", "Kharkiv", "UA-63"), ("Kharkiv", "Kharkiv", "UA-63"),
    ("Odessa", "Odesa", "UA-51"), ("Odesa", "Odesa", "UA-51"),
    ("Vinnytsia", "Vinnytsia", "UA-05"), ("Zaporizhzhia", "Zaporizhzhia", "UA-23"),
    ("Zaporizhia", "Zaporizhzhia", "UA-23"), ("Mykolaiv", "Mykolaiv", "UA-48"),
    ("Sevastopol", "Sevastopol", "UA-40"), ("Simferopol", "Simferopol", "UA-43"),
    ("Donetsk", "Donetsk", "UA-14"), ("Sloviansk", "Sloviansk", "UA-14"), ("Pokrovsk", "Pokrovsk", "UA-14"),
    ("Moscow", "Moscow", "RU-MOW"), ("St. Petersburg", "Saint Petersburg", "RU-SPE"),
    ("Bryansk", "Bryansk", "RU-BRY"), ("Kursk", "Kursk", "RU-KRS"), ("Belgorod", "Belgorod", "RU-BEL"),
    ("Orel", "Oryol", "RU-ORL"), ("Minsk", "Minsk", "BY-HM"),
])
def test_resolve_prefers_the_city(name: str, display: str, code: str) -> None:
    place = gazetteer.resolve(name)
    assert place is not None
    assert (place.kind, place.name, place.region) == ("settlement", display, code)


def test_resolve_precedence(settlements: None) -> None:
    assert gazetteer.resolve("Ukraine") == gazetteer.country("UA")
    assert gazetteer.resolve("Crimea") == gazetteer.region("UA-43")
    assert gazetteer.resolve("Kyivshchyna") == gazetteer.region("UA-32")
    # Engels (Saratov Oblast) was once Pokrovsk: an alternate name does not beat the town so named.
    assert gazetteer.resolve("Pokrovsk").region == "UA-14"
    assert gazetteer.resolve("Atlantis") is None


def test_same_name_in_two_oblasts_resolved_with_within(settlements: None) -> None:
    """Zolochiv is a town in Lviv Oblast and a smaller one north of Kharkiv."""
    candidates = gazetteer.settlements_named("Zolochiv")
    assert [(place.geonames_id, place.region) for place in candidates] == [
        (ZOLOCHIV_LVIV, "UA-46"), (ZOLOCHIV_KHARKIV, "UA-63"),
    ]
    assert gazetteer.resolve("Zolochiv").geonames_id == ZOLOCHIV_LVIV
    assert gazetteer.resolve("Zolochiv", within="UA-63").geonames_id == ZOLOCHIV_KHARKIV
    assert gazetteer.resolve("Zolochiv", within=gazetteer.region_named("Kharkiv").code).region == "UA-63"
    assert gazetteer.resolve("Zolochiv", within="UA-14") is None


def test_villages_of_the_same_name_on_the_front_come_first(settlements: None) -> None:
    """Kalynove: villages in Kyiv (3,042 people), Luhansk (2,988) and Donetsk Oblasts."""
    assert [place.region for place in gazetteer.settlements_named("Kalynove")] == ["UA-32", "UA-09", "UA-14", "UA-14"]
    assert gazetteer.resolve("Kalynove").region == "UA-09"  # contested_regions.json
    assert gazetteer.resolve("Kalynove", within="UA-32").region == "UA-32"
    assert gazetteer.resolve("Zolochiv").region == "UA-46"  # a town (22,608) before a village of the front


def test_within_a_country(settlements: None) -> None:
    assert gazetteer.resolve("Donetsk", within="RU").region == "RU-ROS"
    assert gazetteer.resolve("Donetsk", within="UA").region == "UA-14"
    assert gazetteer.resolve("Kyiv", within="UA-32") == gazetteer.region("UA-32")
    with pytest.raises(ValueError, match="unknown ISO 3166-2"):
        gazetteer.resolve("Kyiv", within="UA-99")


@pytest.mark.parametrize(("first", "second", "apart"), [
    ("zaporizhzhia", "zaporhizhzhia", True),  # a letter inserted
    ("kramatorsk", "kramatorks", True),  # two neighbours swapped
    ("mykolayiv", "mykolaviv", True),  # a letter replaced
    ("kherson", "kherso", True),  # a letter dropped
    ("kherson", "kherson", False),
    ("kramatorsk", "karmatorks", False),  # two edits
    ("kyiv", "kyivska", False),
])
def test_one_edit_apart(first: str, second: str, apart: bool) -> None:
    assert gazetteer.one_edit_apart(first, second) is apart
    assert gazetteer.one_edit_apart(second, first) is apart


@pytest.mark.parametrize(("name", "display", "code"), [
    ("Zaporhizhzhia", "Zaporizhzhia", "UA-23"),  # the city (as its region's name would be too)
    ("Kramatorks", "Kramatorsk", "UA-14"),
    ("Mykolaviv", "Mykolaiv", "UA-48"),  # near both "Mykolaiv" and "Mykolayiv": one city
])
def test_misspelt_names_of_prominent_places(settlements: None, name: str, display: str, code: str) -> None:
    place = gazetteer.resolve(name)
    assert (place.kind, place.name, place.region) == ("settlement", display, code)
    assert gazetteer.misspelt(name) == place


def test_misspellings_are_not_guessed_where_unsure(settlements: None) -> None:
    assert gazetteer.misspelt("Kharkvi") is None  # shorter than MIN_MISSPELT_LENGTH
    assert gazetteer.misspelt("Andreychuk") is None  # near nothing
    assert gazetteer.misspelt("Xaporizhzhia") is None  # the first letter is never guessed
    assert gazetteer.misspelt("Zaporhizhzhia", within="RU") is None
    assert gazetteer.misspelt("Zaporhizhzhia", within="UA-23").region == "UA-23"


def test_a_village_misspelt_in_a_named_region(settlements: None) -> None:
    place = gazetteer.resolve("Bilohorivkka", within="UA-09")
    assert (place.name, place.region) == ("Bilohorivka", "UA-09")
    assert gazetteer.misspelt_in_region("Bilohorivkka", "UA-09") == place
    assert gazetteer.resolve("Bilohorivkka") is None  # a village is not guessed without its region
    assert gazetteer.misspelt_in_region("Novomykhaylivka", "UA-14") is None  # near several: unsure


def test_settlements_named_is_ordered_and_a_fresh_list(settlements: None) -> None:
    first = gazetteer.settlements_named("Vasylivka")
    assert len(first) > 3
    assert first == gazetteer.settlements_named("vasylivka")
    assert first[0].region == "UA-23"  # the town in Zaporizhzhia Oblast, the largest of them
    first.clear()
    assert gazetteer.settlements_named("Vasylivka")
    assert gazetteer.settlements_named("Atlantis") == []


def test_a_city_that_is_a_region_of_its_own() -> None:
    assert [gazetteer.city_region(name).code for name in ("Kyiv", "Moscow", "Kharkiv")] == ["UA-30", "RU-MOW", "UA-63"]
    assert gazetteer.city_region("Bucha") is None
