"""Extraction on small hand-made sentences: places, times, counts, roles and what did not happen."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract_events
from kg.extract.actors import full_names
from kg.extract.counts import parse_number, sentence_counts
from kg.extract.time import clock_times, coarse_date, day_mentions, duration, event_days
from kg.nlp import PLACES, UNKNOWN_PLACES, make_nlp
from kg.records import Actor, Article, Event, EventDate

TUESDAY = dt.date(2023, 11, 7)


def events(text: str, date: dt.date | None = TUESDAY) -> list[Event]:
    """The events kg reads from ``text`` in an article of ``date``."""
    return extract_events(make_nlp()(text), Article("t", text, date))


def only(text: str, kind: str, date: dt.date | None = TUESDAY) -> Event:
    found = [e for e in events(text, date) if e.kind == kind]
    assert len(found) == 1, found
    return found[0]


# places

def places(text: str) -> list[tuple[str, str]]:
    doc = make_nlp()(text)
    return [(s.text, s._.kg_place.code) for s in doc.spans[PLACES]]


def test_region_words_give_regions_and_cities_alone_give_settlements() -> None:
    assert places("Debris fell in the Kyiv region.") == [("Kyiv", "UA-32")]
    [(name, code)] = places("Missiles hit Kyiv overnight.")
    assert name == "Kyiv" and code.startswith("geonames:")


def test_coordinated_regions() -> None:
    assert places("Drones were downed over the Bryansk and Kursk regions.") == [
        ("Bryansk", "RU-BRY"), ("Kursk", "RU-KRS")]
    assert places("Missiles hit Kyiv, Kharkiv, Odesa, Dnipro and Zhytomyr regions.") == [
        ("Kyiv", "UA-32"), ("Kharkiv", "UA-63"), ("Odesa", "UA-51"), ("Dnipro", "UA-12"), ("Zhytomyr", "UA-18")]


def test_old_spellings_resolve_to_the_same_place() -> None:
    assert only("Russian missiles hit Kharkov on Monday.", "strike").places[0].region == "UA-63"
    assert only("Russian missiles hit Kharkiv on Monday.", "strike").places[0].region == "UA-63"


def test_a_misspelt_city_is_still_the_city() -> None:
    event = only("Russian missiles struck Zaporhizhzhia on Monday.", "strike")
    assert [(p.name, p.region) for p in event.places] == [("Zaporizhzhia", "UA-23")]


def test_a_list_of_cities_ending_with_and_is_not_a_city_with_its_region() -> None:
    found = places("Missiles hit the cities of Kharkiv, Kherson, Mykolaiv, and Odesa regions.")
    assert [name for name, _ in found] == ["Kharkiv", "Kherson", "Mykolaiv", "Odesa"]
    assert found[1][1] == "geonames:706448"  # the city of Kherson, not a village of Mykolaiv Oblast


def test_a_city_in_a_news_outlet_name_is_not_a_place() -> None:
    assert places("Russian forces shelled Kherson, the Kyiv Independent reported.") == [("Kherson", "geonames:706448")]


def test_acled_style_settlement_comma_region() -> None:
    event = only("On 1 September 2022, Russian forces shelled Pechenihy, Kharkiv. 1 civilian was wounded.", "strike")
    assert [p.name for p in event.places if p.kind == "settlement"] == ["Pechenihy"]
    assert {p.region for p in event.places} == {"UA-63"}



def test_villages_with_their_regions_listed_one_after_another() -> None:
    doc = make_nlp()("On 1 March 2023, Russian forces shelled Nikopol and Marhanets, Dnipropetrovsk, and Ochakiv, "
                     "Mykolaiv.")
    found = [(s.text, s._.kg_place.kind, s._.kg_place.region) for s in doc.spans[PLACES]]
    assert found == [("Nikopol", "settlement", "UA-12"), ("Marhanets", "settlement", "UA-12"),
                     ("Dnipropetrovsk", "region", "UA-12"), ("Ochakiv", "settlement", "UA-48"),
                     ("Mykolaiv", "region", "UA-48")]  # not the city of Dnipro, once Dnipropetrovsk


def test_a_village_the_parser_takes_for_the_subject_of_a_later_verb_was_shelled() -> None:
    strike = only("On 7 November 2022, Russian forces shelled Pishchoternne, Kharkiv region damaging civilian "
                  "infrastructure.", "strike")
    assert [(p.name, p.region) for p in strike.places if p.kind == "settlement"] == [("Pishchoternne", "UA-63")]


def test_settlements_listed_after_including_are_places() -> None:
    found = places("On 5 May 2023, Russian forces shelled 10 settlements in Zaporizhia region, including Huliaipole "
                   "and Stepnohirsk.")
    assert [name for name, _ in found] == ["Zaporizhia", "Huliaipole", "Stepnohirsk"]


def test_the_region_after_a_front_named_for_a_town_is_a_region() -> None:
    found = places("On 5 May 2023, Russian forces attacked in the Bakhmut direction, Donetsk.")
    assert found[1] == ("Donetsk", "UA-14")


def test_the_region_after_a_city_or_village_word_is_a_region() -> None:
    assert places("Russian forces struck Dnipro city, Dnipropetrovsk, killing 2 civilians.")[1] == (
        "Dnipropetrovsk", "UA-12")
    assert places("Russian forces shelled Stepanivka village, Kherson.")[1] == ("Kherson", "UA-65")


@pytest.mark.parametrize("text", ["Russian forces shelled Krasnodarske (Kharkiv region).",
                                  "Russian forces shelled Krasnodarske (Kharkiv)."])
def test_the_region_in_brackets_after_a_village_is_where_it_is(text: str) -> None:
    strike = only(text, "strike")
    assert [(p.kind, p.name, p.region) for p in strike.places] == [
        ("settlement", "Krasnodarske", "UA-63"), ("region", "Kharkiv Oblast", "UA-63")]


def test_a_city_that_is_a_region_of_its_own_is_that_region() -> None:
    downed = only("On 3 July 2024, Russian air defence intercepted 3 missiles over Sevastopol, Crimea.", "interception")
    assert {p.region for p in downed.places} == {"UA-40"}
    strike = only("On 3 July 2024, Russian forces shelled Kyiv City.", "strike")
    assert [(p.kind, p.name, p.region) for p in strike.places] == [("settlement", "Kyiv", "UA-30")]


@pytest.mark.parametrize(("text", "region"), [
    ("Ukrainian drones hit Moscow, Moscow.", "RU-MOW"),
    ("Russian drones hit Kyiv city, Kyiv.", "UA-30"),
    ("Russian missiles hit Kharkiv, Kharkiv.", "UA-63"),
    ("Russian missiles hit Bucha, Kyiv.", "UA-32"),
])
def test_a_city_named_with_its_own_name_for_region_is_in_the_region_it_is(text: str, region: str) -> None:
    strike = only(text, "strike")
    assert ({p.region for p in strike.places}, [p.kind for p in strike.places].count("settlement")) == ({region}, 1)


def test_the_town_of_a_district_of_a_region_is_where_the_event_was() -> None:
    strike = only("On 19 March 2024, Russian forces shelled the Kupiansk district of Kharkiv region.", "strike")
    assert [(p.name, p.region) for p in strike.places if p.kind == "settlement"] == [("Kupiansk", "UA-63")]
    other = only("On 19 March 2024, Russian forces shelled the Dnipro district of Kherson region.", "strike")
    assert [p.kind for p in other.places] == ["region"]  # no town of that name there: not the city of Dnipro


def test_a_direction_close_to_a_place_is_the_place_and_one_far_off_a_point_of_reference() -> None:
    near = only("On 13 February 2022, the OSCE SMM observed 12 undetermined explosions 3-5 km north-east of Zolote, "
                "Luhansk.", "strike")
    assert [p.name for p in near.places if p.kind == "settlement"] == ["Zolote"]
    assert events("Russian drones struck a village 268 km southwest of Kyiv.") == []
    named = only("Missiles struck a medical center in Vinnytsia, a city southwest of Kyiv, the capital.", "strike")
    assert [p.name for p in named.places if p.kind == "settlement"] == ["Vinnytsia"]


def test_fighting_told_as_taking_place_is_a_clash() -> None:
    clash = only("On 15 March 2022, fighting took place in the forest near Moshchun, Kyiv.", "armed_clash")
    assert [p.name for p in clash.places if p.kind == "settlement"] == ["Moshchun"]


def test_places_on_a_road_between_them_are_where_the_event_was() -> None:
    strike = only("On 9 March 2022, Ukrainian forces attacked a column of Russian military equipment on the road "
                  "between Brovary and Kalynivka, Kyiv.", "strike")
    assert [p.name for p in strike.places if p.kind == "settlement"] == ["Brovary", "Kalynivka"]


def test_a_settlement_named_before_area_and_a_region_is_there() -> None:
    strike = only("On 11 December 2024, Ukrainian drones struck the Novoshakhtinsk area, Rostov (Russia).", "strike")
    assert [(p.name, p.region) for p in strike.places if p.kind == "settlement"] == [("Novoshakhtinsk", "RU-ROS")]


def test_settlements_listed_after_a_colon_are_places_of_the_sentence() -> None:
    strike = only("On 16 April 2022, Russian forces shelled 3 settlements in Kharkiv region: Zolochiv, Kozacha Lopan "
                  "and Vovchansk. 1 civilian was killed.", "strike")
    assert [p.name for p in strike.places if p.kind == "settlement"] == ["Zolochiv", "Kozacha Lopan", "Vovchansk"]
    assert strike.counts == {"killed": 1}
    assert [e.kind for e in events("Interception: On 3 July 2022, Ukrainian forces shot down a Russian drone.")] == [
        "interception"]  # a coder's prefix is no list


def test_settlement_region_country_is_no_list() -> None:
    found = places("An unidentified drone struck an oil depot in Novoshakhtinsk, Rostov, Russia.")
    assert [code for _, code in found][1:] == ["RU-ROS", "RU"]
    assert [code[:8] for _, code in places("Missiles hit Kherson, Mykolaiv, and Odesa.")] == ["geonames"] * 3


def test_an_unknown_village_listed_before_a_placed_one_is_in_the_same_region() -> None:
    found = places("Ukrainian forces repelled 12 Russian attacks near Klishchiivka and Andriivka, Donetsk.")
    assert found[0] == ("Klishchiivka", "UA-14/Klishchiivka")
    assert [code[:8] for _, code in places("Missiles hit Kherson, Mykolaiv, and Odesa.")] == ["geonames"] * 3


def test_a_person_before_a_region_and_an_office_is_no_village() -> None:
    assert places("Three people were injured, said Oleh Syniehubov, Kharkiv regional governor.") == [
        ("Kharkiv", "UA-63")]
    assert [name for name, _ in places("Vitali Klitschko, Kyiv mayor, said drones hit the city.")] == ["Kyiv", "city"]


def test_a_name_before_governor_is_the_region() -> None:
    assert places("Belgorod Governor Vyacheslav Gladkov said a drone hit a house.")[0] == ("Belgorod", "RU-BEL")


def test_a_regional_centre_named_before_its_region_is_the_city() -> None:
    kharkiv, region = places("Russian forces shelled Kharkiv, Kharkiv region.")
    assert kharkiv[1].startswith("geonames:") and region == ("Kharkiv", "UA-63")
    assert places("Russian forces shelled Kherson, Zaporizhzhia regions.")[1] == ("Zaporizhzhia", "UA-23")



def test_a_coders_note_after_the_sentence_places_its_event() -> None:
    event = only("On 14 April 2022, as a result of Russian shelling of the Luhansk region, 2 civilians were killed. "
                 "(coded to Luhansk as the exact location is unknown)", "strike")
    assert [(p.kind, p.name) for p in event.places] == [("region", "Luhansk Oblast"), ("settlement", "Luhansk")]



def unknown(text: str) -> list[str]:
    doc = make_nlp()(text)
    return [s.text for s in doc.spans[UNKNOWN_PLACES]]


def test_names_the_gazetteer_does_not_know_are_places_where_written_as_places() -> None:
    assert unknown("On 2 February 2022, Russian forces shelled Pyshchevyk in January.") == ["Pyshchevyk"]
    assert unknown("Fighting went on near Holubivske, said Oleksandr Syrskyi.") == ["Holubivske"]
    assert unknown("The attack was reported in The Guardian and by Reuters.") == []
    assert unknown("Commanders told The Associated Press that the attack was repelled.") == []
    assert unknown("Russian forces hit Ukrainian positions near Bakhmut.") == []  # known


def test_an_event_at_a_place_the_gazetteer_does_not_know_keeps_its_name() -> None:
    clash = only("On 16 January 2022, the OSCE SMM observed a total of 8 shots involving small arms near Holubivske.",
                 "armed_clash")
    assert (clash.places, clash.place_names) == ((), ("Holubivske",))
    strike = only("On 2 February 2022, Russian forces shelled Pyshchevyk. Casualties unknown.", "strike")
    assert (strike.places, strike.place_names) == ((), ("Pyshchevyk",))


def test_an_unknown_village_in_a_known_region_keeps_its_name() -> None:
    strike = only("On 22 March 2022, Ukrainian forces shelled Russian positions in Kharkiv region near Pyshchevyk.",
                  "strike")
    assert ([p.code for p in strike.places], strike.place_names) == (["UA-63"], ("Pyshchevyk",))


def test_a_coders_note_names_the_unknown_village_it_puts_the_event_in() -> None:
    strike = only("On 30 August 2022, Russian forces shelled Velykopysarivska territorial community, Sumy, with "
                  "mortars (coded to Pyshchevyk). There were no casualties.", "strike")
    assert ({p.region for p in strike.places}, strike.place_names[-1]) == ({"UA-59"}, "Pyshchevyk")
    toll = events("Russian forces shelled Kadiivka, Luhansk. As a result of shelling, one soldier was killed at "
                  "unspecified locations (fatalities coded to Pyshchevyk event).")
    assert [n for e in toll for n in e.place_names if n == "Pyshchevyk"] == []


def test_more_unknown_villages_written_as_places() -> None:
    assert unknown("Ukrainian forces fired at DPR positions in the direction of Pyshchevyk.") == ["Pyshchevyk"]
    # spaCy takes "Velyka Dolynyne" for a person; right after "in" it is a place
    assert unknown("Ukrainian forces shelled DPR positions in Velyka Dolynyne.") == ["Velyka Dolynyne"]
    # spaCy takes the name for a person's: the coder's note still says it is a place
    note = "On 10 May 2022, Russian forces shelled Lozivskyi district (coded to Nova Pyshchevka), Kharkiv."
    assert "Nova Pyshchevka" in only(note, "strike").place_names


def test_a_village_the_parser_takes_for_a_second_subject_is_still_where_the_strike_was() -> None:
    strike = only("On 14 September 2022, Russian forces shelled Nova Yarivka, Zaporizhia region. Casualties unknown.",
                  "strike")
    assert strike.place_names == ("Nova Yarivka",)


def test_a_village_named_with_what_it_is_and_its_region() -> None:
    strike = only("On 7 June 2022, Russian forces shelled Velyka Novosilka urban-type settlement, Donetsk.", "strike")
    assert [(p.name, p.region) for p in strike.places if p.kind == "settlement"] == [("Velyka Novosilka", "UA-14")]


def test_places_named_for_a_fronts_direction() -> None:
    clash = only("On 19 September 2022, Russian forces attacked in the Bakhmut direction, Donetsk region.",
                 "armed_clash")
    assert clash.place_names == ("Bakhmut",)
    clash = only("On 19 September 2022, Russian forces attacked in the Davydiv Brid - Bilohirka direction in the "
                 "Kherson region.", "armed_clash")
    assert clash.place_names[0] == "Davydiv Brid"  # two places, not a city and its district


def test_names_joined_for_a_route_are_no_places() -> None:
    assert places("The shelling damaged the Tolyatti-Odessa ammonia pipeline near Bakhmut.")[0][0] == "Bakhmut"
    assert places("Drones hit the Kyiv-Chop road.") == []
    assert [name for name, _ in places("Missiles hit Ivano-Frankivsk airport.")] == ["Ivano-Frankivsk"]


def test_a_village_with_its_district_and_region() -> None:
    clash = only("On 1 September 2022, DPR and Ukrainian forces exchanged artillery attacks near Pyshchevyk, "
                 "Bakhmutskyi district, Donetsk.", "armed_clash")
    assert [p.code for p in clash.places if p.kind == "settlement"] == ["UA-14/Pyshchevyk"]  # not the city Donetsk
    assert events("The drone attack prompted Caspian Pipeline Consortium to ban ship movement.") == []


def test_a_village_placed_by_its_context_is_the_same_village_named_again() -> None:
    found = places("Clashes took place near Verkhnokamianske, Donetsk region. Russian forces fired artillery near "
                   "Verkhnokamianske.")
    assert [(name, code) for name, code in found if name == "Verkhnokamianske"] == [
        ("Verkhnokamianske", "UA-14/Verkhnokamianske")] * 2


# time

def test_weekday_resolves_to_the_latest_such_day() -> None:
    assert [m.date.value for m in day_mentions("on Sunday morning", TUESDAY)] == ["2023-11-05"]
    assert [m.date.value for m in day_mentions("late on Tuesday", TUESDAY)] == ["2023-11-07"]


def test_explicit_dates() -> None:
    assert [m.date.value for m in day_mentions("On 31 July 2022, forces shelled", TUESDAY)] == ["2022-07-31"]
    assert [m.date.value for m in day_mentions("Thursday, July 14, 2022.", TUESDAY)] == ["2022-07-14"]


def test_coarse_dates_and_clock_times() -> None:
    assert coarse_date("annexed by Moscow in 2014", TUESDAY).value == "2014"
    assert coarse_date("the offensive launched in June", TUESDAY).value == "2023-06"
    assert [t for _, t in clock_times("lifted at 6 a.m. local time")] == [dt.time(6, 0)]
    assert duration("which lasted for approximately three hours") == dt.timedelta(hours=3)


def test_alert_times_in_local_time() -> None:
    alert = only("On Sunday an air raid alert was declared across Ukraine and lifted at 6 a.m. local time.",
                 "air_raid_alert")
    assert alert.date.value == "2023-11-05"
    assert alert.end_time.isoformat() == "2023-11-05T06:00:00+02:00"


def test_undated_article_still_builds() -> None:
    assert only("Russian drones struck Odesa, injuring three people.", "strike", date=None).date is None


def test_an_article_dated_to_the_month_dates_its_events_to_the_month() -> None:
    text = "Russian drones struck Odesa overnight, injuring three people."
    [event] = extract_events(make_nlp()(text), Article("t", text, dt.date(2024, 9, 1), date_precision="month"))
    assert (event.kind, event.date) == ("strike", EventDate("2024-09", "month"))


# counts

@pytest.mark.parametrize(("text", "value"), [("23", 23), ("1,200", 1200), ("four", 4), ("twenty-two", 22)])
def test_numbers(text: str, value: int) -> None:
    assert parse_number(text) == value


def test_killed_and_injured() -> None:
    event = only("Russian missiles struck Vinnytsia on Thursday, killing at least 23 people "
                 "and wounding more than 100 others.", "strike")
    assert (event.counts["killed"], event.counts["injured"]) == (23, 100)
    assert event.attacker.side == "RU"


def test_intercepted_of_launched() -> None:
    event = only("Ukrainian air defenses shot down two of the four incoming Russian missiles.", "interception")
    assert event.counts == {"intercepted": 2, "launched": 4}
    assert (event.attacker.side, event.interceptor.label) == ("RU", "Ukrainian air defence")


def test_part_of_a_total_of_named_weapons_counts_both() -> None:
    found = events("Ukrainian air defence shot down 19 of 26 Shahed drones and 9 of 12 Kalibr cruise missiles over "
                   "Odesa region.")
    assert sorted((e.weapons[0].weapon_class, e.counts) for e in found) == [
        ("drone", {"intercepted": 19, "launched": 26}), ("missile", {"intercepted": 9, "launched": 12})]


def test_a_count_before_a_weapon_name_with_a_number_counts_the_weapon() -> None:
    downed = only("Ukrainian air defence shot down 7 Russian Shahed-136 drones over the Mykolaiv region.",
                  "interception")
    assert downed.counts == {"intercepted": 7}


def test_a_count_before_a_weapon_of_several_words_counts_the_weapon() -> None:
    event = only("Ukrainian forces intercepted and destroyed 2 Russian Kalibr cruise missiles over Khmelnytskyi "
                 "region.", "interception")  # the parser hangs "2" from "Kalibr"
    assert event.counts == {"intercepted": 2}


def test_intercepted_of_them_counts_the_weapons_of_the_sentence_before() -> None:
    text = "The occupiers fired 38 missiles of various types. Air defense forces destroyed 25 of them."
    event = only(text, "interception")
    assert event.counts == {"intercepted": 25, "launched": 38}
    assert [w.weapon_class for w in event.weapons] == ["missile"]
    assert not [e for e in events("Russia fired ten missiles. Two of them hit a school.") if e.kind == "interception"]


@pytest.mark.parametrize(("fired", "second"), [
    (3, "They were shot down by air defence."), (3, "Air defence shot them down."), (2, "Both were downed."),
])
def test_a_pronoun_for_the_weapons_of_the_sentence_before_is_all_of_them_intercepted(fired: int, second: str) -> None:
    interception = only(f"On 9 March 2023, Russian forces fired {fired} Kinzhal missiles at Kyiv. {second}",
                        "interception")
    assert ({w.weapon_class for w in interception.weapons}, interception.counts) == (
        {"missile"}, {"intercepted": fired, "launched": fired})


@pytest.mark.parametrize("second", ["Ukrainian air defence shot down 14 drones.",
                                    "According to the Ukrainian Air Force, 5 drones were shot down."])
def test_weapons_of_the_class_launched_before_are_intercepted_where_they_were_aimed(second: str) -> None:
    downed = only(f"On 16 August 2023, Russian forces attacked the port of Izmail, Odesa, with Shahed drones. {second}",
                  "interception")
    assert {p.region for p in downed.places} == {"UA-51"}
    found = events("On 30 April 2022, Russian forces intercepted Ukrainian drones near Mezhova, Dnipropetrovsk. "
                   "Overall, 12 drones were intercepted across 9 locations.")
    assert sorted((e.counts.get("intercepted", 0), len(e.places)) for e in found) == [(0, 2), (12, 1)]  # the total
    # over the country, not over Mezhova


def test_weapons_named_again_are_intercepted_where_the_sentence_before_aimed_them() -> None:
    text = "On 19 April 2022, Russian forces fired 2 Kalibr missiles at Odesa, Odesa. Both missiles were shot down."
    downed = only(text, "interception")
    assert ({p.region for p in downed.places}, downed.counts) == ({"UA-51"}, {"intercepted": 2, "launched": 2})
    country = only("Russia fired missiles at Odesa. The Air Force said it shot down 18 of the 33 cruise missiles "
                   "launched.", "interception")  # a count of its own: over the country
    assert [p.kind for p in country.places] == ["country"]


def test_a_bare_partitive_count_is_of_the_weapons_of_the_sentence_before() -> None:
    event = only("Russia fired 40 missiles at Kyiv overnight. Air defence shot down 37 of 40.", "interception")
    assert event.counts == {"intercepted": 37, "launched": 40}
    assert [w.weapon_class for w in event.weapons] == ["missile"]
    assert [p.name for p in event.places] == ["Kyiv"]
    text = ("The city said it had withstood one of the biggest rocket attacks. "
            "Ukrainian air defense forces shot down 37 of \u201cabout 40\u201d that entered its airspace.")
    event = only(text, "interception")  # the weapon told only as a modifier ("rocket attacks")
    assert (event.counts, [w.weapon_class for w in event.weapons]) == ({"intercepted": 37, "launched": 40}, ["missile"])


def test_a_depot_of_missiles_destroyed_is_no_interception() -> None:
    text = "Russian forces shelled and destroyed a Ukrainian missile and artillery ammunition depot near Pavlohrad."
    assert [e.kind for e in events(text)] == ["strike"]
    downed = events("Air defence destroyed two missiles and a drone near Pavlohrad.")
    assert {e.kind for e in downed} == {"interception"}


def test_all_the_projectiles_downed_are_all_those_launched_in_the_sentence_before() -> None:
    event = only("Russia launched 12 drones at Kyiv overnight. All the projectiles were destroyed.", "interception")
    assert event.counts == {"intercepted": 12, "launched": 12}
    assert [w.weapon_class for w in event.weapons] == ["drone"]
    assert [p.name for p in event.places] == ["Kyiv"]  # over the city the sentence before names


def test_more_with_no_noun_counts_more_of_the_weapons_told_before() -> None:
    event = only("Air defence shot down 10 drones over Crimea, while three more were suppressed by electronic "
                 "warfare.", "interception")
    assert event.counts == {"intercepted": 13}
    elsewhere = only("On 25 March 2024, Russian air defence intercepted 3 drones over Voronezh region (Russia) and 2 "
                     "over Belgorod region (Russia).", "interception")
    assert ({p.region for p in elsewhere.places if p.region}, elsewhere.counts) == (
        {"RU-VOR", "RU-BEL"}, {"intercepted": 5})
    total = only("On 22 September 2024, air defence destroyed 20 Ukrainian drones overnight, 9 over Oryol region, 6 "
                 "over Tula region and 5 over Kaluga region.", "interception")  # the total broken down
    assert total.counts == {"intercepted": 20}


def test_a_coders_label_and_projectiles_shot_down_tell_no_event_of_their_own() -> None:
    found = events("Interception: On 5 May 2024, Russian air defence systems shot down 2 Storm Shadow cruise missiles "
                   "and 5 HIMARS projectiles over Zaporizhia.")
    assert sorted((e.kind, e.weapons[0].weapon_class, e.counts["intercepted"]) for e in found) == [
        ("interception", "artillery", 5), ("interception", "missile", 2)]
    told = events("Interception: On 12 May 2024, the Ukrainian Air Force said that Russia launched 20 Shahed drones "
                  "and 2 Iskander-M missiles overnight. 17 drones were shot down over Kyiv and Zhytomyr regions.")
    assert [(e.kind, e.counts) for e in told if e.kind == "interception"] == [
        ("interception", {"intercepted": 17, "launched": 20})]


@pytest.mark.parametrize("text", [
    "Interception: On 3 July 2022, a Russian Kh-101 missile was hit over Vinnytsia region.",  # the label tells it
    "On 3 July 2022, Ukrainian forces eliminated 2 Russian Lancet drones near Kupiansk, Kharkiv.",
    "On 3 July 2022, 2 Russian Orlan-10 drones were brought down near Izium, Kharkiv.",
    "On 3 July 2022, Ukrainian air defence hit a Russian cruise missile over Vinnytsia region.",  # not a strike
])
def test_more_ways_of_telling_an_interception(text: str) -> None:
    downed = only(text, "interception")
    assert downed.attacker.side == "RU" and downed.counts.get("intercepted", 2) == 2
    assert "air defence hit" not in text or [e.kind for e in events(text)] == ["interception"]


def test_part_of_the_weapons_launched_at_a_place_is_launched_not_intercepted() -> None:
    event = only("Forty of the 54 Russian drones were launched at Kyiv on Sunday.", "strike")
    assert event.counts == {"launched": 40}
    dropped = only("On 18 November 2024, Russian forces dropped 4 glide bombs on Velyka Pysarivka, Sumy.", "strike")
    assert dropped.counts == {"launched": 4}


def test_damaged_buildings_and_denied_injuries() -> None:
    event = only("Russian drones damaged 36 apartment buildings in Odesa. There were no injuries.", "strike")
    assert event.counts["damaged_buildings"] == 36


# what did not happen

@pytest.mark.parametrize("text", [
    "Fortunately, no immediate reports of strikes in the Kyiv region were received.",
    "Drone attacks on Russian regions have increasingly become a daily occurrence.",
    "Russia could strike Kyiv again, officials warned.",
    "There were attempts by Kiev to carry out attacks on the Belgorod region.",
    "Russian forces have continued to shell Kharkiv for months.",
    "The Ukrainian military has reported increasing success in shooting down incoming drones.",
    "A Ukrainian court sentenced a Russian soldier for shelling Kharkiv in March.",
    "Russian drones hit Sumy on Monday. Kyiv says it strikes only military targets in Belgorod.",
    "Russian drones hit Sumy on Monday. Russia blamed Ukraine for that attack on Belgorod.",
])
def test_no_event_from_negated_hypothetical_or_habitual_statements(text: str) -> None:
    assert [[p.name for p in e.places] for e in events(text) if e.kind != "other"] in ([], [["Sumy"]])


def test_what_failed_did_not_happen_and_fighting_that_was_ongoing_did() -> None:
    text = "On 16 December 2024, Russia launched a cruise missile at Zaporizhzhia. Air defence failed to intercept it."
    assert [e.kind for e in events(text)] == ["strike"]
    assert only("On 20 August 2024, fighting was ongoing in Niu-York, Donetsk.", "armed_clash")


def test_a_verb_in_the_present_reports_an_event_in_a_headline() -> None:
    assert only("Russia pounds Kharkiv with glide bombs\n\nKHARKIV - Two people were killed.", "strike")


@pytest.mark.parametrize("background", [
    "Belgorod has come under repeated attack since December, when a strike on the city centre killed 25 people.",
    "A missile strike on Belgorod in December killed 25 people.",
])
def test_an_event_of_an_earlier_month_told_with_the_news_is_a_past_event(background: str) -> None:
    found = events(f"Ukrainian drones hit Belgorod on Monday, killing two people. {background}")
    assert sorted((e.kind, e.date.value, e.counts.get("killed")) for e in found) == [
        ("other", "2022-12", 25), ("strike", "2023-11-06", 2)]


def test_an_earlier_month_of_a_side_clause_or_of_the_only_event_is_no_past_event() -> None:
    text = ("Russian forces attacked near Bakhmut, Donetsk. In Russia's Kursk region, where Ukrainian troops crossed "
            "the border in August, fighting continued near Korenevo.")
    assert sorted(e.kind for e in events(text)) == ["armed_clash", "armed_clash"]
    assert only("In March 2023, Russian forces shelled Kherson, Kherson. 2 civilians were killed.", "strike")


# roles

def test_what_forces_continued_to_do_on_a_day_they_did() -> None:
    strike = only("On 29 March 2022, Russian forces continued to fire artillery at Kharkiv.", "strike")
    assert strike.date.value == "2022-03-29"


def test_reporter_is_kept_and_attacker_is_the_other_side() -> None:
    event = only("Russia's defence ministry said it had destroyed three Ukrainian drones over the Belgorod region.",
                 "interception")
    assert event.reported_by.label == "Russian Ministry of Defence"
    assert event.attacker.side == "UA"
    assert [p.code for p in event.places] == ["RU-BEL"]


# ground fighting

def test_clash_with_the_place_it_was_fought_for() -> None:
    event = only("On 2 April 2022, Russian forces clashed with the Ukrainian Army trying to gain Avdiivka, Donetsk.",
                 "armed_clash")
    assert [p.region for p in event.places if p.kind == "settlement"] == ["UA-14"]
    assert event.acled_sub_event_type == "Armed clash"


def test_an_attack_on_positions_supported_by_artillery_is_a_clash() -> None:
    found = events("On 5 May 2023, Russian forces launched an attack on Ukrainian positions near Bilohorivka, "
                   "Luhansk, with the support of artillery. The attack was repelled.")
    assert [(e.kind, e.attacker.side) for e in found] == [("armed_clash", "RU")]
    strike = only("On 5 May 2023, Russian forces launched an attack on Bilohorivka, Luhansk, with artillery.", "strike")
    assert {w.weapon_class for w in strike.weapons} == {"artillery"}


def test_an_assault_supported_by_artillery_and_attempts_made_to_storm_are_clashes() -> None:
    supported = only("On 12 February 2024, Russian forces assaulted Ukrainian positions in Avdiivka, Donetsk, "
                     "supported by artillery and aviation.", "armed_clash")
    assert (supported.attacker.side, [p.name for p in supported.places]) == ("RU", ["Avdiivka", "Donetsk Oblast"])
    attempts = only("On 24 April 2023, Russian forces made about 40 attempts to storm Ukrainian positions in Bakhmut, "
                    "Donetsk. All assaults were repelled.", "armed_clash")
    assert attempts.attacker.side == "RU"
    assert events("Russian forces are making attempts to storm Bakhmut, Donetsk.") == []


def test_a_withdrawal_begun_during_fighting_is_a_clash_not_yet_a_change_of_hands() -> None:
    found = events("On 16 February 2024, fierce fighting continued between Russian and Ukrainian forces in Avdiivka, "
                   "Donetsk, as Ukrainian units began withdrawing from the city.")
    assert [e.kind for e in found] == ["armed_clash"]
    withdrawn = events("On 17 February 2024, Ukrainian units withdrew from Avdiivka, Donetsk.")
    assert [e.other_class for e in withdrawn] == ["territory_change"]


def test_fighting_told_next_near_a_village_unknown_is_the_same_clash_in_the_region_told() -> None:
    clash = only("On 5 May 2023, Ukrainian forces launched a counteroffensive in the direction of Melitopol, "
                 "Zaporizhia. Heavy fighting was reported near Pishchoternne.", "armed_clash")
    assert ([p.code for p in clash.places if p.kind == "region"], clash.place_names, clash.attacker.side) == (
        ["UA-23"], ("Melitopol", "Pishchoternne"), "UA")


def test_ground_and_air_forces_attacking_positions_fight_a_clash_and_striking_a_town_an_air_strike() -> None:
    found = events("On 14 July 2022, Russian ground and air forces launched an attack on the positions of Ukrainian "
                   "forces near Pishchoternne, Donetsk.")
    assert [(e.kind, e.attacker.side) for e in found] == [("armed_clash", "RU")]
    strike = only("On 4 August 2022, Russian air and ground forces struck Ivanivka, Kherson.", "strike")
    assert strike.acled_sub_event_type == "Air/drone strike"


def test_positions_attacked_beside_shelling_are_a_clash_and_the_other_sides_strike_stays_its_own() -> None:
    found = events("On 21 October 2025, Russian forces shelled and then attacked Ukrainian positions near Mala "
                   "Tokmachka, Zaporizhia. Ukrainian forces repelled the assault.")
    assert [(e.kind, e.attacker.side) for e in found] == [("armed_clash", "RU")]  # the shelling is the assault's
    found = events("On 8 January 2026, Ukrainian forces struck a Russian ammunition depot in Svatove, Luhansk, with "
                   "HIMARS rockets, while Russian forces attacked Ukrainian positions near Bilohorivka, Luhansk.")
    assert sorted((e.kind, e.attacker.side, [p.name for p in e.places if p.kind == "settlement"],
                   [w.weapon_class for w in e.weapons]) for e in found) == [
        ("armed_clash", "RU", ["Bilohorivka"], []), ("strike", "UA", ["Svatove"], ["artillery"])]
    found = events("On 19 September 2022, Russian forces engaged in a platoon-sized attack near Bilohirka, Kherson, "
                   "however, they were turned back by the Ukrainian artillery attack.")
    assert [(e.kind, e.attacker.side) for e in found] == [("armed_clash", "RU")]  # the fire that turned them back


def test_a_strike_and_a_clash_told_in_clauses_of_their_own_keep_their_own_places() -> None:
    found = events("On 3 January 2023, Russian forces shelled Kupiansk, Kharkiv, and clashed with Ukrainian forces "
                   "near Novoselivske, Luhansk.")
    assert sorted((e.kind, [p.name for p in e.places if p.kind == "settlement"]) for e in found) == [
        ("armed_clash", ["Novoselivske"]), ("strike", ["Kupiansk"])]
    clash = only("On 4 July 2023, Russian forces dropped KAB guided bombs on Stepnohirsk, Zaporizhia, and clashed "
                 "with Ukrainian forces near Robotyne, Zaporizhia.", "armed_clash")  # the strike is the clash's
    assert {p.name for p in clash.places if p.kind == "settlement"} == {"Stepnohirsk", "Robotyne"}
    clash = only("On 26 September 2023, Russian forces repeatedly attacked Ukrainian positions near Synkivka, "
                 "Kharkiv, and were repelled.", "armed_clash")  # repeated that day, no habit
    assert clash.attacker.side == "RU"
    assert events("Since leaving the deal, Russia has repeatedly attacked grain infrastructure in Odesa.") == []


@pytest.mark.parametrize("text", [
    "On 5 May 2023, positional battles took place near Kreminna, Luhansk.",
    "On 5 May 2023, Ukrainian and Russian forces engaged in combat near Kreminna, Luhansk.",
    "On 5 May 2023, a Russian sabotage and reconnaissance group tried to enter Luhansk region near Kreminna, "
    "Luhansk, and was repelled.",
])
def test_combat_told_by_its_own_word_or_by_a_reconnaissance_group_is_a_clash(text: str) -> None:
    assert [p.code for p in only(text, "armed_clash").places if p.kind == "region"] == ["UA-09"]


def test_fighting_people_fled_is_no_clash() -> None:
    text = "Her tenants were a couple who had fled fighting in the eastern Donetsk province."
    assert [e for e in events(text) if e.kind == "armed_clash"] == []


def test_border_guards_and_a_sabotage_group_are_armed_forces_that_clash() -> None:
    event = only("On 5 May 2023, a Ukrainian sabotage and reconnaissance group clashed with Russian border guards "
                 "near Zernovo, Bryansk (Russia).", "armed_clash")
    assert ([p.region for p in event.places if p.kind == "settlement"], event.attacker.side) == (["RU-BRY"], "UA")


def test_a_verb_coordinated_with_an_attempt_still_happened_and_they_clashed_there() -> None:
    text = ("On 17 August 2022, Russian forces attempted to improve their positions towards Kodema, Donetsk region, "
            "and shelled near the settlement. They clashed with Ukrainian forces and were repelled.")
    clash = only(text, "armed_clash")
    assert {p.region for p in clash.places} == {"UA-14"}
    assert not events("Russian forces attempted to improve their positions towards Kodema, Donetsk region.")


def test_who_conducted_the_attacks_attacked_where_they_tried_to_advance() -> None:
    clash = only("On 28 November 2022, Ukrainian forces conducted ground attacks against Russian forces in an "
                 "attempt to advance near Dibrova, Luhansk region.", "armed_clash")
    assert ({p.region for p in clash.places}, clash.attacker.side) == ({"UA-09"}, "UA")


def test_an_offensive_carried_out_on_a_day_is_a_clash_and_absorbs_its_shelling() -> None:
    text = ("On 14 August 2022, Russian forces engaged in an unsuccessful offensive in the direction of Spirne, "
            "Donetsk, using artillery but were repelled by Ukrainian forces.")
    assert [e.kind for e in events(text)] == ["armed_clash"]


def test_an_offensive_with_only_a_month_is_a_past_event() -> None:
    assert [e.kind for e in events("It assists their counter-offensive launched in June.")] == ["other"]


def test_small_arms_fire_is_a_clash_and_fighting_a_fire_is_not() -> None:
    assert only("On 11 February 2022, the rebel forces fired small arms at positions near Vodiane, Donetsk.",
                "armed_clash").places
    assert events("Emergency services are fighting a large fire in Kharkiv.") == []


def test_a_passive_clause_after_a_downing_is_not_done_by_the_air_defence() -> None:
    found = events("Ukrainian air defense forces shot down 37 of about 40 drones over Kyiv, and one person was "
                   "injured.")
    assert {(e.kind, e.attacker.side) for e in found} == {("interception", "RU"), ("strike", "RU")}


@pytest.mark.parametrize(("text", "sub_type"), [
    ("Russian forces launched an airstrike and fired artillery at Novomykhailivka, Donetsk.", "Air/drone strike"),
    ("Russian air units conducted strikes near Novohryhorivka, Mykolaiv.", "Air/drone strike"),
    ("Russian forces fired artillery at Novomykhailivka, Donetsk.", "Shelling/artillery/missile attack"),
    ("Tu-95 bombers launched cruise missiles at Kyiv.", "Shelling/artillery/missile attack"),
    ("a Russian helicopter fired rockets at Ukrainian positions near Vuhledar, Donetsk.", "Air/drone strike"),
    ("Russian forces fired rockets at Vuhledar, Donetsk.", "Shelling/artillery/missile attack"),
])
def test_acled_sub_type_air_before_shelling_and_missiles_before_both(text: str, sub_type: str) -> None:
    assert only(f"On 20 June 2022, {text}", "strike").acled_sub_event_type == sub_type


def test_aircraft_destroyed_by_missiles_fired_at_an_airbase_are_no_interception() -> None:
    found = events("On 25 February 2022, Ukrainian forces fired Tochka-U missiles at the Millerovo airbase in "
                   "Millerovo, Rostov, reportedly destroying 2 Russian aircraft.")
    assert [(e.kind, e.attacker.side) for e in found] == [("strike", "UA")]


def test_a_missile_downed_keeps_the_aircraft_that_launched_it_as_one_interception() -> None:
    found = events("On 21 October 2023, Ukrainian air defence shot down a Kh-59 guided missile launched by a Russian "
                   "Su-34 aircraft over Dnipropetrovsk region.")
    assert [(e.kind, sorted({w.weapon_class for w in e.weapons})) for e in found] == [
        ("interception", ["aircraft", "missile"])]


def test_rockets_fired_by_rocket_launchers_are_artillery_and_their_downing_no_strike() -> None:
    found = events("On 16 March 2024, the Russian MoD reported that air defence systems shot down 16 rockets fired by "
                   "Ukrainian Vampire multiple rocket launchers over Belgorod region.")
    assert [(e.kind, e.attacker.side, sorted({w.weapon_class for w in e.weapons}), e.counts) for e in found] == [
        ("interception", "UA", ["artillery"], {"intercepted": 16})]


def test_downing_an_aircraft_is_a_strike_by_the_side_that_did_it() -> None:
    event = only("On 15 August 2022, Ukrainian forces shot down a Russian Ka-52 helicopter in Donetsk region.",
                 "strike")
    assert (event.attacker.side, [p.code for p in event.places]) == ("UA", ["UA-14"])


def test_shells_fired_are_artillery_launched_and_a_verb_names_no_weapon() -> None:
    strike = only("On 1 March 2023, Russian forces fired 20 shells at Bilopillia, Sumy.", "strike")
    assert ({w.name for w in strike.weapons}, strike.counts) == ({"artillery shell"}, {"launched": 20})
    strike = only("Russian forces shell Kherson, killing 1.", "strike")
    assert {w.name for w in strike.weapons} == {"artillery"}  # implied by the verb, no shell named
    strike = only("On 12 September 2022, Ukrainian forces shelled Russian positions near Kherson, having destroyed "
                  "an artillery shells depot.", "strike")
    assert {w.weapon_class for w in strike.weapons} == {"artillery"}  # shelled, the depot's shells not used


def test_drones_by_their_names() -> None:
    downed = only("Interception: On 5 May 2023, Russian forces shot down a Ukrainian Bayraktar TB2 drone over Kherson "
                  "region (coded to Kherson).", "interception")
    assert (downed.attacker.side, {w.name for w in downed.weapons}) == ("UA", {"Bayraktar TB2 drone"})
    downed = only("Interception: On 5 May 2023, Ukrainian forces destroyed a Russian Orlan-10 reconnaissance UAV near "
                  "Kupiansk, Kharkiv.", "interception")
    assert {w.name for w in downed.weapons} == {"Orlan-10 drone", "reconnaissance drone"}


@pytest.mark.parametrize(("weapon", "name"), [
    ("Kh-31P missiles", "Kh-31 missile"),
    ("an Iskander-K cruise missile", "Iskander-K cruise missile"),
    ("'Tornado-S' MLRS", "Tornado-S rocket launcher"),
])
def test_weapons_by_their_names(weapon: str, name: str) -> None:
    strike = only(f"On 5 May 2023, Russian forces struck Kupiansk, Kharkiv, with {weapon}.", "strike")
    assert name in {w.name for w in strike.weapons}


def test_rockets_of_a_rocket_launcher_are_artillery() -> None:
    for text in ("Russian forces fired BM-21 Grad missiles at Bilohorivka, Luhansk.",
                 "Russian forces fired TOS-1A thermobaric rockets at Bilohorivka, Luhansk."):
        assert {w.weapon_class for w in only(text, "strike").weapons} == {"artillery"}, text
    rockets = only("Russian forces fired rockets at Bilohorivka, Luhansk.", "strike")
    assert {w.weapon_class for w in rockets.weapons} == {"missile"}
    text = "Russian air defense systems intercepted 4 HIMARS rockets over Nova Kakhovka, Kherson."
    downed = only(text, "interception")
    assert (downed.attacker.side, downed.counts, {w.weapon_class for w in downed.weapons}) == (
        "UA", {"intercepted": 4}, {"artillery"})  # rockets in flight are intercepted, as missiles are


def test_a_sentence_ends_only_after_a_word_that_can_end_one() -> None:
    """The parser alone starts a sentence at "Grad missiles", cutting the strike from its place."""
    strike = only("On 23 April 2022, Russian forces fired artillery, missiles, BM-21 Grad missiles at Dmytrokolyne, "
                  "Donetsk. Civilian infrastructure was damaged.", "strike")
    assert [(p.name, p.region) for p in strike.places if p.kind == "settlement"] == [("Dmytrokolyne", "UA-14")]


def test_a_place_that_came_under_artillery_fire_was_struck() -> None:
    text = "On 8 August 2022, Nikopol, Dnipropetrovsk, came under Russian MLRS fire, damaging 5 houses."
    strike = only(text, "strike")
    assert ({w.weapon_class for w in strike.weapons}, [p.name for p in strike.places if p.kind == "settlement"],
            strike.counts) == ({"artillery"}, ["Nikopol"], {"damaged_buildings": 5})
    assert events("On 8 August 2022, a fire broke out at an oil depot in Belgorod, Russia.") == []


def test_heavy_weapons_fired_at_a_town_are_shelling_not_an_attack_on_civilians() -> None:
    strike = only("On 11 April 2022, Russian forces fired heavy weapons at Lysychansk, Luhansk, killing one civilian.",
                  "strike")
    assert ({w.weapon_class for w in strike.weapons}, strike.counts) == ({"artillery"}, {"killed": 1})


def test_a_phrase_holding_a_weapon_word_that_names_no_weapon() -> None:
    text = "The Russian army struck a building in Dnipro with a Kh-22 missile designed to destroy aircraft carriers."
    assert {w.weapon_class for w in only(text, "strike").weapons} == {"missile"}  # no aircraft


def test_a_weapon_named_only_as_a_modifier_is_not_intercepted() -> None:
    assert [e.kind for e in events("On 3 June 2022, Russian air forces destroyed a Ukrainian drone-control center "
                                   "near Pervomaisk, Mykolaiv.")] != ["interception"]


def test_a_weapon_named_as_what_was_hit_is_no_weapon_of_the_strike() -> None:
    def classes(text: str) -> set[str]:
        return {w.weapon_class for w in only(text, "strike").weapons}

    assert classes("On 11 December 2022, Russian forces shot down a Ukrainian MiG-29 aircraft and shelled near "
                   "Pavlivka, Donetsk.") == {"artillery"}
    assert classes("On 2 May 2022, Russian air forces struck 4 Ukrainian S-300 missile complexes near Mezhova, "
                   "Dnipropetrovsk.") == {"aircraft"}  # the air force's strike, on missile launchers
    assert classes("Russian forces carried out a drone attack on Kyiv.") == {"drone"}
    assert classes("Russia struck Kyiv as air defence tried to shoot down drones and missiles.") == {"drone", "missile"}


def test_a_lower_case_connector_inside_a_place_name() -> None:
    strike = only("On 9 April 2022, Ukrainian forces fired mortars near Shakhta imeni Gagarina, Donetsk.", "strike")
    assert [(p.name, p.region) for p in strike.places if p.kind == "settlement"] == [
        ("Shakhta imeni Gagarina", "UA-14")]


def test_settlement_before_a_region_word_and_village_and_district_designators() -> None:
    assert [p.name for p in only("On 28 December 2022, Russian forces shelled Kurakhove, Donetsk region.",
                                 "strike").places if p.kind == "settlement"] == ["Kurakhove"]
    assert places("Russian forces shelled Stepanivka village, Kherson.")[0][0] == "Stepanivka"
    assert ("Studenok", "UA-63/Studenok") in places("Russian forces shelled Studenok district, Kharkiv.")


# counts, continued

def test_death_toll_risen_to_and_singular_buildings() -> None:
    text = ("A Russian missile hit an apartment building in Dnipro on Saturday. "
            "The death toll has risen to 29, officials said.")
    event = only(text, "strike")
    assert (event.counts["killed"], event.counts["damaged_buildings"]) == (29, 1)


def test_people_fired_on_and_killed_are_no_strike() -> None:
    found = events("On 15 September 2022, Russian forces fired on and beheaded 2 employees of the hospital in "
                   "Strilecha, Kharkiv region.")
    assert [(e.kind, e.other_class, e.acled_event_type, e.acled_sub_event_type) for e in found] == [
        ("other", "attack_on_civilians", "Violence against civilians", "Attack")]
    assert found[0].attacker.side == "RU"


def test_the_blast_of_unexploded_ordnance_is_no_strike() -> None:
    found = events("On 31 August 2022, a civilian was killed in Synelnykove, Dnipropetrovsk region, in an explosion "
                   "of unexploded ordnance.")
    assert [(e.kind, e.other_class, e.acled_sub_event_type, [w.name for w in e.weapons]) for e in found] == [
        ("other", "remote_explosive", "Remote explosive/landmine/IED", ["unexploded ordnance"])]
    shell = only("On 19 May 2023, an unexploded shell detonated in Kharkiv city, Kharkiv, injuring 2 children.",
                 "other")
    assert ([p.name for p in shell.places], shell.counts) == (["Kharkiv", "Kharkiv Oblast"], {"injured": 2})
    submunition = only("On 8 July 2023, 2 children were injured when an unexploded cluster submunition detonated in "
                       "Kamianka, Kharkiv.", "other")
    assert submunition.acled_sub_event_type == "Remote explosive/landmine/IED"
    cluster = events("On 31 August 2022, a civilian was killed in Synelnykove, Dnipropetrovsk region, in an explosion "
                     "of an unexploded cluster munition.")
    assert [(e.kind, e.other_class) for e in cluster] == [("other", "remote_explosive")]


def test_an_explosion_the_next_sentence_puts_down_to_a_planted_device_is_no_strike() -> None:
    found = events("On 20 May 2025, an explosion went off near an administrative building in Luhansk, Luhansk. "
                   "Russian-installed officials said an improvised explosive device was used. 2 people were injured.")
    assert [(e.kind, e.acled_sub_event_type, [w.name for w in e.weapons], e.counts) for e in found] == [
        ("other", "Remote explosive/landmine/IED", ["improvised explosive device"], {"injured": 2})]


def test_the_attack_named_again_tells_who_carried_out_the_strike_before_and_with_what() -> None:
    strike = only("On 3 February 2024, a strike hit a bakery in Lysychansk, Luhansk. Russian authorities said the "
                  "attack was carried out by Ukrainian forces with HIMARS rockets.", "strike")
    assert (strike.attacker.side, [w.name for w in strike.weapons]) == ("UA", ["HIMARS rocket"])


def test_a_strike_on_cars_fleeing_a_town_is_a_strike_there() -> None:
    strike = only("On 10 May 2024, Russian forces struck civilian cars evacuating from Vovchansk, Kharkiv with FPV "
                  "drones. 1 civilian was injured.", "strike")
    assert ([p.name for p in strike.places], strike.counts) == (["Vovchansk", "Kharkiv Oblast"], {"injured": 1})


def test_a_toll_after_shooting_at_civilians_is_that_attacks() -> None:
    found = events("On 17 April 2022, Russian forces fired at a civilian car with 4 people who were evacuating from "
                   "Izium, Kharkiv. One passenger, a minor, was injured.")
    assert [(e.kind, e.counts) for e in found] == [("other", {"injured": 1})]


def test_small_arms_fired_at_civilians_are_an_attack_on_them_not_a_clash() -> None:
    found = events("On 5 May 2023, Russian forces fired at a civilian car near Kozacha Lopan, Kharkiv, with small "
                   "arms, killing the driver.")
    assert [(e.kind, e.acled_sub_event_type, e.counts) for e in found] == [("other", "Attack", {"killed": 1})]
    clash = only("On 5 May 2023, Russian forces fired small arms at Ukrainian positions near Kreminna, Luhansk.",
                 "armed_clash")
    assert clash.attacker.side == "RU"


def test_a_village_head_and_her_family_killed_were_attacked_not_struck() -> None:
    found = events("Around 23 March 2022, Russian forces abducted and later killed the head of Motyzhyn village, her "
                   "husband and her son in Motyzhyn, Kyiv.")
    assert [(e.kind, e.acled_sub_event_type, [p.name for p in e.places]) for e in found] == [
        ("other", "Attack", ["Motyzhyn", "Kyiv Oblast"])]


@pytest.mark.parametrize("text", [
    "On 5 May 2023, the bodies of 2 civilians were found in Kupiansk, Kharkiv; they had reportedly been killed by "
    "Russian forces during the occupation.",
    "On 7 May 2023, the bodies of 3 civilians killed by Russian forces were found in Kupiansk, Kharkiv.",
])
def test_civilians_killed_by_forces_with_no_weapon_named_were_attacked_not_struck(text: str) -> None:
    found = events(text)
    assert [(e.kind, e.acled_sub_event_type, e.attacker.side) for e in found] == [("other", "Attack", "RU")]
    strike = only("On 5 May 2023, Russian forces shelled Toretsk, Donetsk. A civilian was killed.", "strike")
    assert strike.counts == {"killed": 1}


@pytest.mark.parametrize(("text", "classes"), [
    ("a Russian drone dropped a grenade on a car near Sadove, Kherson", {"drone"}),
    ("Russian forces used a drone to drop explosives on Kruhliakivka, Kharkiv", {"drone"}),
    ("Russian forces shelled Kherson, Kherson, with cluster munitions", {"artillery"}),
    ("Russian forces fired cluster munitions at Kherson, Kherson", {"other"}),
    ("a Russian drone dropped an explosive charge on a civilian car near Beryslav, Kherson", {"drone"}),
    ("Russian aircraft dropped KAB guided aerial bombs on Avdiivka, Donetsk", {"aircraft"}),  # "guided" a verb
])
def test_a_munition_delivered_by_a_weapon_named_with_it_takes_its_class(text: str, classes: set[str]) -> None:
    assert {w.weapon_class for w in only(f"On 5 May 2024, {text}.", "strike").weapons} == classes


def test_people_counted_with_their_own_toll_word_are_in_that_toll() -> None:
    text = "On 2 January 2024, Russian missiles hit Kyiv. 2 people were killed and 49 injured in Kyiv."
    assert only(text, "strike").counts == {"killed": 2, "injured": 49}


def test_drones_that_set_fire_to_a_depot_struck_it_and_partisans_who_did_destroyed_property() -> None:
    strike = only("On 14 October 2024, Ukrainian drones set fire to an oil depot in Oryol, Oryol region.", "strike")
    assert strike.acled_sub_event_type == "Air/drone strike"
    arson = only("On 14 October 2024, partisans set fire to a relay cabinet in Oryol, Oryol region.", "other")
    assert arson.acled_sub_event_type == "Looting/property destruction"


def test_irregulars_killed_are_the_toll_of_the_clash_not_its_attackers() -> None:
    text = "On 15 January 2025, Ukrainian forces clashed with Russians near Hrabovske, Sumy. 2 saboteurs were killed."
    assert only(text, "armed_clash").counts == {"killed": 2}


def test_a_munition_that_crashed_landed_or_exploded_struck_and_an_aircraft_that_crashed_did_not() -> None:
    strike = only("On 5 May 2024, a Russian Shahed drone crashed into a house in Zatoka, Odesa.", "strike")
    assert (strike.acled_sub_event_type, strike.counts) == ("Air/drone strike", {"damaged_buildings": 1})
    assert only("On 5 May 2024, a Russian missile landed in a field near Bila Tserkva, Kyiv.", "strike")
    assert events("On 5 May 2024, a Russian Su-34 crashed in Voronezh region (Russia).") == []
    assert events("On 5 May 2024, the plane landed in Kyiv.") == []
    shell = only("On 5 May 2024, a shell exploded in the yard of a house in Kherson, injuring a woman.", "strike")
    assert shell.counts == {"injured": 1}
    assert events("On 5 May 2024, a gas cylinder exploded in Sumy.") == []


def test_a_building_a_weapon_fell_near_is_not_damaged() -> None:
    assert only("On 5 May 2024, a Russian missile fell near a school in Zaporizhzhia.", "strike").counts == {}
    assert only("On 5 May 2024, a Russian drone hit a house near a school in Sumy.", "strike").counts == {
        "damaged_buildings": 1}


@pytest.mark.parametrize("claim", ["Partisans claimed responsibility.", "Ukrainian partisans claimed the attack."])
def test_a_blast_partisans_claimed_in_the_next_sentence_was_planted(claim: str) -> None:
    found = events(f"On 5 May 2024, an explosion damaged a railway line near Dzhankoi, Crimea. {claim}")
    assert [(e.kind, e.acled_sub_event_type) for e in found] == [("other", "Remote explosive/landmine/IED")]


def test_a_grenade_dropped_from_a_drone_is_a_drone_strike() -> None:
    strike = only("On 5 May 2023, Russian forces used a drone to drop a grenade on a civilian in Antonivka, Kherson. "
                  "The man was injured.", "strike")
    assert (strike.acled_sub_event_type, strike.counts) == ("Air/drone strike", {"injured": 1})


def test_fire_opened_at_a_town_is_a_strike_and_at_a_car_with_civilians_an_attack_on_them() -> None:
    strike = only("On 5 May 2023, Russian forces opened fire at Kupiansk, Kharkiv.", "strike")
    assert strike.acled_sub_event_type == "Shelling/artillery/missile attack"
    found = events("On 27 February 2022, Russian military forces opened fire on a car with civilians in Sumy. One "
                   "woman was killed.")
    assert [(e.kind, e.acled_sub_event_type, e.counts) for e in found] == [("other", "Attack", {"killed": 1})]


def test_a_toll_in_an_article_that_tells_of_no_strike_is_no_strike() -> None:
    """Nothing told to have hit a place: a toll alone is not a strike of unknown place."""
    found = events("On 27 February 2022, soldiers opened fire on a car with civilians in Sumy. One woman was killed.")
    assert [e.kind for e in found if e.kind == "strike"] == []


def test_weapons_fired_are_launched_when_destroying_buildings_and_more_buildings_add_up() -> None:
    strike = only("On 17 November 2022, Russian forces fired 5 S-300 missiles at Zaporizhzhia city, Zaporizhia, "
                  "destroying 2 buildings and damaging 12 more.", "strike")
    assert strike.counts == {"launched": 5, "damaged_buildings": 14}  # "destroying" destroys no weapon


def test_an_attack_carried_out_with_missiles_launched_them() -> None:
    strike = only("On 24 April 2024, Russian forces struck Zolochiv, Kharkiv. The attack was carried out with two "
                  "S-300 missiles.", "strike")
    assert strike.counts == {"launched": 2}


def test_a_calibre_or_a_weight_is_no_count() -> None:
    strike = only("On 12 June 2022, Ukrainian forces fired 152mm artillery and 120 mm mortars at DPR positions in "
                  "Avdiivka, Donetsk, and dropped a 500-kg bomb.", "strike")
    assert strike.counts == {}


def test_a_toll_a_coder_split_between_events_gives_each_its_share() -> None:
    strike = only("On 10 August 2022, Ukrainian forces shelled Russian positions near Chervonyi Mayak, Kherson "
                  "region. 41 fatality split between 4 shelling events in Kherson area of operation.", "strike")
    assert (strike.counts, strike.attacker.side) == ({"killed": 10}, "UA")  # the note tells no strike of its own
    strike = only("On 2 March 2022, Russian aircraft struck Lozova, Kharkiv. 21 people died in the whole region. "
                  "[10 fatalities coded, the other 11 fatalities split among 6 events]", "strike")
    assert strike.counts == {"killed": 2}


def test_shelling_that_left_civilians_dead_killed_them() -> None:
    strike = only("On 17 November 2022, the shelling of Kherson by Russian forces left 2 civilians dead.", "strike")
    assert strike.counts == {"killed": 2}


def test_a_person_told_by_a_possessive_counts_one() -> None:
    strike = only("On 8 February 2023, Russian shelling of Kherson killed a 60-year-old woman and wounded her husband.",
                  "strike")
    assert strike.counts == {"killed": 1, "injured": 1}


def test_a_count_told_again_for_another_place_adds_to_the_toll() -> None:
    strike = only("On 16 June 2022, Russian forces struck Kharkiv and Chuhuiv, Kharkiv. 2 civilians were killed in "
                  "Kharkiv and 1 in Chuhuiv.", "strike")
    assert strike.counts == {"killed": 3}


def test_the_person_named_with_the_counts_one() -> None:
    assert only("Russian forces shelled Kherson, Kherson. The driver was killed.", "strike").counts == {"killed": 1}
    assert only("Russian forces shelled Kherson, Kherson. The people were injured.", "strike").counts == {}


@pytest.mark.parametrize(("toll", "counts"), [
    ("injuring a man and a woman", {"injured": 2}),
    ("killing a man and injuring a woman", {"killed": 1, "injured": 1}),
    ("and 2 men and a woman were injured", {"injured": 3}),
    ("and the driver and the passenger were injured", {"injured": 2}),
    ("killing 5 Russian soldiers and 2 Ukrainian servicemen", {"killed": 7}),
    ("and 1 civilian was killed and another was injured", {"killed": 1, "injured": 1}),
    ("resulting in 2 fatalities", {"killed": 2}),
    ("killing 2 civilians and injuring 1 more", {"killed": 2, "injured": 1}),
    ("killing 2 people; 1 more died in hospital", {"killed": 3}),
    ("wounding a woman and damaging a cafe", {"injured": 1, "damaged_buildings": 1}),
    ("killing a family of four", {"killed": 4}),
    ("killing a married couple and injuring their daughter", {"killed": 2, "injured": 1}),
    ("and 485 soldiers were killed or wounded", {}),  # casualties, neither toll
    ("and 2 people were killed and 5 wounded", {"killed": 2, "injured": 5}),
    # the parser hangs the 80 on the list before it
    ("and 9 people were killed, including a rescuer, and more than 80 were injured", {"killed": 9, "injured": 80}),
])
def test_people_named_one_by_one_add_up(toll: str, counts: dict[str, int]) -> None:
    assert only(f"On 5 May 2023, Russian forces shelled Bilozerka, Kherson, {toll}.", "strike").counts == counts


@pytest.mark.parametrize("toll", [
    "killing two people, a man and a woman",
    "killing three people, including a child and two Greek citizens",
    "killing three people, among them a man and two women",
    "killing three people, among them a paramedic and a rescuer",
])
def test_people_named_again_or_some_of_them_do_not_add_up(toll: str) -> None:
    count = 2 if "two people" in toll else 3
    assert only(f"On 5 May 2023, Russian forces shelled Bilozerka, Kherson, {toll}.", "strike").counts == {
        "killed": count}


@pytest.mark.parametrize(("toll", "killed"), [
    ("The local administration reported 2 dead.", 2), ("There were 3 dead.", 3), ("It killed 12 Russian troops.", 12),
])
def test_a_number_of_the_dead_or_of_troops_is_killed(toll: str, killed: int) -> None:
    assert only(f"On 6 April 2022, Russian troops shelled Lysychansk, Luhansk. {toll}", "strike").counts == {
        "killed": killed}


def test_a_toll_told_after_a_clash_is_the_clash_toll() -> None:
    clash = only("On 22 April 2022, NAF forces attacked Ukrainian positions near Popasna, Luhansk. Ukrainian forces "
                 "repelled the attack, killing 5 NAF fighters.", "armed_clash")
    assert ([p.name for p in clash.places if p.kind == "settlement"], clash.counts) == (["Popasna"], {"killed": 5})


def test_no_one_hurt_is_nobody() -> None:
    assert only("Drones struck Moscow. No one was injured.", "strike").counts == {"injured": 0}
    assert only("Drones struck Moscow. No one was seriously injured.", "strike").counts == {}


def test_the_day_of_a_date_counts_nothing() -> None:
    strike = only("On 5 May 2023, as a result of Russian shelling, a civilian was killed in Toretsk, Donetsk.",
                  "strike")
    assert strike.counts == {"killed": 1}
    downed = only("The head of the Ukrainian armed forces said they intercepted 60 of 76 missiles launched.",
                  "interception")  # the model takes "76" for a date: a number alone is still a count
    assert downed.counts == {"intercepted": 60, "launched": 76}


def test_more_than_a_number_is_not_more_of_the_weapons() -> None:
    strike = only("On 8 February 2023, a Russian missile hit a five-storey building in Kramatorsk, Donetsk, killing at "
                  "least 3 people and injuring more than 20.", "strike")
    assert strike.counts == {"killed": 3, "injured": 20, "damaged_buildings": 1}


def test_both_counts_two() -> None:
    found = events("Russia launched 35 Shahed drones and 2 Kalibr missiles overnight; Ukrainian air defences downed "
                   "30 drones and both missiles, the air force said.")
    assert {e.weapons[0].weapon_class: e.counts for e in found if e.kind == "interception"} == {
        "drone": {"intercepted": 30, "launched": 35}, "missile": {"intercepted": 2, "launched": 2}}


def test_weapons_launched_in_the_sentence_before_an_interception_go_with_it() -> None:
    found = events("Russia fired 122 missiles and 36 drones at Ukraine overnight, killing at least 30 civilians. "
                   "Air defences shot down 87 missiles and 27 drones.")
    assert {e.weapons[0].weapon_class: e.counts for e in found if e.kind == "interception"} == {
        "missile": {"intercepted": 87, "launched": 122}, "drone": {"intercepted": 27, "launched": 36}}
    assert [e.counts for e in found if e.kind == "strike"] == [{"killed": 30}]


def test_listed_buildings_add_up_and_denied_casualties_are_zero() -> None:
    event = only("Russian drones damaged three residential buildings, a recreation centre and a utility building "
                 "in the Mykolaiv region on Monday. There were no reports of casualties.", "strike")
    assert event.counts == {"damaged_buildings": 5, "killed": 0, "injured": 0}


def test_intercepted_out_of_launched() -> None:
    event = only("Ukraine's air force said it had shot down 18 out of 33 cruise missiles.", "interception")
    assert event.counts == {"intercepted": 18, "launched": 33}


def test_a_reference_point_is_not_where_it_happened() -> None:
    event = only("Russian missiles struck Vinnytsia, a city 268 kilometers southwest of Kyiv, on Thursday.", "strike")
    assert {p.region for p in event.places} == {"UA-05"}


def test_a_caption_line_is_its_own_sentence() -> None:
    text = "Ukrainian Emergency Service via AP\n\nRussian missiles struck Vinnytsia on Thursday."
    assert only(text, "strike").attacker.side == "RU"


def test_intercepted_of_launched_parsed_as_quantifiers_and_of_which() -> None:
    assert only("The army said they intercepted 60 of 76 missiles launched.", "interception").counts == {
        "intercepted": 60, "launched": 76}
    assert only("Russia fired 33 cruise missiles on Saturday, of which 21 were shot down.", "interception").counts == {
        "intercepted": 21, "launched": 33}


def test_where_weapons_were_launched_from_or_a_place_is_told_from_is_not_struck() -> None:
    text = ("Russian drones hit Izmail, Odesa region. The drones were launched from the Primorsko-Akhtarsk area of "
            "Russia's Krasnodar region and from Cape Chauda in occupied Crimea.")
    assert [[p.name for p in e.places if p.kind == "region"] for e in events(text)] == [["Odesa Oblast"]]
    text = ("On 18 July 2022, Russian forces fired Grad MLRS at Nikopol, Dnipropetrovsk, from positions across the "
            "Kakhovka reservoir near Enerhodar, Zaporizhia. 2 civilians were killed.")
    assert [([p.name for p in e.places], e.counts) for e in events(text)] == [
        (["Nikopol", "Dnipropetrovsk Oblast"], {"killed": 2})]
    text = "On 26 October 2022, Russian forces fired MLRS from the Bryansk region of Russia at Semenivka, Chernihiv."
    assert [p.name for p in only(text, "strike").places] == ["Semenivka", "Chernihiv Oblast"]
    repelled = only("On 12 August 2022, Russian forces assaulted and were repulsed from Ukrainian positions near "
                    "Tykhotske, Kharkiv.", "armed_clash")
    assert repelled.places[0].name == "Tykhotske"
    river = only("On 20 July 2022, Ukrainian forces struck the road bridge across the Dnipro near Antonivka, Kherson.",
                 "strike")
    assert [p.name for p in river.places] == ["Antonivka", "Kherson Oblast"]
    debris = only("Debris hit a house in the town of Ramenskoye, southeast of Moscow, injuring one person.", "strike")
    assert [p.name for p in debris.places] == ["Ramenskoye"]


def test_a_capital_that_stands_for_its_government_is_no_place() -> None:
    text = "Officials said a Ukrainian missile strike hit Luhansk, and accused Kyiv of using Storm Shadow missiles."
    assert [p.name for p in only(text, "strike").places] == ["Luhansk"]
    text = "Drones struck Moscow. Kyiv says its drones target military sites. Debris fell on a house in the capital."
    assert {p.name for e in events(text) for p in e.places} == {"Moscow"}


@pytest.mark.parametrize(("text", "places"), [
    ("Ukrainian drones attacked the Yeysk airfield, Krasnodar", {"Yeysk", "Krasnodar Krai"}),
    ("Russian forces hit the Burshtyn thermal power plant, Ivano-Frankivsk", {"Burshtyn", "Ivano-Frankivsk Oblast"}),
    ("Russian forces shelled Nadvirna, Ivano-Frankivsk", {"Nadvirna", "Ivano-Frankivsk Oblast"}),
])
def test_a_facility_named_after_a_town_and_a_hyphenated_region_after_a_comma(text: str, places: set[str]) -> None:
    assert {p.name for p in only(f"On 5 April 2024, {text}.", "strike").places} == places


def test_a_ship_named_after_a_city_is_no_place() -> None:
    text = "On 26 December 2023, Ukrainian missiles struck the landing ship Novocherkassk in Feodosiia, Crimea."
    assert {p.name for p in only(text, "strike").places} == {"Feodosia", "Autonomous Republic of Crimea"}


def test_several_capitals_in_a_dateline_place_nothing() -> None:
    event = only("KYIV/MOSCOW (Reuters) - Ukrainian drones struck a refinery in Russia's Krasnodar region.", "strike")
    assert [p.name for p in event.places] == ["Krasnodar Krai"]


def test_a_dateline_does_not_place_a_national_interception() -> None:
    event = only("KYIV (Reuters) - Ukraine's air defence shot down 15 attack drones overnight.", "interception")
    assert ([p.code for p in event.places], event.counts["intercepted"]) == (["UA"], 15)


def test_a_toll_told_as_rescue_goes_on_is_not_habitual() -> None:
    text = ("The death toll from Saturday's Russian missile strike on an apartment building in Dnipro "
            "has risen to 40, as rescue workers continued to sift through the rubble.")
    assert only(text, "strike").counts["killed"] == 40


def test_a_night_runs_into_the_next_day_and_the_day_of_saying_is_not_the_event_day() -> None:
    wednesday = dt.date(2023, 8, 2)
    assert [m.date.value for m in day_mentions("drones attacked Kyiv on Tuesday night", wednesday)] == ["2023-08-02"]
    assert [m.date.value for m in event_days("the air force said on Tuesday that drones had hit Odesa on Monday",
                                             wednesday)] == ["2023-07-31"]
    # with no other day named, what was reported happened by then
    assert [m.date.value for m in event_days("the air force said on Tuesday it had shot down", wednesday)] == [
        "2023-08-01"]
    assert [m.date.value for m in event_days("As reported on 5 May 2023, Russian forces shelled Kupiansk, Kharkiv.",
                                             wednesday)] == ["2023-05-05"]
    assert [m.date.value for m in event_days("the ministry said on Tuesday it had downed 24 drones overnight",
                                             wednesday)] == ["2023-08-01"]


@pytest.mark.parametrize("text", [
    "Ukraine's president has accused Russia of deliberately targeting civilians in Vinnytsia.",
    "Ukrainian air defense tried to shoot down drones and incoming missiles over Kyiv.",
    "Over the past two weeks, Moscow has stepped up attacks on civilian infrastructure across Ukraine.",
    "On 5 May 2023, authorities announced the evacuation of 18 settlements in Zaporizhia region due to intensified "
    "shelling.",
    "On 5 May 2023, Ukrainian authorities reported that Russian shelling had killed 2,000 civilians in Kherson "
    "region since the start of the war.",
    "On 12 February 2022, a prisoner exchange between Russian and Ukrainian forces took place near Sumy.",
])
def test_accusations_attempts_trends_and_sums_give_no_event(text: str) -> None:
    assert [e.kind for e in events(text) if e.kind in ("strike", "interception", "armed_clash")] == []


def test_an_event_since_a_moment_still_happened() -> None:
    strike = only("On 5 May 2023, since the morning Russian forces shelled Kupiansk, Kharkiv, killing 2.", "strike")
    assert strike.counts == {"killed": 2}


def test_a_weapon_that_destroyed_is_not_intercepted() -> None:
    text = "A rescue operation continues in Dnipro on the ruins of a house destroyed by a Russian rocket."
    assert [e.kind for e in events(text)] == ["strike"]


def test_an_event_placed_in_a_region_only_is_named_by_the_region_as_written() -> None:
    region = only("Interception: On 6 January 2024, Ukrainian air defence downed 4 Shahed drones over Vinnytsia "
                  "region.", "interception")
    assert ([p.name for p in region.places], region.place_names) == (["Vinnytsia Oblast"], ("Vinnytsia",))
    town = only("On 6 January 2024, Russian drones hit Kalynivka, Vinnytsia region.", "strike")
    assert town.place_names == ("Kalynivka",)


def test_a_sea_is_not_the_town_named_after_it() -> None:
    assert [e for e in events("Missiles were fired from bombers over the Sea of Azov.") if e.places] == []
    bay = only("Interception: On 23 September 2022, Russian air defence shot down a Ukrainian drone over the bay of "
               "Sevastopol.", "interception")
    assert [p.name for p in bay.places] == ["Sevastopol"]  # a town's bay is at the town


def test_x_in_the_y_region_places_x_in_y() -> None:
    found = places("Gladkov announced shelling of the village of Dronovka in the Belgorod region.")
    assert found[0][0] == "Dronovka" and (found[0][1].startswith("RU-BEL") or found[0][1].startswith("geonames:"))
    assert only("Ukrainian forces shelled the village of Dronovka in the Belgorod region on Monday.",
                "strike").places[0].region == "RU-BEL"


def test_a_village_known_only_elsewhere_belongs_to_the_region_of_the_article() -> None:
    text = ("On 2 May 2022, Ukrainian forces fired mortars at DPR positions in Shakhta imeni Gagarina, Donetsk. "
            "Russian forces shelled Stepanivka village, Kherson.")
    found = dict(places(text))
    assert (found["Shakhta imeni Gagarina"], found["Stepanivka"]) == (
        "UA-14/Shakhta imeni Gagarina", "UA-65/Stepanivka")  # the whole name, not the Shakhta known elsewhere


def test_buildings_hit_through_a_preposition_a_part_or_a_list() -> None:
    def damaged(text: str) -> int | None:
        return sentence_counts(make_nlp()(text)[:], {})[0].get("damaged_buildings")

    assert damaged("A missile slammed into a four-story apartment building in Kryvyi Rih.") == 1
    assert damaged("The upper floors of an apartment building were destroyed.") == 1
    assert damaged("The debris damaged windows in an apartment building, an office building and two gas stations.") == 4
    assert damaged("The attack damaged 72 apartments.") is None


def test_debris_damage_after_an_interception_is_a_strike_on_its_region() -> None:
    text = ("The governor of the Mykolaiv region said that the air force destroyed 13 Shahed drones over his region "
            "on Tuesday. It also damaged three residential buildings, a recreation centre, and a utility building.")
    strike = only(text, "strike")
    assert ({p.region for p in strike.places}, strike.counts["damaged_buildings"]) == ({"UA-48"}, 5)


def test_with_no_side_named_a_strike_on_crimea_is_ukraines_and_its_air_defence_russias() -> None:
    strike = only("On 5 May 2023, an explosion occurred at an airfield near Saky, Crimea, after a drone attack.",
                  "strike")
    assert strike.attacker.side == "UA"
    downed = only("On 5 May 2023, air defence shot down 3 drones over Crimea.", "interception")
    assert (downed.attacker.side, downed.interceptor.side) == ("UA", "RU")
    assert only("On 5 May 2023, drones attacked Odesa.", "strike").attacker.side == "RU"


def test_debris_that_fell_on_a_building_after_an_interception_is_a_strike_there() -> None:
    text = ("On 5 May 2023, in Belgorod city, Belgorod (Russia), an air defense system intercepted a Tochka-U "
            "missile. The debris fell on a residential building, damaging it.")
    strike, downed = only(text, "strike"), only(text, "interception")
    assert ([p.code for p in strike.places if p.kind == "region"], strike.counts, strike.attacker.side) == (
        ["RU-BEL"], {"damaged_buildings": 1}, "UA")
    assert {w.name for w in downed.weapons} == {"Tochka-U ballistic missile"}  # the missile's name, once


def test_a_nil_toll_after_an_interception_tells_no_strike() -> None:
    found = events("On 5 May 2023, Russian air defense shot down 2 Ukrainian drones over Bryansk region (Russia). "
                   "No casualties.")
    assert [(e.kind, e.counts) for e in found] == [("interception", {"intercepted": 2})]


def test_a_settlement_named_before_a_facility_is_where_it_is() -> None:
    strike = only("On 5 May 2023, a Ukrainian drone attacked the Novoshakhtinsk oil refinery in Rostov (Russia).",
                  "strike")
    assert "Novoshakhtinsk" in [p.name for p in strike.places if p.kind == "settlement"]


@pytest.mark.parametrize(("text", "name"), [
    ("Ukrainian drones attacked the oil refinery in Slavyansk-na-Kubani, Krasnodar.", "Slavyansk-na-Kubani"),
    ("Ukrainian drones attacked Rostov-on-Don, Rostov.", "Rostov-on-Don"),
])
def test_a_name_with_a_lower_case_word_between_hyphens_is_one_name(text: str, name: str) -> None:
    assert [p.name for p in only(text, "strike").places if p.kind == "settlement"] == [name]


def test_a_name_in_a_hyphenated_word_is_not_a_place() -> None:
    assert places("Ukraine says it downs 15 Russia-launched drones") == [("Ukraine", "UA")]


@pytest.mark.parametrize(("text", "kind"), [
    ("On 2 June 2022, Russian forces conducted an airstrike on Nove, Kharkiv region.", "strike"),
    ("On 22 March 2022, the Russian air forces dropped air bombs at Lozova, Kharkiv.", "strike"),
    ("On 29 July 2022, Ukrainian forces destroyed two Russian ammunition depots in the Kherson region.", "strike"),
    ("On 14 October 2022, Ukrainian and Russian forces shelled each other near Makiivka, Donetsk.", "armed_clash"),
    ("On 3 November 2023, Ukrainian marines engaged Russian forces near Kozachi Laheri, Kherson, on the left bank of "
     "the Dnipro.", "armed_clash"),
    ("On 20 March 2025, Ukrainian forces attempted to break through the border near Demidovka, Belgorod (Russia), and "
     "clashed with Russian forces.", "armed_clash"),
    ("On 3 September 2023, Russian forces used a Lancet loitering munition against a Ukrainian self-propelled gun near "
     "Mala Tokmachka, Zaporizhia.", "strike"),
    ("On 3 September 2023, Russian forces used tanks and infantry to attack Ukrainian positions near Robotyne, "
     "Zaporizhia.", "armed_clash"),
    ("On 3 June 2023, Ukrainian forces eliminated a Russian ammunition depot in Nova Kakhovka, Kherson.", "strike"),
    ("On 12 February 2022, the OSCE SMM observed an exchange of small-arms fire between NAF forces and Ukrainian "
     "forces near Pisky, Donetsk.", "armed_clash"),
    ("On 3 June 2023, Nikopol, Dnipropetrovsk came under fire from heavy artillery.", "strike"),
    ("On 3 June 2023, a Ukrainian drone fell on an oil depot in Novozybkov, Bryansk (Russia).", "strike"),
    ("On 3 June 2023, Ukrainian sabotage groups attacked a checkpoint near Novyi Burluk, Kharkiv.", "armed_clash"),
    ("On 3 June 2023, a Russian sabotage group raided Seredyna-Buda, Sumy. Ukrainian forces pushed them back.",
     "armed_clash"),
])
def test_more_ways_of_telling_strikes_and_clashes(text: str, kind: str) -> None:
    found = events(text)
    assert [e.kind for e in found] == [kind]
    assert len({p.region for p in found[0].places}) == 1  # not the city of Dnipro, nor no place


def test_conflicting_claims_stay_side_by_side() -> None:
    text = ("Russia's defence ministry said on Monday its air defences destroyed ten Ukrainian drones over the "
            "Belgorod region. Ukraine's air force said only three drones were shot down over the Belgorod region.")
    found = [e for e in events(text) if e.kind == "interception"]
    assert sorted((e.reported_by.side, e.counts.get("intercepted")) for e in found) == [("RU", 10), ("UA", 3)]


def test_fighting_told_as_the_cause_of_a_recapture_is_not_a_clash_of_its_own() -> None:
    text = ("On 30 September 2022, following clashes, Ukrainian forces recaptured Drobysheve, Donetsk "
            "from Russian forces.")
    assert [e.kind for e in events(text) if e.kind == "armed_clash"] == []
    trying = ("On 17 April 2022, Russian forces clashed with Ukrainian military forces trying to gain control over "
              "Oleksandrivka, Kherson.")
    assert [e.kind for e in events(trying)] == ["armed_clash"]


def test_shots_of_small_arms_are_a_clash_with_no_forces_named() -> None:
    event = only("On 16 January 2022, the OSCE SMM observed a total of 8 shots involving small arms near Avdiivka.",
                 "armed_clash")
    assert [p.region for p in event.places] == ["UA-14"]


def test_an_attempt_that_was_repelled_is_a_clash_of_the_side_repelled() -> None:
    clash = only("On 8 May 2023, Russian forces attempted to advance near Marinka, Donetsk, but were repelled by "
                 "Ukrainian forces.", "armed_clash")
    assert (clash.attacker.side, {p.region for p in clash.places}) == ("RU", {"UA-14"})  # Marinka, Donetsk Oblast
    assert only("On 8 May 2023, Ukrainian forces repelled a Russian attack near Marinka, Donetsk.",
                "armed_clash").attacker.side == "RU"


@pytest.mark.parametrize("text", [
    "On 15 June 2024, Russian forces attempted to advance near Vovchansk, Kharkiv but were stopped by Ukrainian "
    "forces.",
    "On 15 June 2024, Russian forces attempted to storm Ukrainian positions near Krasnohorivka, Donetsk.",
    "On 15 June 2024, Russian forces tried to break through Ukrainian defences near Staromaiorske, Donetsk.",
])
def test_an_attempted_ground_attack_was_fought(text: str) -> None:
    assert only(text, "armed_clash").attacker.side == "RU"


def test_an_attempted_strike_was_aimed_and_an_attempted_capture_did_not_happen() -> None:
    strike = only("On 4 August 2023, the Armed Forces of Ukraine attempted to attack the naval base in "
                  "Novorossiysk with two sea drones.", "strike")
    assert {p.region for p in strike.places} == {"RU-KDA"}
    assert [e.kind for e in events("Ukrainian air defence tried to shoot down the missile over Kyiv.")] == []
    assert [e.kind for e in events("On 7 April 2022, clashes took place near Rubizhne, Luhansk as Russian forces "
                                   "attempted to capture the city.")] == ["armed_clash"]  # no capture: the clash


@pytest.mark.parametrize("text", [
    "On 23 October 2022, Ukrainian forces conducted counteroffensive operations against Russian forces near "
    "Kreminna, Luhansk region.",
    "On 15 June 2024, Ukrainian forces carried out a counteroffensive near Robotyne, Zaporizhia.",
])
def test_an_offensive_is_fought_by_the_side_that_carried_it_out(text: str) -> None:
    assert only(text, "armed_clash").attacker.side == "UA"


def test_forces_attacking_near_a_village_with_no_weapon_is_a_clash() -> None:
    clash = only("On 8 September 2023, Russian forces unsuccessfully attacked near Synkivka, Kharkiv.", "armed_clash")
    assert {p.region for p in clash.places} == {"UA-63"}
    assert events("On 8 September 2023, Russian forces attacked Kharkiv with drones.")[0].kind == "strike"
    for text in ("On 8 September 2023, Russian forces conducted an unsuccessful attack near Synkivka, Kharkiv.",
                 "On 8 September 2023, Russian forces launched an attack on Ukrainian positions near Synkivka."):
        assert [e.kind for e in events(text)] == ["armed_clash"], text
    assert [e.kind for e in events("On 8 September 2023, Russian forces launched an attack on Kharkiv, killing 3.")
            ] == ["strike"]  # an attack on a city, not on forces


def test_fighters_turned_back_fought_a_clash_and_a_car_turned_back_is_none() -> None:
    clash = only("On 19 September 2022, Russian forces engaged in a platoon-sized attack near Bilohirka, Kherson, "
                 "however, they were turned back by the Ukrainian artillery attack.", "armed_clash")
    assert clash.attacker.side == "RU"  # "they": the Russian forces told before
    assert events("Russian forces turned back the car at a checkpoint in Kherson.") == []


@pytest.mark.parametrize(("text", "side"), [
    ("On 3 April 2022, the Armed Forces of Ukraine shelled Russian positions near Izium, Kharkiv.", "UA"),
    ("On 3 April 2022, the AFU shelled Horlivka, Donetsk.", "UA"),
    ("On 3 April 2022, RF forces shelled Sloviansk, Donetsk.", "RU"),
    ("On 3 April 2022, the occupiers fired at Marhanets, Dnipropetrovsk.", "RU"),
    ("On 3 April 2022, Ukranian forces shelled Horlivka, Donetsk.", "UA"),  # misspelt, as notes sometimes are
    ("On 3 April 2022, Russin forces shelled the occupied town of Oleshky, Kherson.", "RU"),
    ("On 3 June 2023, fighters of the Freedom of Russia Legion shelled Shebekino, Belgorod (Russia).", "UA"),
])
def test_the_names_reports_give_the_sides_armed_forces(text: str, side: str) -> None:
    assert only(text, "strike").attacker.side == side


@pytest.mark.parametrize(("text", "side"), [
    ("On 3 June 2023, Ukrainian forces counterattacked near Robotyne, Zaporizhia.", "UA"),  # a verb parsed as a
    ("On 3 June 2023, Ukrainian forces pushed back Russian troops near Klishchiivka, Donetsk.", "RU"),  # clause
])
def test_the_side_that_attacked_in_a_clash(text: str, side: str) -> None:
    assert only(text, "armed_clash").attacker.side == side


def test_the_region_of_the_forces_that_fought_is_not_where_they_fought() -> None:
    clash = only("On 3 April 2022, LPR forces and Wagner Group fighters attacked Ukrainian positions near Bakhmut, "
                 "Donetsk.", "armed_clash")
    assert {p.region for p in clash.places} == {"UA-14"}  # not Luhansk Oblast as well


def test_a_source_named_after_according_to_is_not_where_the_event_was() -> None:
    found = events("On 26 February 2023, Ukrainian forces shelled Horlivka, Donetsk. 1 civilian was killed, "
                   "according to the DPR.")
    assert [(e.kind, e.attacker.side, e.counts) for e in found] == [("strike", "UA", {"killed": 1})]


def test_a_toll_after_a_clash_is_the_clash_toll_and_air_defence_repelling_is_no_clash() -> None:
    text = ("On 11 February 2022, the rebel forces fired small arms at the governmental positions near Vodiane, "
            "Donetsk. During the day, one Ukrainian soldier was wounded at an unspecified location.")
    assert [(e.kind, e.counts.get("injured")) for e in events(text)] == [("armed_clash", 1)]
    assert [e.kind for e in events("Russian air defense systems repelled an overnight attack by the Ukrainian "
                                   "armed forces on the Bryansk region on Saturday.")] != ["armed_clash"]


def test_a_settlement_keeps_the_name_the_text_gives_it() -> None:
    event = only("Russian missiles hit Kiev on Monday.", "strike")
    assert ([p.name for p in event.places], event.place_names) == (["Kyiv"], ("Kiev",))


@pytest.mark.parametrize("text", [
    "On 28 July 2022, DPR military forces exchanged artillery fire with Ukrainian forces near Novobakhmutivka, "
    "Donetsk.",
    "On 3 March 2022, Russian forces attempted an offensive operation against Ukrainian forces near Ruska Lozova, "
    "Kharkiv.",
    "On 7 April 2022, clashes took place between the Russian and Ukrainian forces near Rubizhne, Luhansk as Russian "
    "forces attempted to move forward and capture the city.",
    "On 17 November 2022, Ukrainian forces repelled a Russian attack near Spirne, Donetsk.",
])
def test_ground_fighting_told_in_several_ways(text: str) -> None:
    assert "armed_clash" in [e.kind for e in events(text)]


@pytest.mark.parametrize("text", [
    "Around 30 May 2022, Russian forces killed about 25 civilians in Vysokopillia, Kherson.",
    "On 17 April 2022, Russian forces fired at a civilian car near Izium, Kharkiv.",
    "On 4 January 2023, a civilian was injured, having activated an unknown explosive near Balakliia, Kharkiv region.",
])
def test_people_shot_and_mines_are_not_strikes(text: str) -> None:
    assert [e.kind for e in events(text) if e.kind != "other"] == []


def test_a_blast_set_off_by_irregulars_is_a_planted_explosive_with_its_toll() -> None:
    found = events("On 18 June 2022, an unidentified armed group set up an explosion of the car of a prison head in "
                   "Kherson. As a result of the explosion, a man was injured.")
    assert [(e.kind, e.acled_sub_event_type, e.counts) for e in found] == [
        ("other", "Remote explosive/landmine/IED", {"injured": 1})]
    assert only("Partisans shelled Russian positions near Melitopol, Zaporizhia, with mortars.", "strike")


@pytest.mark.parametrize(("text", "attacker"), [
    ("On 14 July 2022, Ukrainian partisans conducted an arson attack against a sunflower processing factory in "
     "Mariupol, Donetsk region.", "UA"),
    ("Looting: On 3 March 2022, Russian forces looted shops and houses in Bucha, Kyiv.", "RU"),
])
def test_property_looted_or_set_on_fire_is_property_destruction_not_a_strike(text: str, attacker: str) -> None:
    (event,) = events(text)
    assert (event.kind, event.other_class, event.acled_sub_event_type, event.attacker.side) == (
        "other", "property_destruction", "Looting/property destruction", attacker)


def test_shelling_on_the_day_and_in_the_region_of_a_clash_is_part_of_it() -> None:
    text = ("On 26 July 2022, Russian forces were repulsed after clashing with Ukrainian forces near Berestove, "
            "Donetsk. Russian forces also shelled Bakhmut, Donetsk.")
    assert [e.kind for e in events(text)] == ["armed_clash"]
    text = ("Russian forces attacked Ukrainian positions near Lysivka, Donetsk region.\n\nRussian shelling killed two "
            "civilians in the town of Kostiantynivka, the governor said.")
    assert sorted(e.kind for e in events(text)) == ["armed_clash", "strike"]


def test_a_toll_including_a_child_is_still_the_toll_of_the_shelling() -> None:
    text = ("On 26 February 2022, Russian military forces shelled Sartana, Donetsk. Three people were wounded "
            "and three killed, including a child.")
    assert only(text, "strike").counts == {"injured": 3, "killed": 3}


def test_the_capital_is_the_capital_named_before_or_of_the_side_named() -> None:
    assert places("Russian drones attacked Kyiv. Debris hit three districts of the capital.")[-1][0] == "capital"
    [(_, kyiv), *_] = places("Russian drones attacked Kyiv.")
    assert places("Russian drones attacked Kyiv. Debris hit three districts of the capital.")[-1][1] == kyiv
    assert only("Drones struck the Russian capital on Tuesday.", "strike").places[0].region == "RU-MOW"


def test_listed_buildings_after_an_apposition() -> None:
    text = "Civilian infrastructure, a school, a kindergarten and 10 apartment buildings were damaged in Kharkiv."
    assert sentence_counts(make_nlp()(text)[:], {})[0] == {"damaged_buildings": 12}


def test_the_region_again_and_the_region_of_x() -> None:
    text = ("The governor of the southern region of Mykolaiv said on Tuesday that the air force destroyed "
            "13 Shahed drones over his region.")
    assert {p.region for p in only(text, "interception").places} == {"UA-48"}
    debris = ("Russian missiles were shot down over the Kyiv region on Monday. The debris damaged windows in an "
              "apartment building, an office building and two gas stations in the region, he said.")
    strike = only(debris, "strike")
    assert ({p.region for p in strike.places}, strike.counts["damaged_buildings"]) == ({"UA-32"}, 4)


@pytest.mark.parametrize("toll", ["Debris fell in several districts, injuring 13 people.",
                                  "Falling fragments injured 13 people."])
def test_people_hurt_by_debris_are_the_toll_of_the_strike(toll: str) -> None:
    strike = only(f"On 18 March 2024, Russian forces attacked Kyiv with cruise missiles. {toll}", "strike")
    assert strike.counts == {"injured": 13}


@pytest.mark.parametrize("toll", ["DPR authorities claimed that 2 civilians were killed.",
                                  "2 civilians were killed, per DPR authorities."])
def test_the_authorities_who_tell_a_toll_do_not_place_it(toll: str) -> None:
    found = events(f"On 7 March 2024, Ukrainian forces shelled Horlivka, Donetsk (DPR-controlled). {toll}")
    assert [(e.kind, e.attacker.side, e.counts) for e in found] == [("strike", "UA", {"killed": 2})]


def test_a_denied_toll_is_placed_where_the_official_has_charge() -> None:
    text = ("Russian missiles hit Kyiv on Monday. Serhiy Popko, head of Kyiv's military authorities, said that "
            "there was no damage or casualties.")
    assert only(text, "strike").counts == {"damaged_buildings": 0, "killed": 0, "injured": 0}


def test_a_district_named_with_its_city_is_that_city_s_not_a_namesake_elsewhere() -> None:
    found = events("On 25 May 2024, Russian forces struck a mall in Kharkiv - Shevchenkivskyi with guided bombs.")
    assert [(e.kind, [p.name for p in e.places], e.place_names) for e in found] == [
        ("strike", ["Kharkiv"], ("Kharkiv - Shevchenkivskyi",))]


@pytest.mark.parametrize("text", [
    "Ukrainian forces shelled Donetsk - Kuibyshivskyi, hitting a market",  # spaCy takes it for a person
    "Russian forces shelled the Saltivskyi, Kyivskyi and Industrialnyi districts of Donetsk",  # not Kyiv's
])
def test_districts_named_with_their_city_are_that_city_s(text: str) -> None:
    event = only(f"On 19 September 2022, {text}. 13 civilians were killed.", "strike")
    assert ([p.name for p in event.places], event.counts.get("killed")) == (["Donetsk"], 13)


def test_a_city_with_its_district_and_a_place_coded_to() -> None:
    event = only("On 18 June 2022, Ukrainian forces shelled DPR positions in Donetsk - Kuibyshivskyi.", "strike")
    assert ([p.name for p in event.places if p.kind == "settlement"], event.place_names) == (
        ["Donetsk"], ("Donetsk - Kuibyshivskyi",))
    coded = only("Interception: On 27 September 2022, Ukrainian forces shot down 11 Russian drones over the Odesa "
                 "region (coded to Odesa).", "interception")
    assert [p.name for p in coded.places if p.kind == "settlement"] == ["Odesa"]


def test_an_alert_with_times_is_dated_to_the_hour() -> None:
    alert = only("On Sunday an air raid alert was declared across Ukraine and lifted at 6 a.m. local time.",
                 "air_raid_alert")
    assert (alert.date.value, alert.date.precision) == ("2023-11-05", "hour")


def test_the_subject_nearest_the_verb_not_the_dateline_agency() -> None:
    text = "KYIV (Reuters) - Russia launched 88 missiles at Ukraine overnight, killing at least five people."
    assert only(text, "strike").attacker.side == "RU"


def test_strikes_by_both_sides_in_one_sentence_keep_their_own_places() -> None:
    text = "Russian glide bombs hit Kharkiv on Monday as Ukraine struck Crimea."
    found = {e.attacker.side: {p.region for p in e.places} for e in events(text) if e.kind == "strike"}
    assert found == {"RU": {"UA-63"}, "UA": {"UA-43"}}


def test_an_interception_told_without_a_side_is_over_the_country_attacked() -> None:
    text = "Russia fired Kalibr missiles at Ukraine on Monday. The air force said all eight missiles were intercepted."
    event = only(text, "interception")
    assert ([p.code for p in event.places], event.attacker.side, event.counts) == (
        ["UA"], "RU", {"intercepted": 8, "launched": 8})
    aimed = only(text.replace("at Ukraine", "at Odesa"), "interception")  # where they were aimed
    assert [p.region for p in aimed.places] == ["UA-51"]


def test_the_country_and_the_city_named_again() -> None:
    text = ("Ukraine's air force said Russia attacked Ukraine with missiles overnight. "
            "An air raid alert was declared across the country on Saturday.")
    assert [p.code for p in only(text, "air_raid_alert").places] == ["UA"]
    city = only("Drones attacked Kyiv on Tuesday. At 2:30am, air raid sirens again filled the city.", "air_raid_alert")
    assert ([p.name for p in city.places], city.place_names) == (["Kyiv"], ())


def test_weapons_of_which_some_were_destroyed_and_their_attacker() -> None:
    text = ("The ministry said on Monday that Ukraine had attacked Crimea with 17 drones overnight, 14 of which "
            "were destroyed by air defences.")
    event = only(text, "interception")
    assert (event.attacker.side, event.counts) == ("UA", {"intercepted": 14, "launched": 17})


def test_nobody_hurt_and_a_name_without_its_article() -> None:
    assert only("A drone hit an office building in Moscow on Monday. Nobody was hurt, the mayor said.",
                "strike").counts == {"damaged_buildings": 1, "injured": 0}
    assert places("The Poltava regional governor said 36 people were missing.") == [("Poltava", "UA-53")]


def test_an_official_named_again_by_surname_is_the_same_official() -> None:
    text = ("Regional governor Oleh Syniehubov said Russian missiles struck Kharkiv overnight, injuring five people. "
            "Russian drones also hit a warehouse in the Poltava region, Syniehubov said.")
    assert {event.reported_by for event in events(text)} == {Actor("Official", "Oleh Syniehubov")}


def test_full_names_only_where_one_fuller_name_of_the_same_side_fits() -> None:
    short, full = Actor("Official", "Sobyanin"), Actor("Official", "Sergei Sobyanin", "RU")
    assert full_names([short, full, Actor("Official", "Sergei")]) == {short: full}
    assert full_names([short, full, Actor("Official", "Anna Sobyanin")]) == {}  # two fit: ambiguous
    assert full_names([Actor("Official", "Sobyanin", "UA"), full]) == {}  # another side


def test_an_official_is_of_the_country_of_the_place_in_the_title() -> None:
    text = "Kharkiv Governor Oleh Syniehubov said Russian missiles struck the city overnight, injuring five people."
    assert only(text, "strike").reported_by == Actor("Official", "Oleh Syniehubov", "UA")


def test_an_official_named_in_apposition_to_the_title() -> None:
    text = ("The governor of the Belgorod region, Vyacheslav Gladkov, said Ukrainian drones hit a house in "
            "Shebekino, injuring two people.")
    assert only(text, "strike").reported_by == Actor("Official", "Vyacheslav Gladkov", "RU")


def test_a_state_is_named_as_its_country() -> None:
    strike = only("Ukraine said Russian drones struck Odesa overnight.", "strike")
    assert strike.reported_by == Actor("State", "Ukraine", "UA")


def test_synthetic_air_raid_alerts_are_read_as_made_up() -> None:
    """The benchmarks' synthetic graphs make up the alert that kg reads from the synthetic text."""
    from kg import synthetic

    for number in (0, 3, 4):
        item = synthetic.article(number)
        read = [e for e in extract_events(make_nlp()(item.text), item) if e.kind == "air_raid_alert"]
        made_up = [e for e in synthetic.events(item, number) if e.kind == "air_raid_alert"]
        assert [(e.places, e.date, e.start_time, e.end_time) for e in read] == [
            (e.places, e.date, e.start_time, e.end_time) for e in made_up]
        assert len(made_up) == (number % synthetic.ALERT_EVERY == 0)
    assert synthetic.events(synthetic.article(3), 3)[-1].start_time.isoformat() == "2023-01-04T04:00:00+02:00"


@pytest.mark.parametrize(("text", "sub_type", "taker", "region"), [
    ("On 30 September 2022, following clashes, Ukrainian forces recaptured Drobysheve, Donetsk from Russian forces.",
     "Government regains territory", "UA", "UA-14"),
    ("On 22 April 2022, following clashes, Russian forces took the village of Lozova, Kharkiv.",
     "Non-state actor overtakes territory", "RU", "UA-63"),
    ("On 4 September 2022, Russian forces took control over Maiorsk, Donetsk, as the result of clashing with "
     "Ukrainian forces.", "Non-state actor overtakes territory", "RU", "UA-14"),
    ("On 15 August 2024, Ukrainian forces took control over Sudzha, Kursk, Russia.",  # not their own country
     "Non-state actor overtakes territory", "UA", "RU-KRS"),
    ("On 10 November 2022, following Russian withdrawal, Ukrainian military forces regained the control over Mylove, "
     "Kherson.", "Non-violent transfer of territory", "UA", "UA-65"),
    ("On 12 September 2022, Russian forces departed from Kyselivka, Kherson region leaving their positions there.",
     "Non-violent transfer of territory", "UA", "UA-65"),  # left to the other side
    ("On 12 January 2024, Ukrainian forces recaptured Staromaiorske, Donetsk.",  # the village parsed as a subject
     "Government regains territory", "UA", "UA-14"),
    ("On 20 May 2023, Russian forces and Wagner Group fighters captured Bakhmut, Donetsk after months of fighting.",
     "Non-state actor overtakes territory", "RU", "UA-14"),  # the town parsed as an adverb
    ("Around 13 September 2022, as a result of a counteroffensive operation carried out by Ukrainian forces, Russian "
     "forces withdrew from their positions in Kreminna, Luhansk region and Ukrainian forces recaptured it.",
     "Government regains territory", "UA", "UA-09"),  # forced out: not without fighting
])
def test_ground_changing_hands_is_a_territory_change_not_a_clash(
    text: str, sub_type: str, taker: str, region: str,
) -> None:
    found = events(text)
    assert [e.kind for e in found if e.kind != "other"] == []
    (change,) = [e for e in found if e.other_class == "territory_change"]
    assert (change.acled_sub_event_type, change.attacker.side, {p.region for p in change.places if p.region}) == (
        sub_type, taker, {region})


@pytest.mark.parametrize("text", [
    "On 15 June 2024, Ukrainian forces captured two Russian soldiers near Robotyne, Zaporizhia.",
    "Around 4 May 2022, Russian forces captured a woman in Melitopol, Zaporizhia, and took her away.",
    "Russian drones attacked Odesa on Tuesday, a month after Moscow withdrew from a grain deal.",
    "On 15 June 2024, Russian forces shelled the occupied city of Nova Kakhovka, Kherson.",
    "On 17 April 2022, Russian forces attempted to capture Oleksandrivka, Kherson.",
])
def test_taking_people_leaving_a_deal_or_holding_a_city_is_no_territory_change(text: str) -> None:
    assert [e for e in events(text) if e.other_class == "territory_change"] == []


def test_uncrewed_boats_destroyed_are_intercepted_drones_and_their_attack_no_strike_of_its_own() -> None:
    found = events("Interception: On 24 July 2023, the Russian MoD reported that the patrol ship Sergei Kotov "
                   "destroyed 2 Ukrainian uncrewed surface vessels which attempted to attack it near Sevastopol.")
    assert [(e.kind, [w.weapon_class for w in e.weapons], e.counts) for e in found] == [
        ("interception", ["drone"], {"intercepted": 2})]
    found = events("On 22 March 2023, Russian forces destroyed 3 Ukrainian uncrewed boats attacking the bay of "
                   "Sevastopol.")
    assert [e.kind for e in found] == ["interception"]


def test_all_of_a_number_launched_shot_down_and_a_district_of_a_city_named_with_its_possessive() -> None:
    interception = only("On 16 May 2023, Russian forces launched 18 missiles at Kyiv city. Ukrainian air defence "
                        "shot down all 18.", "interception")
    assert (interception.counts["intercepted"], [w.weapon_class for w in interception.weapons]) == (18, ["missile"])
    strike = only("On 24 April 2025, a missile hit a residential building in Kyiv's Sviatoshynskyi district.", "strike")
    assert [p.region for p in strike.places] == ["UA-30"]
    assert events("On 10 October 2022, 30% of Ukraine's power stations were destroyed by Russian missiles, "
                  "Kharkiv's mayor said.") == []  # whose stations, whose mayor: no place of a strike


def test_a_bomb_planted_is_a_remote_explosive_and_rockets_fired_by_helicopters_an_air_strike() -> None:
    (event,) = events("On 24 August 2022, the head of the Mykhailivka administration was killed in Melitopol, "
                      "Zaporizhia, when a bomb planted under his car exploded.")
    assert (event.kind, event.acled_sub_event_type) == ("other", "Remote explosive/landmine/IED")
    strike = only("On 12 December 2022, Russian Ka-52 helicopters fired rockets at Ukrainian positions near "
                  "Huliaipole, Zaporizhia.", "strike")
    assert ({w.weapon_class for w in strike.weapons}, strike.acled_sub_event_type) == ({"aircraft"}, "Air/drone strike")
    strike = only("On 24 August 2025, Ukrainian forces attacked Taganrog, Rostov, with drones and Neptune missiles, "
                  "damaging 2 apartment blocks near an aircraft plant.", "strike")
    assert {w.weapon_class for w in strike.weapons} == {"drone", "missile"}  # the plant is no aircraft


def test_a_region_the_parser_takes_for_a_subject_is_no_attacker_and_an_attack_repelled_no_interception() -> None:
    strike = only("On 10 September 2024, in Ramenskoye, Moscow Oblast, a drone hit an apartment building, killing 1 "
                  "civilian.", "strike")
    assert strike.attacker.side == "UA"  # the opponent of the region's holder, not the Moscow of "Moscow Oblast"
    found = events("On 6 February 2023, Ukrainian forces repelled a Russian attack near Krasnohorivka, Donetsk, while "
                   "Russian forces shelled Krasnohorivka and Mariinka with artillery and mortars.")
    assert [(e.kind, e.attacker.side) for e in found] == [("armed_clash", "RU")]  # the shelling is the clash's


def test_missiles_a_strike_destroyed_are_no_interception() -> None:
    (strike,) = events("On 20 March 2023, Ukrainian forces carried out a drone attack on Dzhankoi, Crimea, destroying "
                       "Kalibr cruise missiles that were being transported by rail.")
    assert (strike.kind, [w.weapon_class for w in strike.weapons]) == ("strike", ["drone"])


def test_a_river_or_a_sea_named_after_a_city_is_no_place_and_a_place_near_it_is() -> None:
    strike = only("On 20 September 2023, Ukrainian forces struck Russian positions on the left bank of the Dnipro "
                  "River near Krynky, Kherson.", "strike")
    assert [p.name for p in strike.places if p.kind == "settlement"] == ["Krynky"]  # not the city of Dnipro
    clash = only("On 21 July 2025, Russian forces attempted to land on islands in the Dnipro delta near Kherson and "
                 "clashed with Ukrainian forces.", "armed_clash")
    assert {p.region for p in clash.places} == {"UA-65"}
    assert {p.region for p in strike.places} == {"UA-65"}
    assert "RU-ROS" not in {p.region for e in events("On 20 September 2023, Ukrainian drones attacked a Russian "
                                                       "ship in the Sea of Azov near Berdiansk.") for p in e.places}


def test_fire_opened_with_a_weapon_is_a_strike_and_on_a_car_an_attack_of_the_side_that_opened_it() -> None:
    strike = only("On 19 August 2023, Russian forces opened fire on Ukrainian positions near Bilozerka, Kherson with "
                  "mortars.", "strike")
    assert ([w.weapon_class for w in strike.weapons], strike.attacker.side) == (["artillery"], "RU")
    (attack,) = events("On 19 August 2023, Russian forces opened fire on a civilian vehicle near Bilozerka, Kherson, "
                       "injuring 2 people.")
    assert (attack.other_class, attack.attacker.side, attack.counts) == ("attack_on_civilians", "RU", {"injured": 2})


@pytest.mark.parametrize(("text", "region"), [
    ("Around 19 May 2022, Russian forces kidnapped the Head of Dvorichna village, Kharkiv and brought her to "
     "occupied territory.", "UA-63"),
    ("On 11 March 2022, Russian forces abducted Melitopol mayor Ivan Fedorov in Melitopol, Zaporizhia.", "UA-23"),
    ("Around 4 May 2022, Russian forces captured a 40-year-old woman in Melitopol, Zaporizhia, and took her away.",
     "UA-23"),
    ("Around 15 March 2022, Russian military forces forcefully transferred a woman from Zdvyzhivka, Kyiv to "
     "Crimea.", "UA-32"),  # where she was taken from
])
def test_people_taken_away_are_an_abduction_by_the_side_that_took_them(text: str, region: str) -> None:
    (event,) = events(text)
    assert (event.other_class, event.acled_sub_event_type, event.attacker.side) == (
        "abduction", "Abduction/forced disappearance", "RU")
    assert region in {p.region for p in event.places}


def test_fighters_taken_prisoner_are_no_abduction_and_a_town_captured_no_person() -> None:
    assert events("On 3 May 2022, Ukrainian forces captured two Russian soldiers near Izium, Kharkiv.") == []
    (event,) = events("On 3 May 2022, Russian forces captured Popasna, Luhansk.")  # spaCy: a PERSON
    assert event.other_class == "territory_change"


def test_a_coders_bracket_between_a_place_and_its_region_keeps_the_region() -> None:
    strike = only("On 4 October 2025, Ukrainian forces launched drones at the Kirishi oil refinery (coded to Kirishi), "
                  "Leningrad.", "strike")
    assert ({p.region for p in strike.places}, strike.place_names) == ({"RU-LEN"}, ("Kirishi",))  # not St Petersburg
    strike = only("On 4 October 2025, Russian forces shelled Lozova district (coded to Lozova), Kharkiv.", "strike")
    assert ({p.region for p in strike.places}, strike.place_names) == ({"UA-63"}, ("Lozova",))  # not Kharkiv city
    strike = only("On 4 October 2023, a Ukrainian drone dropped an explosive device on a farm building in Kurkovichi "
                  "(Starodub municipal district), Bryansk.", "strike")
    assert (strike.place_names, strike.counts) == (("Kurkovichi",), {"damaged_buildings": 1})


def test_a_preposition_opening_a_sentence_is_no_part_of_a_name() -> None:
    clash = only("Near Robotyne, Zaporizhzhia oblast, Ukrainian troops advanced about 500 metres after clashes with "
                 "Russian forces on 28 August 2023.", "armed_clash")
    assert clash.place_names == ("Robotyne",)


def test_a_district_named_alone_is_its_towns() -> None:
    strike = only("On 13 June 2023, a Russian drone hit a house in Odesa district.", "strike")
    assert {p.region for p in strike.places} == {"UA-51"}
    strike = only("On 13 June 2023, a Russian drone hit a house in the Dnipro district of Kyiv.", "strike")
    assert {p.region for p in strike.places} == {"UA-30"}  # a district of the city, not the city of Dnipro


def test_a_missile_danger_alert_is_an_air_raid_alert() -> None:
    alert = only("On 28 January 2024, the governor of Belgorod declared a missile danger alert in Belgorod city.",
                 "air_raid_alert")
    assert {p.region for p in alert.places} == {"RU-BEL"}
    assert sorted(e.kind for e in events("On 13 April 2025, Ukrainian forces launched a drone attack on Kursk city, "
                                         "Kursk. A missile danger alert had been declared in the city shortly before.")
                  ) == ["air_raid_alert", "strike"]


def test_bare_rockets_after_named_ones_are_of_the_named_ones_class() -> None:
    text = ("On 18 February 2024, Ukrainian forces fired RM-70 Vampire rockets at Belgorod. According to the Russian "
            "MoD, 10 rockets were intercepted over the Belgorod region.")
    interception = only(text, "interception")
    assert ([w.weapon_class for w in interception.weapons], interception.counts) == (["artillery"], {"intercepted": 10})
    assert [w.weapon_class for w in only(text, "strike").weapons] == ["artillery"]


def test_targets_air_defence_downed_are_an_interception_of_no_class() -> None:
    interception = only("Over Kyiv oblast, air defence destroyed about 20 enemy targets on 13 June 2023.",
                        "interception")
    assert (interception.weapons, interception.counts) == ((), {"intercepted": 20})
    assert "interception" not in {e.kind for e in events("On 13 June 2023, Ukrainian forces destroyed 3 targets near "
                                                         "Bakhmut.")}  # not by air defence


def test_no_casualties_after_an_interception_is_the_toll_of_the_strike_told_before() -> None:
    strike = only("On 19 November 2024, Ukrainian forces fired 6 ATACMS missiles at a military facility near Karachev, "
                  "Bryansk. According to the Russian MoD, 5 missiles were shot down. There were no casualties.",
                  "strike")
    assert strike.counts == {"killed": 0, "injured": 0}
    assert [e.kind for e in events("On 2 January 2025, Ukrainian air defence shot down 7 Russian drones over Sumy "
                                   "region. No casualties.")] == ["interception"]  # nothing fell


@pytest.mark.parametrize(("text", "damaged"), [
    ("On 30 August 2024, a Russian aircraft dropped a KAB glide bomb on a residential building in Kharkiv.", 1),
    ("On 6 April 2024, Russian missiles hit Zaporizhzhia, hitting an industrial enterprise and a residential "
     "building.", 2),
    ("On 26 June 2024, a Russian missile hit Kryvyi Rih, hitting an apartment building and an educational "
     "institution.", 2),
    ("On 26 January 2023, a Russian missile hit Kropyvnytskyi: a hangar and an adjacent office block were hit.", 2),
    ("On 8 March 2022, Russian forces shelled Izium, Kharkiv, hitting a children's hospital and a five-storey "
     "residential building.", 2),
    ("On 1 September 2024, Russian missiles hit Kharkiv. A sports complex and a multi-storey building were "
     "damaged.", 2),
    ("On 26 June 2024, Russian missiles hit Kyiv, damaging an office centre, a postal terminal and a car wash.", 3),
    ("On 20 August 2022, a Ukrainian drone struck a military headquarters in Sevastopol.", 1),
    ("On 30 May 2024, Russian forces attacked Kharkiv with Shahed drones, hitting a warehouse of a postal operator "
     "and 2 private houses.", 3),
    ("On 3 February 2023, Russian forces shelled Kostiantynivka, Donetsk, hitting a school used as a humanitarian "
     "aid hub and 2 houses.", 3),
])
def test_buildings_named_in_more_ways_are_counted(text: str, damaged: int) -> None:
    assert only(text, "strike").counts["damaged_buildings"] == damaged


def test_what_weapons_are_converted_for_is_no_event_and_drones_falling_without_damage_no_strike() -> None:
    assert sorted(e.kind for e in events("On 10 February 2024, Ukrainian forces fired missiles at Taganrog, Rostov. 2 "
                                         "S-200 missiles converted for ground attack were intercepted over the city.")
                  ) == ["interception", "strike"]
    assert [e.kind for e in events("Electronic warfare units jammed six Russian drones over Kirovohrad oblast on 17 "
                                   "January 2025; the drones lost their course and fell in fields without causing "
                                   "damage.")] == ["interception"]


def test_clashes_that_took_place_in_a_region_are_no_ground_taken() -> None:
    clash = only("Clashes took place in the Pokrovsk direction, Donetsk oblast, on 10 December 2024.", "armed_clash")
    assert {p.region for p in clash.places} == {"UA-14"}
    assert [e.kind for e in events("Clashes took place in the Pokrovsk direction, Donetsk oblast, on 10 December "
                                   "2024.")] == ["armed_clash"]


def test_weapons_told_used_in_the_next_sentence_are_the_strikes() -> None:
    strike = only("On 27 March 2024, a thermal power plant in Burshtyn, Ivano-Frankivsk oblast, was seriously damaged "
                  "in a combined Russian attack. Missiles and Shahed drones were used, the operator said.", "strike")
    assert sorted(w.weapon_class for w in strike.weapons) == ["drone", "missile"]


def test_places_the_parser_hangs_from_a_weapon_after_with_are_what_was_struck() -> None:
    strike = only("On 29 September 2024, Russian forces dropped glide bombs and struck with drones Selydove, Donetsk.",
                  "strike")
    assert (strike.place_names, sorted(w.weapon_class for w in strike.weapons)) == (
        ("Selydove",), ["aircraft", "drone"])
    strike = only("On 19 August 2024, Russian forces shelled and struck with drones Orikhiv, Mala Tokmachka and "
                  "Stepnohirsk, Zaporizhia.", "strike")
    assert {"Orikhiv", "Stepnohirsk"} <= set(strike.place_names)
    assert sorted(w.weapon_class for w in strike.weapons) == ["artillery", "drone"]


def test_a_toll_of_servicemen_reported_killed_is_the_clashes() -> None:
    clash = only("On 19 November 2023, Ukrainian marines who had crossed the Dnipro engaged Russian troops near "
                 "Krynky, Kherson oblast. Fighting lasted throughout the day; Russian sources reported 15 Ukrainian "
                 "servicemen killed.", "armed_clash")
    assert clash.counts == {"killed": 15}


def test_aircraft_damaged_on_an_airfield_are_targets_not_weapons() -> None:
    strike = only("On 16 May 2024, Ukrainian forces fired ATACMS missiles at the Belbek airfield (coded to "
                  "Lyubimivka), Sevastopol. According to the occupation authorities, 1 serviceman was killed; "
                  "several military aircraft were reportedly damaged.", "strike")
    assert [w.name for w in strike.weapons] == ["ATACMS ballistic missile"]  # "missiles" names no other


def test_damage_told_over_recent_months_is_no_strike() -> None:
    assert events("On 23 September 2024, residents of Shebekino gathered in front of the municipal administration in "
                  "Shebekino, Belgorod, demanding compensation for houses damaged by shelling in recent months.") == []


def test_border_guards_or_soldiers_attacked_with_no_weapon_are_a_clash() -> None:
    clash = only("On 12 March 2024, fighters of the Freedom of Russia Legion attacked Russian border guards near "
                 "Kozinka, Belgorod. Russian forces repelled the attack.", "armed_clash")
    assert {p.region for p in clash.places} == {"RU-BEL"}
    assert only("On 12 March 2024, a Russian drone attacked Ukrainian soldiers near Robotyne, Zaporizhzhia.",
                "strike").weapons[0].weapon_class == "drone"


def test_shelling_done_with_a_named_weapon_is_of_that_weapons_class() -> None:
    strike = only("On 30 September 2022, the centre of Mykolaiv was shelled with S-300 missiles.", "strike")
    assert {w.weapon_class for w in strike.weapons} == {"missile"}
    strike = only("On 30 September 2022, Russian forces shelled Mykolaiv and struck it with S-300 missiles.", "strike")
    assert {w.weapon_class for w in strike.weapons} == {"artillery", "missile"}


def test_drones_launched_at_regions_and_destroyed_are_an_interception_there_not_strikes() -> None:
    found = events("On 15 March 2024, according to the Russian MoD, Ukrainian drones launched at Ivanovo and Ryazan "
                   "regions were destroyed.")
    assert [(e.kind, e.attacker.side, sorted(p.region for p in e.places)) for e in found] == [
        ("interception", "UA", ["RU-IVA", "RU-RYA"])]


def test_rockets_named_by_their_launcher_are_its_class_and_downed_ones_too() -> None:
    strike = only("On 14 March 2024, Russian forces fired Tornado-S rockets at Kramatorsk, Donetsk.", "strike")
    assert [w.weapon_class for w in strike.weapons] == ["artillery"]
    interception = only("On 14 March 2024, Russian forces fired 4 Tornado-S rockets at Kramatorsk, Donetsk. Air "
                        "defence shot down 2 rockets.", "interception")
    assert ([w.weapon_class for w in interception.weapons], interception.counts) == (
        ["artillery"], {"intercepted": 2, "launched": 4})


@pytest.mark.parametrize(("text", "weapon_class"), [
    ("On 14 September 2023, Russian forces dropped grenades from a Mavic quadcopter on Bilozerka, Kherson.", "drone"),
    ("On 9 February 2024, Russian forces used TOS-1A thermobaric rocket systems against Ukrainian positions near "
     "Robotyne, Zaporizhia.", "artillery"),
])
def test_quadcopters_and_rocket_systems_are_weapons(text: str, weapon_class: str) -> None:
    assert {w.weapon_class for w in only(text, "strike").weapons} == {weapon_class}


def test_of_them_downed_beside_the_rest_that_hit_is_an_interception() -> None:
    interception = only("On 19 October 2024, Russian forces launched 12 Shahed drones at Cherkasy region. Air defence "
                        "destroyed 10 of them; the remaining drones hit a grain elevator and a warehouse in Smila.",
                        "interception")
    assert interception.counts == {"intercepted": 10, "launched": 12}


def test_guided_bombs_the_parser_reads_as_a_verb_are_counted() -> None:
    interception = only("On 7 June 2024, Ukrainian electronic warfare units jammed 3 Russian KAB guided aerial bombs "
                        "over Kharkiv region.", "interception")
    assert interception.counts == {"intercepted": 3}


def test_ground_fighting_words_of_other_sources() -> None:
    clash = only("On 20 September 2023, RF AF counterattacked near Rabotino (Robotyne), Zaporozhye region, but were "
                 "repelled by the ZSU.", "armed_clash")
    assert {p.region for p in clash.places} == {"UA-23"}
    clash = only("On 22 January 2024, Russian forces repelled an attempt by a Ukrainian group to cross the border near "
                 "Sushany, Bryansk.", "armed_clash")
    assert (clash.attacker.side, {p.region for p in clash.places}) == ("UA", {"RU-BRY"})
    assert events("On 22 January 2024, Russian guards repelled a car at a checkpoint near Sushany, Bryansk.") == []
    clash = only("On 11 December 2023, Russian forces attempted to dislodge Ukrainian marines near Krynky, Kherson "
                 "oblast.", "armed_clash")
    assert clash.attacker.side == "RU"


def test_an_abbreviation_before_a_lower_case_word_ends_no_sentence() -> None:
    strike = only("On 5 June 2024, Russian forces struck a civilian car in Zolochiv, Bohodukhiv raion, Kharkiv obl. "
                  "with a Lancet loitering munition. 1 man was injured.", "strike")
    assert ({w.weapon_class for w in strike.weapons}, strike.counts) == ({"drone"}, {"injured": 1})


def test_a_time_zone_is_no_place() -> None:
    alert = only("On 18 May 2024, an air raid alert was declared in Belgorod city, Belgorod region, at 06:10 Moscow "
                 "time.", "air_raid_alert")
    assert {p.region for p in alert.places} == {"RU-BEL"}


@pytest.mark.parametrize(("text", "day"), [
    ("On 10 October 2023, the Odesa regional administration reported that yesterday Russian forces struck Izmail, "
     "Odesa, with Shahed drones.", "2023-10-09"),
    ("2024-02-29: Russian forces shelled Kherson city, Kherson.", "2024-02-29"),
    ("On 29.10.2022, Russian forces shelled Orikhiv, Zaporizhia.", "2022-10-29"),
])
def test_days_told_in_other_ways(text: str, day: str) -> None:
    assert only(text, "strike").date.value == day


def test_the_next_day_is_the_day_after_the_one_told_before() -> None:
    found = events("On 7 February 2024, Russian forces fired Grad MLRS at Kurakhove, Donetsk, damaging four houses. "
                   "The following day, clashes took place between Russian and Ukrainian forces near Pobieda, Donetsk.")
    assert sorted((e.kind, e.date.value) for e in found) == [("armed_clash", "2024-02-08"), ("strike", "2024-02-07")]


def test_rockets_fired_from_a_rocket_launcher_are_artillery() -> None:
    strike = only("On 16 March 2024, Ukrainian forces fired rockets from Vampire MLRS at Belgorod city, Belgorod "
                  "region.", "strike")
    assert {w.weapon_class for w in strike.weapons} == {"artillery"}


@pytest.mark.parametrize("text", [
    "Russian-installed authorities in Feodosia, Crimea, denied on 3 May 2024 that a Ukrainian drone had struck an oil "
    "depot in the city.",
    "Ukraine's military intelligence warned on 14 October 2024 that Russia was stockpiling cruise missiles for a "
    "massive strike on energy facilities in Lviv and Rivne oblasts.",
    "On 2 February 2024, the spokesperson of the Ukrainian Air Force stated that over the past month Russian forces "
    "had launched more than 300 Shahed drones and about 100 missiles at Ukraine.",
    "On 20 May 2023, Wagner Group claimed full control of Artemovsk (Bakhmut), Donetsk, following months of fighting "
    "with the AFU.",
    "On 17 March 2024, residents of Nikopol, Dnipropetrovsk, gathered near the city council to demand better "
    "protection of the city from constant Russian shelling and drone attacks.",
    "On 13 May 2024, about 1200 residents were evacuated from Vovchansk, Kharkiv, due to constant Russian shelling of "
    "the town.",
    "On 9 May 2023, the SBU detained a resident of Kramatorsk, Donetsk, suspected of spotting targets for Russian "
    "missile strikes on the city.",
    "On 16 February 2023, a UN humanitarian convoy delivered food to Siversk, Donetsk, a town heavily damaged by "
    "months of shelling.",
    "On 19 April 2023, the Russian Black Sea Fleet held live-fire exercises off Sevastopol, Crimea, firing anti-ship "
    "missiles at simulated naval targets.",
    "On 12 October 2023, Ukrainian military intelligence claimed that Russia was stockpiling cruise missiles to strike "
    "energy infrastructure in Odesa region.",
    "On 8 April 2023, residents of Kramatorsk, Donetsk, gathered at the railway station to commemorate the victims of "
    "the Russian missile strike on the station in April 2022.",
    "On 14 May 2024, sappers of the State Emergency Service cleared farmland and destroyed 120 explosive items near "
    "Izium, Kharkiv.",
    "On 15 January 2025, the governor of Belgorod region ordered the evacuation of several villages in Krasnaya "
    "Yaruga district citing shelling by Ukrainian forces.",
])
def test_no_event_of_its_day_is_told(text: str) -> None:
    """Strikes denied, warned of, summed over a stretch of time, told as a condition, a suspicion, a drill, a
    purpose or a memory; demining; a reason cited for an evacuation."""
    assert [e.kind for e in events(text) if e.kind != "other"] == []


def test_over_the_past_day_is_a_daily_report() -> None:
    strike = only("Over the past day, Russian forces launched 30 drones at Ukraine.", "strike")
    assert strike.counts == {"launched": 30}


def test_the_side_an_attack_is_blamed_on_is_no_place() -> None:
    found = events("On 21 August 2024, Moscow mayor Sergei Sobyanin said that air defence destroyed 3 drones over the "
                   "Ramenskoye district (coded to Ramenskoye, Moscow Oblast). The Russian MoD attributed the attack to "
                   "Ukraine. No damage was reported.")
    assert [e.kind for e in found] == ["interception"]


def test_a_clash_told_again_with_no_place_but_a_country_is_the_clash_told_before() -> None:
    found = events("On 22 May 2023, armed groups that crossed from Ukraine clashed with Russian forces near Kozinka "
                   "and Glotovo, Belgorod. The Russian MoD claimed that the saboteurs had been pushed back across the "
                   "border into Ukraine.")
    assert [(e.kind, {p.region for p in e.places}) for e in found] == [("armed_clash", {"RU-BEL"})]


def test_weapons_a_building_stored_are_what_was_hit() -> None:
    strike = only("On 31 January 2025, Russian forces fired an Iskander-M ballistic missile at the port of Odesa, "
                  "Odesa. The Russian MoD claimed that the missile hit a warehouse storing naval drones.", "strike")
    assert {w.weapon_class for w in strike.weapons} == {"missile"}


def test_a_month_misspelt_by_one_letter_is_still_the_month() -> None:
    assert [m.date.value for m in event_days("On 20 Janaury 2024, Russian forces struck Avdiivka.", TUESDAY)] == [
        "2024-01-20"]
    assert [m.date.value for m in event_days("On 3 Feburary 2023, Russian forces shelled Kupiansk.", TUESDAY)] == [
        "2023-02-03"]


def test_a_launch_in_a_note_labelled_an_interception_is_the_interceptions() -> None:
    found = events("Interception: On 21 October 2023, Russian forces launched 10 Shahed-136 drones at the Odesa "
                   "region, of which Ukrainian air defence shot down 8 (coded to Reni, Odesa).")
    assert [(e.kind, e.counts) for e in found] == [("interception", {"intercepted": 8, "launched": 10})]
    found = events("On 21 October 2023, Russian forces launched 10 Shahed-136 drones at the Odesa region, of which "
                   "Ukrainian air defence shot down 8.")
    assert sorted(e.kind for e in found) == ["interception", "strike"]  # no label: aimed at a place


def test_debris_capitalised_at_a_sentences_start_is_still_debris() -> None:
    found = events("Interception: On 5 October 2025, the Russian MoD reported that 7 Ukrainian drones were destroyed "
                   "over Lipetsk region. Debris caused a fire in an industrial zone in Yelets, Lipetsk.")
    assert sorted(e.kind for e in found) == ["interception", "strike"]


def test_rocket_artillery_is_artillery() -> None:
    strike = only("On 23 September 2024, Russian forces fired rocket artillery at Novohrodivka, Donetsk.", "strike")
    assert [w.weapon_class for w in strike.weapons] == ["artillery"]


def test_a_toll_that_rose_from_one_figure_to_another_is_the_higher() -> None:
    strike = only("On 20 October 2025, Russian forces fired ballistic missiles at Dnipro, Dnipropetrovsk. The death "
                  "toll rose from 3 to 6 by the following day; 28 civilians were injured.", "strike")
    assert strike.counts == {"killed": 6, "injured": 28}


def test_what_the_repelling_side_destroyed_while_repelling_is_part_of_the_clash() -> None:
    found = events("The Russian MoD claimed that on 8 June 2023, Russian forces repelled a Ukrainian offensive near "
                   "Robotyne and Verbove, Zaporizhia, destroying 8 tanks.")
    assert [e.kind for e in found if e.kind != "other"] == ["armed_clash"]


def test_targets_of_launches_over_a_stretch_of_time_are_no_strike() -> None:
    assert [e.kind for e in events("On 2 February 2024, the Ukrainian Air Force stated that over the past month "
                                   "Russian forces had launched more than 300 Shahed drones at Ukraine, mainly "
                                   "targeting energy facilities in the central and western regions.")] == []


@pytest.mark.parametrize(("text", "counts"), [
    ("On 2 November 2024, Russian forces fired artillery at Kherson, killing two elderly residents and wounding a "
     "third.", {"killed": 2, "injured": 1}),
    ("On 2 November 2024, Russian shelling of Kherson killed one civilian and injured another.",
     {"killed": 1, "injured": 1}),
])
def test_one_more_person_told_after_a_toll_is_counted(text: str, counts: dict[str, int]) -> None:
    assert only(text, "strike").counts == counts


def test_clauses_a_semicolon_parts_keep_their_own_weapons_and_tolls() -> None:
    found = events("On 25 November 2024, Russian forces launched a massive attack on Ukraine. A missile hit a "
                   "substation near Stryi, Lviv; drones struck Kovel, Volyn, damaging 4 houses and injuring 2 "
                   "civilians; in Rivne, Rivne, a missile strike killed 1 person.")
    strikes = {e.places[0].region: ({w.weapon_class for w in e.weapons}, e.counts) for e in found
               if e.kind == "strike" and e.places}
    assert strikes == {"UA-46": ({"missile"}, {"damaged_buildings": 1}),
                       "UA-07": ({"drone"}, {"damaged_buildings": 4, "injured": 2}),
                       "UA-56": ({"missile"}, {"killed": 1})}
    found = events("On 26 August 2024, Russian forces struck energy facilities in Lutsk, Volyn, and near Ladyzhyn, "
                   "Vinnytsia, with cruise missiles. In Lutsk, 1 civilian was killed and 2 were injured; in Vinnytsia "
                   "region, no casualties were reported.")
    assert {e.places[0].region: e.counts for e in found} == {"UA-07": {"killed": 1, "injured": 2},
                                                             "UA-05": {"killed": 0, "injured": 0}}


@pytest.mark.parametrize(("text", "weapon_class"), [
    ("Russian MoD claimed that on 4 April 2024, Russian forces destroyed a Ukrainian HIMARS launcher near Pokrovsk, "
     "Donetsk, with an Iskander missile.", "missile"),
    ("Russian MoD reported that on 7 July 2023, a Russian Lancet loitering munition destroyed a Ukrainian M777 "
     "howitzer near Heorhiivka, Donetsk.", "drone"),
])
def test_a_launcher_or_gun_destroyed_is_a_strike_with_the_munition_that_did_it(text: str, weapon_class: str) -> None:
    (strike,) = events(text)
    assert (strike.kind, strike.attacker.side, {w.weapon_class for w in strike.weapons}) == (
        "strike", "RU", {weapon_class})


def test_the_destruction_of_weapons_is_an_interception_of_them() -> None:
    found = events("On 30 October 2025, the Russian MoD claimed the destruction of 2 Storm Shadow cruise missiles and "
                   "16 drones over Rostov region.")
    assert sorted((e.kind, e.weapons[0].weapon_class, e.counts["intercepted"]) for e in found) == [
        ("interception", "drone", 16), ("interception", "missile", 2)]
    assert events("On 30 October 2025, the Russian MoD reported the destruction of an ammunition depot near "
                  "Kupiansk, Kharkiv.") == []


def test_an_aircraft_downed_by_no_side_named_is_downed_by_the_other_side() -> None:
    for text in ("On 30 October 2025, Ukraine reported the downing of a Russian Su-34 near Pokrovsk, Donetsk.",
                 "On 30 October 2025, a Russian Su-34 was shot down near Pokrovsk, Donetsk."):
        (strike,) = events(text)
        assert (strike.kind, strike.attacker.side) == ("strike", "UA")


def test_an_event_named_again_after_it_was_told_as_no_event_is_none() -> None:
    assert events("On 21 November 2024, a court in Kharkiv sentenced in absentia a Russian artillery battery "
                  "commander to 15 years in prison for shelling Kharkiv in 2022. The shelling of Saltivskyi district "
                  "killed 4 civilians.") == []
    strike = only("On 21 November 2024, Russian forces shelled Kharkiv. The shelling killed 4 civilians.", "strike")
    assert strike.counts == {"killed": 4}
