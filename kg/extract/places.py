"""Places: find place names in a document and resolve them in the gazetteer.

A run of capitalised words is looked up, longest first:
- followed by a region word ("Kyiv region", "Bryansk and Kursk regions") -> a first-level region;
- a country name -> the country;
- otherwise the gazetteer's best place, where a settlement needs a cue that the word is a place
  (a location entity, a locative preposition before it, the object of a verb, a dateline, or
  "X, Region" after it).
"X, Y" and "X in the Y region" restrict X to the region Y among same-named places; a village
the gazetteer does not list is kept, without coordinates, where such context places it, and is
the same village where named again. A name the gazetteer does not know, with no such context,
is kept as a name where it is written as a place ("near Holubivske"): an event told with no
other place is there, in no known region.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from spacy.attrs import IS_DIGIT, IS_LOWER, IS_PUNCT, LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from kg import gazetteer
from kg.extract import actors, lexicon
from kg.records import Place

LOCATION_ENTITIES = {"GPE", "LOC", "FAC"}
MAX_DESIGNATION = 4  # words that say what a place is: "urban - type settlement"


def _capitalised(token: Token) -> bool:
    """Could the word be part of a name? Capitalised, and not a function word ("The", "In"; "Near
    Robotyne" at a sentence's start, which the parser may take for a name)."""
    return (token.text[:1].isupper() and (token.is_alpha or "-" in token.text or "'" in token.text)
            and token.pos_ not in ("DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX")
            and token.lower_ not in _prepositions())


@functools.cache
def _prepositions() -> frozenset[str]:
    return frozenset(lexicon.places()["locative_prepositions"])


def _joins(token: Token) -> bool:
    """Is this a hyphen inside a name ("Ivano-Frankivsk")?"""
    doc = token.doc
    after = token.i + 1
    if after + 2 < len(doc) and doc[after].text in lexicon.places()["hyphen_connectors"] and doc[after + 1].text == "-":
        after += 2  # "Slavyansk-na-Kubani"
    return (token.text == "-" and after < len(doc) and _capitalised(doc[after])
            and not token.whitespace_ and not doc[token.i - 1].whitespace_)


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words (hyphens and ``name_connectors`` inside a run kept:
    "Ivano-Frankivsk", "Shakhta imeni Gagarina", "Slavyansk-na-Kubani").

    Words in lower case and numbers, told apart by their flags alone (most of a text), are not
    looked at one by one: building spaCy's token objects is most of the time this takes.
    """
    runs, start = [], None
    connectors, hyphen_connectors = lexicon.places()["name_connectors"], lexicon.places()["hyphen_connectors"]
    for i, (lower, digit, punct) in enumerate(doc.to_array([IS_LOWER, IS_DIGIT, IS_PUNCT]).tolist()):
        if lower:  # "Shakhta imeni Gagarina"
            inside = start is not None and i + 1 < len(doc) and (
                (doc[i].text in connectors and _capitalised(doc[i + 1]))
                or (doc[i].text in hyphen_connectors and i + 2 < len(doc) and doc[i - 1].text == "-"
                    and doc[i + 1].text == "-" and _capitalised(doc[i + 2])))  # "Slavyansk-na-Kubani"
        elif digit:
            inside = False
        elif punct:
            inside = start is not None and _joins(doc[i])
        else:
            inside = _capitalised(doc[i])
        if inside:
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(doc)))
    return runs


def _name_end(doc: Doc, start: int) -> int:
    """Where the capitalised words from ``start`` end, hyphens inside a name kept ("Ivano-Frankivsk")."""
    end = start
    while end < len(doc) and (_capitalised(doc[end]) or _joins(doc[end])):
        end += 1
    return end


def written_name(span: Span) -> str:
    """A place name as the text writes it, without a possessive, datelines in title case."""
    text = span.text.removesuffix("'s").removesuffix("’s")
    return text.title() if text.isupper() else text


def _before_region_word(span: Span) -> bool:
    """Is this name a region's: followed by a region word (or a region's office, "Belgorod
    Governor"), directly or through a coordination, or after "region of" ("the southern region
    of Mykolaiv")?"""
    words = lexicon.places()["region_words"]
    doc = span.doc
    if span.end < len(doc) and (doc[span.end].lemma_.casefold() in words
                                or doc[span.end].lower_ in lexicon.places()["region_offices"]):
        return True  # "the Kursk region", "Belgorod Governor Vyacheslav Gladkov"
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lemma_.casefold() in words:
        return True
    if _before_its_region(span):
        return False
    token = span.root
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token.head.i > token.i and token.head.lemma_.casefold() in words


def _listed_regions(doc: Doc, runs: list[tuple[int, int]]) -> set[int]:
    """Where the runs of a list of names end in a region word in the plural ("Kyiv, Kharkiv, Odesa,
    Dnipro and Zhytomyr regions"), the start of each: each is a region's name, however the parser
    attached them; not a list after "the cities of"."""
    words = lexicon.places()
    listed: set[int] = set()
    group: list[int] = []
    exempt = False
    for index, (start, end) in enumerate(runs):
        between = [t.lower_ for t in doc[runs[index - 1][1]:start]] if index else []
        if group and between in ([","], ["and"], [",", "and"]):
            group.append(start)
        else:
            group = [start]
            exempt = start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lemma_.casefold() in words[
                "settlement_words"]  # "the cities of Kharkiv, Kherson, Mykolaiv, and Odesa regions"
        word = doc[end] if end < len(doc) else None
        plural = word is not None and word.lemma_.casefold() in words["region_words"] and word.lower_ != word.lemma_
        if plural and len(group) > 1 and not exempt:
            listed.update(group)
    return listed


def _before_its_region(span: Span) -> bool:
    """Is the name followed by ", Y region", one region word ("Kharkiv, Kharkiv region": the city,
    in the region named next), not a list of regions ("Kherson, Zaporizhzhia regions")?"""
    doc = span.doc
    end = span.end + 1
    if end >= len(doc) or doc[span.end].text != "," or not _capitalised(doc[end]):
        return False
    end = _name_end(doc, end)
    return end < len(doc) and doc[end].lower_ in lexicon.places()["region_words"]


def _listed_after_colon(span: Span) -> bool:
    """Is the name one of a list of names after a colon that follows a word of settlements
    ("shelled 3 villages: Huliaipole, Orikhiv and Malynivka")?"""
    doc = span.doc
    start = span.start
    while start > 0 and (doc[start - 1].text in (",", "and", "-") or doc[start - 1].text[:1].isupper()):
        start -= 1
    settlements = lexicon.places()["settlement_words"]
    return start > 0 and doc[start - 1].text == ":" and any(
        t.lemma_.casefold() in settlements for t in doc[max(start - 5, 0):start - 1])


def _has_cue(span: Span, place: Place) -> bool:
    """Is there a sign that a capitalised word that names a settlement is used as a place?

    A region's centre or a large city needs none, unless it is part of a person's name.
    """
    doc = span.doc
    if any(child.dep_ == "det" and child.lower_ == "the" for child in span.root.children):
        return False  # "across the Dnipro": a river, a settlement takes no article
    if doc[span.end - 1].whitespace_ and _with_district(span).end > span.end:
        return True  # "Donetsk - Kuibyshivskyi", whatever spaCy takes it for
    entities = [ent for ent in doc.ents if ent.start <= span.start < ent.end]
    if any(ent.label_ == "PERSON" and len(ent) > len(span) for ent in entities):
        return False
    if gazetteer.is_prominent(place) or any(ent.label_ in LOCATION_ENTITIES for ent in entities):
        return True
    prepositions = lexicon.places()["locative_prepositions"]
    if span.start > 0 and doc[span.start - 1].lower_ in prepositions:
        return True
    head = span.root.head
    if span.root.dep_ == "conj" and head.i > 0 and doc[head.i - 1].lower_ in prepositions:
        return True  # "including Huliaipole and Stepnohirsk"
    if _listed_after_colon(span):
        return True  # "hit 2 villages in Zaporizhia region: Huliaipole and Orikhiv"
    if span.text.isupper() and len(span.text) > 2:
        return True  # a dateline: "VINNYTSIA, Ukraine (AP)"
    if span.end < len(doc) and doc[span.end].lower_ in lexicon.places()["settlement_words"]:
        return True  # "Stepanivka village"
    if _before_direction(span):
        return True  # "in the Bakhmut direction"
    if span.root.dep_ in ("dobj", "nsubjpass") and span.root.head.pos_ == "VERB":
        return True  # what was hit: "missiles hit Kyiv", "Kyiv was shelled"
    if span.root.dep_ in ("compound", "amod", "nmod") and span.root.head.lemma_.casefold() in lexicon.places()[
            "facility_words"]:
        return True  # "the Novoshakhtinsk oil refinery", "the Yeysk airfield"
    return span.end + 1 < len(doc) and doc[span.end].text == "," and _capitalised(doc[span.end + 1])


@functools.cache
def _designation_words() -> frozenset[str]:
    """Words after a name that say what kind of place it is ("village", "district", "community"), or
    the front named after it ("the Bakhmut direction, Donetsk")."""
    words = lexicon.places()
    return frozenset({*words["settlement_words"], *words["district_words"], *words["direction_words"]})


def _modifies_designation(token: Token) -> bool:
    """Is the word part of what modifies a designation ("territorial", "urban-type")?"""
    return token.lower_ in lexicon.places()["designation_modifiers"] or token.text == "-"


def _designation_after(doc: Doc, start: int) -> int:
    """Where the words that say what the name before ``start`` is end ("Stepanivka village",
    "Bakhmutskyi district", "Shalyhynska territorial community", "Velyka Novosilka urban-type
    settlement"): ``start`` if there are none."""
    position = start
    while position < min(start + MAX_DESIGNATION, len(doc)):
        if doc[position].lower_ in _designation_words():
            return position + 1
        if not _modifies_designation(doc[position]):
            break
        position += 1
    return start


def _facility_after(doc: Doc, start: int) -> int:
    """Where a facility named after the place before ``start`` ends ("Yeysk airfield", "Burshtyn
    thermal power plant"): ``start`` if none does."""
    facilities = lexicon.places()["facility_words"]
    for position in range(start, min(start + MAX_DESIGNATION, len(doc))):
        if doc[position].lower_ in facilities:
            return position + 1
        if not doc[position].is_lower:
            break
    return start


def _facility_before(doc: Doc, end: int) -> int:
    """Where a facility named after a place begins (its name), if the facility ends at ``end``."""
    if end < 1 or doc[end - 1].lower_ not in lexicon.places()["facility_words"]:
        return end
    start = end - 1
    while start > max(end - MAX_DESIGNATION, 0) and doc[start - 1].is_lower:
        start -= 1
    return start


def _designation_before(doc: Doc, end: int) -> int:
    """Where the words that say what the name before them is begin, if they end at ``end``."""
    if end < 1 or doc[end - 1].lower_ not in _designation_words():
        return end
    start = end - 1
    while start > max(end - MAX_DESIGNATION, 0) and _modifies_designation(doc[start - 1]):
        start -= 1
    return start


def _bracket_after(doc: Doc, start: int) -> int:
    """Where a coder's bracket that opens at ``start`` ends ("Kirishi (coded to Kirishi), Leningrad"):
    ``start`` if none opens there."""
    if start >= len(doc) or doc[start].text != "(":
        return start
    for position in range(start + 1, min(start + MAX_DESIGNATION * 2, len(doc))):
        if doc[position].text == ")":
            return position + 1
    return start


def _bracket_before(doc: Doc, end: int) -> int:
    """Where a coder's bracket that closes right before ``end`` opens: ``end`` if none closes there."""
    if end < 1 or doc[end - 1].text != ")":
        return end
    for position in range(end - 2, max(end - 1 - MAX_DESIGNATION * 2, -1), -1):
        if doc[position].text == "(":
            return position
    return end


def _before_direction(span: Span) -> bool:
    """Does the name come before a word of a front's direction, alone or joined to others by
    dashes ("the Bakhmut direction", "the Davydiv Brid - Bilohirka direction")?"""
    doc = span.doc
    position = span.end
    while position + 1 < len(doc) and doc[position].text == "-" and _capitalised(doc[position + 1]):
        position += 1
        while position < len(doc) and _capitalised(doc[position]):
            position += 1
    return position < len(doc) and doc[position].lower_ in lexicon.places()["direction_words"]


def _context_region(span: Span) -> Place | None:
    """The region named right after "X, " (ACLED's "Pechenihy, Kharkiv", also in a list of such:
    "Marhanets, Dnipropetrovsk, and Ochakiv, Mykolaiv"), unless a list of regions goes on."""
    doc = span.doc
    comma = _designation_after(doc, span.end)  # "Stepanivka village, Kherson", "Bakhmutskyi district, Donetsk"
    comma = _facility_after(doc, span.end) if comma == span.end else comma  # "the Yeysk airfield, Krasnodar"
    comma = _bracket_after(doc, comma)  # "Lozova district (coded to Lozova), Kharkiv"
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return None
    end = comma + 1
    end = _name_end(doc, end)
    if _designation_after(doc, end) > end:
        return _context_region(doc[comma + 1:end])  # "Zelenososnove, Bakhmutskyi district, Donetsk"
    after = end + 1 if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "and" else end
    name = written_name(doc[comma + 1:end])
    if _office_at(doc, end):
        return None  # "Oleh Syniehubov, Kharkiv regional governor": a person and an office
    listed = gazetteer.region_named(written_name(span)) is not None  # "Kherson, Mykolaiv, and Odesa": a list
    if listed and after + 1 < len(doc) and doc[after].lower_ in ("and", ",") and _capitalised(doc[after + 1]):
        country = _country_after(doc, after + 1)  # "Novoshakhtinsk, Rostov, Russia": no list
        return gazetteer.region_named(name, country.code) if country is not None and name else None
    region = gazetteer.region_named(name) if name else None
    if region is not None and gazetteer.normalize(name) == gazetteer.normalize(written_name(span)):
        return gazetteer.city_region(name) or region  # "Kyiv, Kyiv", "Moscow city, Moscow": the city's own
    if region is not None and _city_of_its_own(written_name(span)) is not None:
        return gazetteer.city_region(written_name(span))  # "Sevastopol, Crimea": a region of its own
    return region


def _office_at(doc: Doc, start: int) -> bool:
    """Do the words from ``start`` (up to three, in the same clause) name an office ("regional
    governor", "mayor", "military administration head")?"""
    for token in doc[start:start + 3]:
        if token.is_punct or token.is_sent_start:
            return False
        if token.lower_ in lexicon.places()["title_words"]:
            return True
    return False


def _country_after(doc: Doc, start: int) -> Place | None:
    """The country the capitalised words from ``start`` name, if they name one and end there."""
    end = start
    end = _name_end(doc, end)
    if end < len(doc) and doc[end].lower_ in ("and", ","):
        return None  # a list goes on
    return gazetteer.country_named(written_name(doc[start:end]))


def _region_in_phrase(span: Span, after: int | None = None) -> Place | None:
    """The region of "X in the Y region" ("the village of Dronovka in the Belgorod region"), or of
    "X district of the Y region" (its words from ``after``)."""
    doc = span.doc
    position = span.end if after is None else after
    for word in ("in", "the"):
        if position < len(doc) and (doc[position].lower_ == word or (word == "in" and doc[position].lower_ == "of"
                                                                      and after is not None)):
            position += 1
        elif word == "in":
            return None
    end = position
    end = _name_end(doc, end)
    if end == position or end >= len(doc) or doc[end].lemma_.casefold() not in lexicon.places()["region_words"]:
        return None
    return gazetteer.region_named(written_name(doc[position:end]))


def _city_of_its_own(name: str) -> Place | None:
    """The city that is a region of its own, whatever region it is said to be in ("Sevastopol,
    Crimea"; Kyiv City, Moscow City, Saint Petersburg)."""
    city = gazetteer.resolve(name)
    region = gazetteer.city_region(name)
    own = region is not None and gazetteer.normalize(region.name) in (
        gazetteer.normalize(city.name), gazetteer.normalize(f"{city.name} City"))
    return city if own else None


def _as_city(place: Place | None) -> Place | None:
    """The city a region that is a city of its own names ("Kyiv City": the city of Kyiv, in UA-30)."""
    if place is None or place.kind != "region" or not place.name.endswith(" City"):
        return place
    name = place.name.removesuffix(" City")
    city = gazetteer.resolve(name, within=place.code)
    return city if city is not None and _city_of_its_own(name) is not None else place


def _region_in_brackets(span: Span) -> Place | None:
    """The region of "X (Y region)" or "X (Y)" ("Krasnodarske (Kharkiv region)"; not "Belgorod (Russia)")."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != "(":
        return None
    end = span.end + 1
    end = _name_end(doc, end)
    name = written_name(doc[span.end + 1:end])
    if end < len(doc) and doc[end].lemma_.casefold() in lexicon.places()["region_words"]:
        end += 1
    return gazetteer.region_named(name) if name and end < len(doc) and doc[end].text == ")" else None


def _bracketed_region(span: Span) -> Place | None:
    """The region this name is, when it stands in brackets after a settlement ("Krasnodarske (Kharkiv)")."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != "(" or not _capitalised(doc[span.start - 2]):
        return None
    start = span.start - 2
    while start > 0 and _capitalised(doc[start - 1]):
        start -= 1
    return _region_in_brackets(doc[start:span.start - 1])


def _region_after_comma(span: Span) -> Place | None:
    """The region this name is, when it stands as the context of the name before ("Pechenihy, Kharkiv")."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return None
    bracket = _bracket_before(doc, span.start - 1)  # "Lozova district (coded to Lozova), Kharkiv"
    end = _designation_before(doc, bracket)  # "Dnipro city, Dnipropetrovsk", "Bakhmutskyi district, Donetsk"
    end = _facility_before(doc, end) if end == bracket else end  # "the Yeysk airfield, Krasnodar"
    if end < 1 or not _capitalised(doc[end - 1]):
        return None
    start = end - 1
    while start > 0 and _capitalised(doc[start - 1]):
        start -= 1
    return _context_region(doc[start:end])


def _in_outlet_name(span: Span) -> bool:
    """Is the name part of a news outlet's ("The Kyiv Independent", "the Moscow Times")?"""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text in lexicon.places()["outlet_words"]


def _clock_name(span: Span) -> bool:
    """Is the name a time zone's ("at 06:10 Moscow time")?"""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in lexicon.places()["clock_words"]


def _ship_name(span: Span) -> bool:
    """Is the name a ship's ("the landing ship Novocherkassk", "the cruiser Moskva")?"""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].lower_ in lexicon.places()["vessel_words"]


def _in_compound_word(span: Span) -> bool:
    """Is the name the first part of a hyphenated word ("Russia-launched", "Kyiv-based")?"""
    doc = span.doc
    return (span.end + 1 < len(doc) and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_
            and doc[span.end + 1].text[:1].islower())


def _resolve(span: Span, regions: list[Place]) -> Place | None:
    name = written_name(span)
    if not name or not name[0].isalpha() or _in_compound_word(span) or _in_outlet_name(span) or _ship_name(span) or (
            _clock_name(span)):
        return None
    if _before_region_word(span) and gazetteer.region_named(name) is not None:
        return gazetteer.region_named(name)
    context = _region_after_comma(span) or _bracketed_region(span)
    if context is not None:
        return context
    country = gazetteer.country_named(name)
    if country is not None:
        return country
    designation = _designation_after(span.doc, span.end)
    if designation == span.end:  # "the Saltivskyi, Kyivskyi and Industrialnyi districts of Kharkiv"
        last = _list_names(span.doc, span.end)[-1:]
        designation = _designation_after(span.doc, last[0].end) if last else span.end
        designation = designation if span.doc[designation - 1].tag_ == "NNS" else span.end
    if designation > span.end and span.doc[designation - 1].lower_ in lexicon.places()["district_words"]:
        # "Dnipro district" of Kherson is not the city of Dnipro; "Studenok district, Kharkiv" is kept there
        context = _context_region(span)
        if context is None:  # "the Kupiansk district of Kharkiv region": the town there, if there is one
            region = _region_in_phrase(span, designation)
            of = designation < len(span.doc) and span.doc[designation].lower_ == "of"  # "the Dnipro district of Kyiv"
            town = gazetteer.resolve(name, within=region.code) if region is not None else (
                None if of else gazetteer.resolve(name))  # "a house in Odesa district": the district's town
            return town if town is not None and town.kind == "settlement" and (
                region is not None or gazetteer.is_prominent(town) or _has_cue(span, town)) else None
        return _unlisted_settlement(name, context)
    context = _context_region(span) or _region_in_phrase(span) or _region_in_brackets(span)
    if context is not None:  # "X, Region" says where X is: the gazetteer's X there, or an unlisted X
        place = gazetteer.resolve(name, within=context.code)
        return place if place is not None else _unlisted_settlement(name, context)
    for region in regions:
        place = gazetteer.resolve(name, within=region.code)
        if place is not None and place.kind == "settlement" and _has_cue(span, place):
            return place
    place = gazetteer.resolve(name)
    if place is None:  # "near Klishchiivka and Andriivka, Donetsk": an unlisted village where its list is
        listed = _region_after_list(span)
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        located = before in lexicon.places()["locative_prepositions"] or before in (",", "and") or (
            span.root.dep_ == "dobj")  # "shelled Zmiiv, Klishchiivka, and Andriivka, Donetsk"
        return _unlisted_settlement(name, listed) if listed is not None and located else None
    if place.kind == "settlement" and not _has_cue(span, place):
        return None
    return place


def _region_after_list(span: Span) -> Place | None:
    """The region the list this name begins or goes on is placed in ("Klishchiivka and Andriivka,
    Donetsk"): the context region of its last name."""
    for name in _list_names(span.doc, span.end):
        region = _context_region(name)
        if region is not None:
            return region
    return None


def _list_names(doc: Doc, position: int) -> list[Span]:
    """The names of the list that goes on at ``position`` (", Kyivskyi and Industrialnyi districts")."""
    names = []
    while position < len(doc) and doc[position].lower_ in (",", "and"):
        while position < len(doc) and doc[position].lower_ in (",", "and"):
            position += 1
        start = position
        while position < len(doc) and _capitalised(doc[position]):
            position += 1
        if position == start:
            break
        names.append(doc[start:position])
    return names


def _unlisted_settlement(name: str, region: Place) -> Place:
    """A settlement the gazetteer does not list, placed by its context ("Iskryskivshchyna, Sumy")."""
    return Place(kind="settlement", code=f"{region.code}/{name}", name=name, country=region.country,
                 region=region.code, region_name=region.name)


def find_places(doc: Doc) -> tuple[list[Span], list[Span]]:
    """Place mentions of ``doc`` as spans carrying their ``Place`` in ``span._.kg_place``, and the
    names of places the gazetteer does not know (see ``_unknown_places``)."""
    found: list[Span] = []
    pending: list[tuple[int, int]] = []
    regions: list[Place] = []
    runs = [run for run in _runs(doc) if not _route_name(doc, *run) and not _water_name(doc, *run)]
    listed = _listed_regions(doc, runs)
    for start, end in runs:  # regions first, so that settlements can use them as context
        span = doc[start:end]
        if start in listed or _before_region_word(span):
            place = gazetteer.region_named(written_name(span))
            if place is not None:
                span._.kg_place = place
                found.append(span)
                regions.append(place)
                continue
        pending.append((start, end))
    district_end = 0  # "Kharkiv - Shevchenkivskyi": the district is Kharkiv's, not Kyiv's Shevchenkivskyi
    for start, end in pending:
        if start < district_end:
            continue
        position = start
        while position < end:
            for stop in range(end, position, -1):
                span = doc[position:stop]
                if span[-1].text == "-":
                    continue  # "Tolyatti-" of "Tolyatti-Odessa": half a name
                place = _as_city(_resolve(span, regions))
                if place is not None:
                    span = _with_district(span) if place.kind == "settlement" else span
                    district_end = max(district_end, span.end)
                    span._.kg_place = place
                    found.append(span)
                    position = stop
                    break
            else:
                position += 1
    found = _in_context(found)
    taken = {i for span in found for i in range(span.start, span.end)}
    unresolved = [(start, end) for start, end in runs if not taken & set(range(start, end))]
    again = _unlisted_named_again(doc, found, unresolved)
    found += again
    unresolved = [(start, end) for start, end in unresolved if not any(s.start == start for s in again)]
    found = sorted(found + _capitals(doc, found) + _named_again(doc, found), key=lambda s: s.start)
    return found, _unknown_places(doc, unresolved)


def _route_name(doc: Doc, start: int, end: int) -> bool:
    """Are hyphen-joined names, no place's name as a whole, the name of a thing between places
    ("the Tolyatti-Odessa ammonia pipeline", "the Kyiv-Chop highway"), not places?"""
    if end >= len(doc) or end - start < 3:
        return False
    after = doc[end]
    place_words = {*_designation_words(), *lexicon.places()["region_words"]}  # "Novo-Oleksandrivka village"
    if after.pos_ != "NOUN" or not after.text.islower() or after.lower_ in place_words:
        return False
    return any(_joins(t) for t in doc[start:end]) and gazetteer.resolve(written_name(doc[start:end])) is None


def _water_name(doc: Doc, start: int, end: int) -> bool:
    """Is the name a river's, a lake's or a sea's ("the Dnipro River", "the Kakhovka reservoir")?"""
    water = lexicon.places()["water_words"]
    return doc[end - 1].lower_ in water or (end < len(doc) and doc[end].lower_ in water)


def _unlisted_named_again(doc: Doc, found: list[Span], runs: list[tuple[int, int]]) -> list[Span]:
    """A village the gazetteer does not list, named again alone ("Verkhnokamianske, Donetsk region
    ... near Verkhnokamianske"): the village its context placed."""
    unlisted = {written_name(s): s._.kg_place for s in found
                if s._.kg_place.kind == "settlement" and s._.kg_place.geonames_id is None}
    spans = []
    for start, end in runs if unlisted else []:
        span = doc[start:end]
        place = unlisted.get(written_name(span))
        if place is not None:
            span._.kg_place = place
            spans.append(span)
    return spans


def _unknown_places(doc: Doc, runs: list[tuple[int, int]]) -> list[Span]:
    """Names the gazetteer does not know (of ``runs``, the runs no place was found in), written as
    places: a proper name right after a preposition of ``unknown_place_prepositions`` ("near
    Holubivske"), after "of" that follows a word of ``area_nouns`` ("in the direction of
    Spirne"), or the object of a verb of an event ("shelled Pyshchevyk"; a verb of
    ``triggers.csv``), not a person, group, date or the like (``unknown_place_entities``), an
    actor or an acronym (a "person" right after the preposition is spaCy's mistake for a
    village: "DPR positions in Velyka Dolynyne"); and the name a coder's note puts the event in
    ("(coded to Shalyhyne)"), whatever spaCy takes it for. An event told with no other place is
    told to be there.
    """
    words = lexicon.places()
    event_verbs = {t.words for t in lexicon.triggers().values() if t.pos in ("VERB", "any")}
    spans = []
    for start, end in runs:
        span = doc[start:end]
        if not all(t.pos_ == "PROPN" for t in span) or span.text.isupper():
            continue
        before = doc[start - 1] if start > 0 else None
        head = span.root.head
        after_preposition = before is not None and head.i == before.i and (
            before.lower_ in words["unknown_place_prepositions"]
            or (before.lower_ == "of" and before.head.lemma_.casefold() in words["area_nouns"]))
        if coded_to(span):  # whatever spaCy takes it for (some for persons)
            spans.append(span)
            continue
        cued = after_preposition or _before_direction(span) or (
            span.root.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.casefold() in event_verbs)
        actor = actors.actor_at(span.root) if cued else None
        # spaCy's small model takes many villages for persons; a person is not what "in" or "near" governs
        person = after_preposition and (actor is None or actor.kind == "Official")
        if not cued or (actor is not None and not person):
            continue
        labels = {ent.label_ for ent in doc.ents if ent.start < end and start < ent.end}
        if labels <= {*words["unknown_place_entities"], *(["PERSON"] if person else [])}:
            spans.append(span)
    return spans


def in_words(token: Token, words: Iterable[str]) -> bool:
    """Is the word, as written (in lower case) or as its lemma, one of ``words`` ("coded", "according")?"""
    return not {token.lemma_.casefold(), token.lower_}.isdisjoint(words)


def governing_preposition(token: Token) -> Token | None:
    """The preposition a name depends on, through appositions and lists ("from the capital, Kyiv")
    and a participle the parser takes for a verb ("in occupied Crimea")."""
    while token.dep_ in ("appos", "conj", "compound", "nmod", "amod") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "dobj" and token.head.dep_ == "pcomp" and token.head.i < token.i:
        return token.head.head
    return token.head if token.dep_ == "pobj" else None


def outer_preposition(token: Token) -> Token | None:
    """The first preposition above a name's, up through ``position_prepositions`` that hang from
    nouns: "from" in "launched from the Primorsko-Akhtarsk area of Russia's Krasnodar region" and in
    "fired from positions across the Kakhovka reservoir near Enerhodar"; else the name's own."""
    preposition = governing_preposition(token)
    outer = preposition
    positions = lexicon.places()["position_prepositions"]
    while outer is not None and outer.lower_ in positions and outer.head.pos_ in ("NOUN", "PROPN"):
        outer = governing_preposition(outer.head)
    return outer or preposition


def coded_to(span: Span) -> bool:
    """Is the name where a coder's note puts the event, "(coded to Odesa, Odesa region)"? Not in
    "fatalities coded to Schastia event" (another event of the coder's: ``coded_event_words``)."""
    words = lexicon.places()
    preposition = governing_preposition(span.root)
    if preposition is None or not in_words(preposition.head, words["coding_verbs"]):
        return False
    doc = span.doc
    return not (span.end < len(doc) and doc[span.end].lower_ in words["coded_event_words"])


def _with_district(span: Span) -> Span:
    """A city with its district, "Donetsk - Kuibyshivskyi": the city, named with its district (not
    the first of two places of a front's direction, "the Davydiv Brid - Bilohirka direction")."""
    doc = span.doc
    end = span.end + 1
    if end < len(doc) and doc[span.end].text == "-" and _capitalised(doc[end]) and not _before_direction(span):
        end = _name_end(doc, end)
        return doc[span.start:end]
    return span


def _words_among(doc: Doc, words: Iterable[str], attribute: int) -> list[Token]:
    """The words of ``doc`` whose ``attribute`` (``LEMMA``, ``LOWER``), case-folded, is one of
    ``words``: found by the ids ``doc.to_array`` gives, so that only they become token objects."""
    strings, wanted = doc.vocab.strings, set(words)
    ids = doc.to_array([attribute]).tolist()
    return [doc[i] for i, string_id in enumerate(ids) if strings[string_id].casefold() in wanted]


def _named_again(doc: Doc, found: list[Span]) -> list[Span]:
    """"The region" (or "his region"), "the city", "the country" alone: the region or settlement
    the article last named before it, the country it has named most."""
    kinds = {word: "region" for word in lexicon.places()["region_words"]}
    kinds |= {word: "settlement" for word in lexicon.places()["settlement_words"]} | {"country": "country"}
    spans = []
    for token in _words_among(doc, kinds, LEMMA):
        kind = kinds.get(token.lemma_.casefold())
        if kind is None or token.pos_ != "NOUN":
            continue
        named = any((c.dep_ in ("compound", "amod", "nmod") and c.text[:1].isupper()) or c.lower_ == "of" or (
            c.dep_ == "prep" and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in c.children))
                    for c in token.children)  # "the Izium area", "the city of Kharkiv", "the area around Burshtyn"
        pointing = any(c.lower_ in ("the", "this", "his", "her", "its", "that") for c in token.children)
        earlier = [s._.kg_place for s in found if s._.kg_place.kind == kind and s.end <= token.i]
        if pointing and not named and earlier:
            span = doc[token.i:token.i + 1]
            # "the country" is the one the article names most (so far); the others, the latest named
            span._.kg_place = max(reversed(earlier), key=earlier.count) if kind == "country" else earlier[-1]
            spans.append(span)
    return spans


def _capitals(doc: Doc, found: list[Span]) -> list[Span]:
    """"The capital" as a place: of the side it names ("the Russian capital"), else the capital
    the article last named before it as a place ("Kyiv ... debris hit three districts of the capital")."""
    names = {side.capital: side for side in lexicon.sides().values()}
    named = [s for s in found if s._.kg_place.kind == "settlement" and s._.kg_place.name in names
             and s.root.dep_ != "nsubj"]  # not the government: "Kyiv says its drones ..."
    spans = []
    for token in _words_among(doc, {"capital"}, LOWER):
        if token.lower_ != "capital" or token.pos_ != "NOUN" or any(c.lower_ == "of" for c in token.children):
            continue
        side = lexicon.sides().get(actors.side_of(token) or "")
        if side is not None:
            place = gazetteer.resolve(side.capital, within=side.code)
        else:
            earlier = [s for s in named if s.start < token.i]
            place = earlier[-1]._.kg_place if earlier else None
        if place is not None:
            span = doc[token.i:token.i + 1]
            span._.kg_place = place
            spans.append(span)
    return spans


def _in_context(found: list[Span]) -> list[Span]:
    """Move a settlement to a same-named one in a region the document names elsewhere.

    "Zolochiv" alone is the town in Lviv Oblast; in an article about Kharkiv it is the one there.
    A village (not a large city) known only far from every region the article names is taken
    to be an unlisted village of the region named nearest before it.
    """
    for span in found:
        place = span._.kg_place
        if place.kind != "settlement" or place.geonames_id is None:
            continue
        others = [o for o in found if o._.kg_place.region and o._.kg_place.name != place.name]
        context = sorted({o._.kg_place.region for o in others})
        if not context or place.region in context:
            continue
        nearer = next((p for code in context if (p := gazetteer.resolve(written_name(span), within=code)) is not None
                       and p.kind == "settlement"), None)
        if nearer is not None:
            span._.kg_place = nearer
        elif not gazetteer.is_prominent(place):
            before = [o for o in others if o.start < span.start] or others
            region = gazetteer.region(before[-1]._.kg_place.region)
            span._.kg_place = _unlisted_settlement(written_name(span), region)
    return found
