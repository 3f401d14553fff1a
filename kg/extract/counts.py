"""Numbers and what they count: people killed or injured, buildings damaged, weapons."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract import lexicon
from kg.extract.places import in_words

DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")


def parse_number(text: str) -> int | None:
    """``"23"``, ``"1,200"``, ``"four"``, ``"twenty-two"``, ``"a dozen"`` -> an int; else None."""
    words = lexicon.counts()["numbers"]
    text = text.strip().casefold()
    if DIGITS.match(text):
        return int(text.replace(",", ""))
    parts = [p for p in re.split(r"[\s-]+", text) if p and p not in ("a", "an", "and")]
    if not parts or any(p not in words for p in parts):
        return None
    total = 0
    for part in parts:
        value = words[part]
        total = total * value if value == 100 and total else total + value
    return total


def _number(token: Token) -> int | None:
    """The number the token counts with: none for a measure ("152mm artillery", "a 500-kg bomb"), a
    part of a date or time ("On 5 May 2023, a civilian was killed": one, not five) or "no one"."""
    words = lexicon.counts()
    if not token.like_num and token.pos_ != "NUM" and token.lower_ not in words["numbers"]:
        return None
    if _in_date(token):
        return None
    if token.lower_ == "one" and token.i > 0 and token.doc[token.i - 1].lower_ == "no":
        return None  # "no one was injured": a denial, not one
    doc = token.doc
    unit = token.i + 1 + (token.i + 2 < len(doc) and doc[token.i + 1].text == "-")
    if unit < len(doc) and doc[unit].lower_ in words["measure_units"]:
        return None
    return parse_number(token.text)


def _in_date(token: Token) -> bool:
    """Is the token part of a date or time that names more than numbers ("5 May 2023"; not "60 of
    76 missiles", which the model may take for a date)?"""
    if token.ent_type_ not in ("DATE", "TIME"):
        return False
    doc, numbers = token.doc, lexicon.counts()["numbers"]
    start, end = token.i, token.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return any(t.is_alpha and t.lower_ not in numbers and t.pos_ not in ("DET", "ADP", "CCONJ") for t in doc[start:end])


def _governor(noun: Token) -> Token:
    """The word a counted noun depends on, through coordinations, quantities ("a total of four
    buildings") and prepositions ("hit Kharkiv with 15 missiles")."""
    quantities = lexicon.counts()["quantity_nouns"]
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if noun.like_num and following is not None and following.dep_ in ("aux", "auxpass"):
        verb = following.head  # "..., including a rescue worker, and more than 80 were injured": the
        if verb.i > noun.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return verb  # parser hung the number on the list before it; it is the subject of the verb after
    while noun.head.i != noun.i:
        head = noun.head
        if head.pos_ == "VERB" and head.i in _weapon_words(noun.doc):
            noun = head  # "jammed 3 KAB guided aerial bombs": a weapon's word the parser took for a verb
            continue
        if noun.dep_ in ("conj", "appos") and head.pos_ == "VERB" and noun.pos_ == "NOUN":
            return head  # "hitting a children's hospital and a building", the parser's conjunct of the verb
        if noun.dep_ in ("conj", "appos"):
            joined = noun
            noun = head
            if _is_building(joined) and not _is_building(noun):  # "a warehouse of a postal operator and 2
                noun = _building_above(noun) or noun  # houses": the parser joins the houses to the operator
        elif head.dep_ == "prep" and head.lower_ in ("of", "in") and head.head.lemma_.casefold() in quantities:
            noun = head.head  # "a total of four buildings", "the upper floors of a building", "windows in a house"
        elif noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "NOUN"):
            return head.head  # "slammed into a building", "damage to a building", "hit Kharkiv with 15 missiles"
        else:
            return head
    return noun


def _building_above(token: Token) -> Token | None:
    """The building a noun is said of ("a warehouse of a postal operator", "a school used as an aid
    hub"), through a few prepositions and participles."""
    for _ in range(4):
        if token.dep_ not in ("pobj", "prep", "acl") or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "NOUN" and _is_building(token):
            return token
    return None


def _weapon_words(doc: Doc) -> set[int]:
    """The token indices inside the weapons the document names."""
    from kg.nlp import WEAPONS  # kg.nlp imports kg.extract.places, which this module's users import first

    return {i for span in doc.spans.get(WEAPONS, ()) for i in range(span.start, span.end)}


def _words_near(noun: Token) -> set[str]:
    """Lemmas of the governor and of what the noun or the number itself governs ("sustained damage",
    "left 2 civilians dead", "the attack was carried out with two missiles")."""
    governor = _governor(noun)
    lemmas = {governor.lemma_.casefold(), noun.lemma_.casefold()}
    lemmas |= {c.lemma_.casefold() for c in governor.children
               if c.dep_ in ("dobj", "prt", "acomp", "attr", "oprd", "nsubjpass")}
    lemmas |= {c.lemma_.casefold() for c in noun.children if c.dep_ in ("amod", "acl", "relcl")}
    return lemmas


def _toll_names(noun: Token, near: set[str]) -> list[str]:
    """Which tolls ("killed", "injured") counted people are in: the one their own participle
    names ("2 people were killed and 49 injured": the 49 injured), else those of the words near."""
    words = lexicon.counts()
    own = {c.lemma_.casefold() for c in noun.children if c.dep_ in ("amod", "acl", "relcl")}
    names = [n for n in ("killed", "injured") if own & set(words[f"{n}_words"])]
    names = names or [n for n in ("killed", "injured") if near & set(words[f"{n}_words"])]
    return [] if len(names) == 1 and _either_toll(_governor(noun)) else names


def _either_toll(verb: Token) -> bool:
    """Does the verb of one toll share its count with a verb of the other ("485 soldiers were
    killed or wounded"): a count of casualties, neither of the killed nor of the injured?"""
    words = lexicon.counts()
    tolls = [set(words["killed_words"]), set(words["injured_words"])]
    own = next((i for i, toll in enumerate(tolls) if verb.lemma_.casefold() in toll), None)
    return own is not None and any(  # not a clause of its own: "9 were killed, and more than 80 were injured"
        c.dep_ == "conj" and c.lemma_.casefold() in tolls[1 - own] and not any(
            g.dep_ in ("nsubj", "nsubjpass", "dobj", "aux", "auxpass") or _number(g) is not None for g in c.children)
        for c in verb.children)


def _is_building(noun: Token) -> bool:
    """Does the noun, with the words that modify it before it, name a building (``buildings``), by
    its lemmas or as written before the noun ("a sports complex", whose lemmas are "sport complex")?"""
    words = [t for t in noun.subtree if (t.i <= noun.i and t.dep_ in ("compound", "amod")) or t.i == noun.i]
    buildings = tuple(lexicon.counts()["buildings"])
    lemmas = " ".join(t.lemma_.casefold() for t in words)
    written = " ".join([*(t.lower_ for t in words[:-1]), noun.lemma_.casefold()])
    return lemmas.endswith(buildings) or written.endswith(buildings)


@dataclass
class WeaponCount:
    """How many weapons of a class a sentence says were intercepted and launched."""

    weapon_class: str
    intercepted: int | None = None
    launched: int | None = None


def _of_noun(token: Token) -> Token | None:
    """The noun of "N of ..." or "N out of ...": "two of the four missiles" -> missiles.

    The phrase may hang from the number or, right after it, from the number's head.
    """
    following = [c for c in token.head.children if c.i == token.i + 1 and c.dep_ == "prep"]
    for child in [*token.children, *following]:
        if child.dep_ == "prep" and child.lower_ == "out":
            child = next((c for c in child.children if c.lower_ == "of"), child)
        if child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _whole(token: Token, noun: Token, weapon_classes: dict[int, str]) -> Token | None:
    """What a number is a part of: "two of the four missiles" -> missiles, "60 of 76 missiles"
    (parsed as quantifiers) -> missiles, "33 missiles, of which 21" -> the weapons told before."""
    whole = _of_noun(token)
    if token.dep_ == "quantmod" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "of":
        whole = noun.head if noun.dep_ == "nummod" else noun
    of_which = any(c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ in ("which", "them") for p in c.children)
                   for c in token.head.children)
    if of_which or (whole is not None and whole.lower_ in ("which", "them")):
        whole = next((token.doc[i] for i in sorted(weapon_classes, reverse=True) if i < token.i), None)
    return whole


def _more_weapons(token: Token, weapon_classes: dict[int, str]) -> Token | None:
    """The weapon a number with "more", or told for another place, and no noun counts more of: the
    last one named before it ("10 drones were shot down, while three more were suppressed", "3
    drones over Voronezh region and 2 over Belgorod region" -> drones)."""
    if not (_n_more(token) or _gapped(token)):  # or "3 drones over Voronezh region and 2 over Belgorod"
        return None
    earlier = [i for i in weapon_classes if i < token.i]
    return token.doc[max(earlier)] if earlier else None


def _more_of(token: Token, noun: Token, counted: set[int]) -> bool:
    """Does a number with "more" and no noun of its own ("damaging 12 more") count more of the
    buildings counted before it in the sentence?"""
    more = noun.lower_ == "more" or (noun.i == token.i and _n_more(token))
    return more and any(i < token.i for i in counted)


def _n_more(token: Token) -> bool:
    """Is the number one of "N more" ("three more"), not of "more than N"?"""
    children = [c.lower_ for c in token.children]
    return "more" in children and "than" not in children


def _more_people(noun: Token) -> bool:
    """Are people named after others more of them ("injuring a man and a woman", "2 men and a
    woman", "5 Russian soldiers and 2 Ukrainian servicemen")? Not the people told again ("Two
    people, a man and a woman") or some of them ("three killed, including a child and two
    citizens": ``part_words``)."""
    words = lexicon.counts()
    if noun.dep_ != "conj" or noun.lemma_.casefold() not in words["people"]:
        return False
    first = noun.head
    while first.dep_ == "conj" and first.head.lemma_.casefold() in words["people"]:
        first = first.head
    before = first.doc[max(first.left_edge.i - 4, first.sent.start):first.i]  # "among them a paramedic and a rescuer"
    return (first.lemma_.casefold() in words["people"] and first.dep_ != "appos"
            and not any(t.lower_ in words["part_words"] for t in before))


def _toll_noun(noun: Token) -> str | None:
    """The count a word of the toll itself names where a number counts it ("2 fatalities", "2 dead":
    killed; "3 injuries": injured); ``denial_nouns`` that name one count, or a word of one toll
    (not "casualties", killed and injured)."""
    words = lexicon.counts()
    lemma = noun.lemma_.casefold()
    names = words["denial_nouns"].get(lemma) or [n for n in ("killed", "injured") if lemma in words[f"{n}_words"]]
    return names[0] if len(names) == 1 and names[0] in ("killed", "injured") else None


def _placed(noun: Token) -> bool:
    """Is the counted noun told with a place of its own ("3 drones over Voronezh region")?"""
    return any(c.dep_ == "prep" and c.lower_ in lexicon.places()["locative_prepositions"] for c in noun.children)


def _gapped(token: Token) -> bool:
    """Is the number the count of a clause whose verb is left out, told for another place ("2
    civilians were killed in Kharkiv and 1 in Chuhuiv")?"""
    return token.dep_ in ("conj", "npadvmod") and token.head.pos_ == "VERB" and any(
        c.dep_ == "prep" and c.lower_ in lexicon.places()["locative_prepositions"] for c in token.children)


def _toll(token: Token) -> str | None:
    """What a number reached by a toll counts: "the death toll has risen to 29" -> killed; "rose from
    3 to 6", which the parser reads as "from (3 to 6)", too."""
    verb = token.head
    while verb.dep_ == "prep" and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i == token.i:
        return None
    lemmas = {t.lemma_.casefold() for t in subject.subtree}
    words = lexicon.counts()
    for name in ("killed", "injured"):
        if lemmas & set(words[f"{name}_words"]):
            return name
    return None


def coded_shares(sent: Span) -> dict[str, int]:
    """A coder's share of a toll split between events ("41 fatalities split between 4 shelling
    events", "the other 11 fatalities split among 6 events"): each event's count, rounded, by name."""
    words = lexicon.counts()
    text = sent.text
    if not any(word in text for word in words["split_words"]):
        return {}
    shares = {}
    for token in sent:
        if not in_words(token, words["split_words"]):
            continue
        parts = next((_number(n) for c in token.children if c.lower_ in ("between", "among") for e in c.children
                      if e.dep_ == "pobj" and e.lemma_.casefold() == "event"
                      for n in e.children if n.dep_ == "nummod"), None)
        tolls = [c for c in token.children if c.dep_ in ("compound", "nsubj", "nsubjpass")] + [token.head]
        for toll in tolls:
            total = next((_number(c) for c in toll.children if c.dep_ == "nummod"), None)
            name = next((n for n in ("killed", "injured") if toll.lemma_.casefold() in words[f"{n}_words"]), None)
            if name and total is not None and parts:
                shares[name] = int(total / parts + 0.5)
    return shares


def _denied(sent: Span) -> set[str]:
    """Counts a sentence says are zero: "no injuries", "no reports of casualties", "no damage or casualties"."""
    words = lexicon.counts()
    denied: set[str] = set()
    lower = sent.text.casefold()
    for phrase, names in words["denials"].items():
        if phrase in lower:
            denied.update(names)
    for token in sent:
        if token.lower_ != "no" or token.dep_ != "det":
            continue
        nouns = [token.head, *token.head.conjuncts]
        if token.head.lemma_.casefold() == "report":
            nouns = [t for n in nouns for t in n.subtree if t.dep_ == "pobj"]
            nouns += [c for n in nouns for c in n.conjuncts]
        for noun in nouns:
            denied.update(words["denial_nouns"].get(noun.lemma_.casefold(), []))
    return denied


def _landmark(noun: Token) -> bool:
    """Is the building only where a weapon fell near ("a missile fell near a school", "hit next to
    a hospital"), not one it damaged? ``landmark_prepositions``."""
    while noun.dep_ == "conj":
        noun = noun.head
    prepositions = lexicon.counts()["landmark_prepositions"]
    head = noun.head
    return noun.dep_ == "pobj" and (head.lower_ in prepositions or (
        head.dep_ == "prep" and head.head.lower_ in prepositions))  # "close to", "next to"


def _continues_list(noun: Token, counted: set[int]) -> bool:
    """Does this noun continue a list whose last item was counted ("a building, an office building
    and two gas stations"), whatever the parser made of the list?"""
    if not counted:
        return False
    between = noun.doc[max(counted) + 1:noun.i]
    return all(t.is_punct or t.dep_ in ("det", "nummod", "compound", "amod", "cc") or t.like_num for t in between)


def _near_intercept(token: Token) -> bool:
    """Is this number governed by a word of intercepting ("shot down 37 of 40")?"""
    return bool(_words_near(token) & set(lexicon.counts()["intercepted_words"]))


def sentence_counts(sent: Span, weapon_classes: dict[int, str]) -> tuple[dict[str, int], list[WeaponCount]]:
    """Counts of people and buildings, and of weapons by class, stated in a sentence.

    ``weapon_classes`` maps the token index of each weapon mention's head to its class.
    Killed and injured take the highest figure given; weapons of a class ("two Iskander
    missiles, two Kh-59 missiles") and damaged buildings are added up
    ("three residential buildings, a recreation centre and a utility building" -> 5);
    counts the sentence denies ("no reports of injuries") are 0 unless it gives a number.
    """
    words = lexicon.counts()
    counts: dict[str, int] = {}
    by_class: dict[str, WeaponCount] = {}
    seen_buildings: set[int] = set()
    used: set[int] = set()  # totals already read with their part ("two of the four")
    for token in sent:
        if token.i in used:
            continue
        value = _number(token)
        singular = (token.dep_ == "det" and token.lower_ in words["singular_determiners"]) or (
            token.dep_ == "poss" and token.lower_ in words["singular_possessives"] and token.head.tag_ == "NN") or (
            # "wounded her husband", "injuring their daughter"
            token.dep_ == "det" and token.lower_ == "the" and token.head.tag_ == "NN"
            and token.head.lemma_.casefold() in words["people"]) or (  # "the driver was injured"
            # "another was injured", "killing two residents and wounding a third"
            token.dep_ in ("nsubj", "nsubjpass", "dobj") and token.lower_ in words["singular_pronouns"])
        if value is None and not singular:
            continue
        pronoun = singular and token.lower_ in words["singular_pronouns"]
        counted = (singular and not pronoun) or token.dep_ in ("nummod", "quantmod", "det", "predet")
        noun = token.head if counted else token
        if singular and noun.dep_ == "poss" and noun.tag_ == "NNS":
            noun = noun.head  # "a children's hospital": one hospital
        while noun.i != token.i and noun.head.i > noun.i and (
                noun.dep_ == "compound" or (noun.dep_ == "nummod" and _number(noun) is None)):
            noun = noun.head  # "2 Kalibr cruise missiles", "7 Shahed-136 drones": the parser counts the name
        of_noun = _whole(token, noun, weapon_classes)
        if of_noun is not None and of_noun.like_num and value is not None and _near_intercept(token):
            classes = sorted(set(weapon_classes.values()))  # "shot down 37 of about 40"
            weapon_class = classes[0] if len(classes) == 1 else ""
            entry = by_class.setdefault(weapon_class, WeaponCount(weapon_class))
            entry.intercepted, entry.launched = value, _number(of_noun)
            used.add(of_noun.i)
            continue
        if of_noun is not None and of_noun.i in weapon_classes and value is not None:  # "two of the four missiles"
            entry = by_class.setdefault(weapon_classes[of_noun.i], WeaponCount(weapon_classes[of_noun.i]))
            if not _near_intercept(token) and _words_near(token) & set(words["launched_words"]):
                entry.launched = value  # "Forty of the 54 drones were launched at Kyiv"
                continue
            entry.intercepted = value
            total_token = next((c for c in of_noun.subtree if c.dep_ == "nummod" and c.i < of_noun.i and (
                c.head.i == of_noun.i or c.head.dep_ == "compound")), None)  # "9 of 12 Kalibr cruise missiles"
            if total_token is not None:
                used.add(total_token.i)
                entry.launched = _number(total_token)
            continue
        near = _words_near(noun)
        if noun.i == token.i:  # "10 drones were shot down, while three more were suppressed"
            more = _more_weapons(token, weapon_classes)
            if more is not None and not _n_more(token) and not _placed(more):
                continue  # "20 drones, 9 over Oryol region and 5 over Kaluga region": the total broken down
            noun = more or noun
        if noun.i in weapon_classes and value is not None:
            entry = by_class.setdefault(weapon_classes[noun.i], WeaponCount(weapon_classes[noun.i]))
            every = any(c.lower_ == "all" for c in [*token.children, *noun.children])  # "all 42 drones"
            if near & set(words["intercepted_words"]):
                entry.intercepted = (entry.intercepted or 0) + value
                entry.launched = value if every else entry.launched
            elif near & set(words["launched_words"]):
                entry.launched = (entry.launched or 0) + value
        elif value is not None and _more_of(token, noun, seen_buildings) and near & set(words["damaged_words"]):
            seen_buildings.add(noun.i)  # "destroying 2 buildings and damaging 12 more"
            counts["damaged_buildings"] += value
        elif value is not None and (name := _toll_noun(noun)):  # "resulting in 2 fatalities"
            counts[name] = max(value, counts.get(name, 0))
        elif noun.lemma_.casefold() in words["people"] or noun.i == token.i or noun.lower_ == "more":
            value = words["group_sizes"].get(noun.lemma_.casefold(), 1) if value is None else value  # "a couple"
            names = _toll_names(noun, near)
            toll = _toll(token) if not names and not singular else None
            more = _gapped(token) or _more_people(noun) or noun.lower_ == "more" or (  # "injuring 1 more"
                noun.i == token.i and _n_more(token))  # "1 more died in hospital"
            for name in names or ([toll] if toll else []):
                # "2 civilians were killed in Kharkiv and 1 in Chuhuiv": the 1 is more of them, elsewhere
                counts[name] = counts.get(name, 0) + value if more else max(value, counts.get(name, 0))
        elif _is_building(noun) and noun.i not in seen_buildings and not _landmark(noun) and (
                near & set(words["damaged_words"]) or _continues_list(noun, seen_buildings)):
            seen_buildings.add(noun.i)
            counts["damaged_buildings"] = counts.get("damaged_buildings", 0) + (value or 1)
    for name in _denied(sent):
        counts.setdefault(name, 0)
    return counts, [by_class[c] for c in sorted(by_class)]
