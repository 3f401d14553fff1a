"""Actors: who attacked, who intercepted, who reported, read from noun phrases and side words."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.tokens import Token

from kg import gazetteer
from kg.extract import lexicon
from kg.records import Actor


def side_of(token: Token) -> str | None:
    """The side a word or its modifiers name: "Russian missiles", "Russia's ministry", "Kyiv", and
    for armed forces "of" a side, "the Armed Forces of Ukraine"."""
    phrase = token.doc[token.left_edge.i:token.right_edge.i + 1].text.lower()
    group = next((side.code for side in lexicon.sides().values() if any(g in phrase for g in side.groups)), None)
    if group:
        return group  # "the Russian Volunteer Corps": Ukraine's
    words = lexicon.side_words()
    modifiers = [c for c in token.children if c.dep_ in ("amod", "poss", "compound", "nmod")]
    if token.lower_ in lexicon.fighting()["armed_forces_words"]:
        modifiers += [o for c in token.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    for candidate in [token, *modifiers]:
        lower = candidate.lower_.removesuffix("'s").removesuffix("’s")
        if lower in words:
            return words[lower]
        if candidate.text[:1].isupper() and not candidate.is_sent_start and _misspelt_side(lower):
            return _misspelt_side(lower)  # "Ukranian forces", "Russin forces"
        if candidate.dep_ == "compound" and candidate.i < token.i:
            nested = side_of(candidate)
            if nested:
                return nested
    return None


@cache
def _misspelt_side(word: str) -> str | None:
    """The side whose demonym or country a word of six letters or more is one letter off
    ("ukranian", "russin"; not "occupied")."""
    names = {name.casefold(): side.code for side in lexicon.sides().values()
             for name in (side.demonym, f"{side.demonym}s", gazetteer.country_name(side.code))}
    return next((code for name, code in names.items() if len(word) >= 6 and gazetteer.one_edit_apart(word, name)),
                None)


def place_side(token: Token) -> str | None:
    """The country of a place named in the phrase ``token`` heads ("Kharkiv Governor Oleh
    Syniehubov": UA), if one is.
    """
    from kg.nlp import PLACES  # kg.nlp imports this module, through kg.extract.places

    words = {t.i for t in token.subtree}
    return next((span._.kg_place.country for span in token.doc.spans.get(PLACES, ())
                 if span.start in words and span._.kg_place is not None), None)


def armed_forces(side: str) -> Actor:
    """The armed forces of a side ("Russian armed forces")."""
    return Actor("ArmedForces", f"{lexicon.sides()[side].demonym} armed forces", side)


def air_defence(side: str) -> Actor:
    """The air defence of a side ("Ukrainian air defence")."""
    return Actor("AirDefence", f"{lexicon.sides()[side].demonym} air defence", side)


def actor_at(token: Token) -> Actor | None:
    """The actor the noun phrase headed by ``token`` names, if it names one of a known side.

    A person is an official, of the side the phrase names or of the country of a place in it:
    "Kharkiv Governor Oleh Syniehubov", "the governor of the Belgorod region, Vyacheslav Gladkov"
    (the person an apposition names).
    """
    side = side_of(token)
    person = token if token.ent_type_ == "PERSON" else next(
        (t for t in token.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"), None)
    if person is not None:
        name = " ".join(t.text for t in person.subtree if t.ent_type_ == "PERSON")
        return Actor("Official", name, side or side_of(person) or place_side(token))
    if side is None:
        return None
    match = _actor_noun(token)
    if match is None:
        return Actor("State", gazetteer.country_name(side), side) if token.pos_ == "PROPN" else None
    noun = lexicon.actor_nouns()[match]
    return Actor(noun.kind, noun.label.format(side=lexicon.sides()[side].demonym), side)


def _actor_noun(token: Token) -> str | None:
    """The actor noun (``actors.csv``) the noun phrase headed by ``token`` ends with or holds, if any."""
    phrase = " ".join(t.lower_ for t in token.subtree if t.i <= token.i and t.dep_ != "det")
    nouns = lexicon.actor_nouns()
    return next((n for n in sorted(nouns, key=len, reverse=True) if phrase.endswith(n) or f"{n} " in phrase), None)


def kind_named(token: Token) -> str | None:
    """The kind of actor the noun phrase headed by ``token`` names, of a known side or not ("air
    defence destroyed 20 targets": AirDefence)."""
    actor = actor_at(token)
    if actor is not None:
        return actor.kind
    match = _actor_noun(token)
    return lexicon.actor_nouns()[match].kind if match is not None else None


def subject(verb: Token) -> Token | None:
    """The grammatical subject of a verb (the active subject nearest to it, or the agent of a passive)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:  # "KYIV (Reuters) - Russia launched": Russia, not the agency of the dateline
        return min(subjects, key=lambda c: abs(verb.i - c.i))
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)  # "... and one person was injured": no actor told
    if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i and not passive:
        return subject(verb.head)
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ == "NOUN" and not any(
            c.dep_ == "agent" for c in verb.children):  # "Ukrainian forces counterattacked near X", parsed
        return verb.head  # as a clause of the root noun: its subject (not "civilians killed by forces")
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i != verb.i:  # "Russian forces opened fire on
        found = subject(verb.head)  # a car, injuring 2", not "as the Ukrainian capital prepared ..., targeting it"
        return found if found is not None and actor_at(found) is not None else None
    return None


def reporter(trigger: Token) -> Actor | None:
    """Who reported the event: the subject of a reporting verb above it, or "according to X"."""
    reporting = set(lexicon.modality()["reporting_verbs"])
    for token in [trigger, *trigger.ancestors]:
        if token.lemma_.casefold() in reporting and token.pos_ == "VERB":
            found = subject(token)
            actor = actor_at(found) if found is not None else None
            if actor is not None:
                return actor
    for token in trigger.sent:
        if token.lower_ == "according":
            target = next((t for t in token.subtree if t.dep_ == "pobj"), None)
            actor = actor_at(target) if target is not None else None
            if actor is not None:
                return actor
    return None


def full_names(named: Iterable[Actor]) -> dict[Actor, Actor]:
    """Officials named by the end of another official's name in the same article ("Sobyanin"
    after "Sergei Sobyanin"), each mapped to that fuller name, with its side. A short name that
    ends several fuller names, or whose side differs, stays as it is.
    """
    officials = {actor for actor in named if actor.kind == "Official" and actor.label}
    fuller: dict[Actor, Actor] = {}
    for short in officials:
        words = short.label.split()
        longer = {actor.label: actor for actor in officials
                  if len(actor.label.split()) > len(words) and actor.label.split()[-len(words):] == words
                  and short.side in (None, actor.side)}
        if len(longer) == 1:
            fuller[short] = next(iter(longer.values()))
    return fuller


def action_of(trigger: Token) -> bool:
    """Is the trigger a noun naming the action of its verb ("conducted ground attacks",
    "carried out an arson attack", "carried out a counteroffensive" tagged an adjective, "took control",
    "the attack was carried out by Ukrainian forces"; not "reported a drone attack")?"""
    words = lexicon.fighting()
    verbs = words["control_verbs"] if trigger.lemma_.casefold() == "control" else words["action_verbs"]
    return trigger.pos_ != "VERB" and trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.lemma_.casefold() in verbs


def acting_verb(trigger: Token) -> Token:
    """The verb whose subject did what the trigger tells: the trigger, or the verb of its action
    ("Ukrainian forces conducted ground attacks": conducted), also where the trigger modifies the
    action ("partisans conducted an arson attack")."""
    action = trigger.head if trigger.dep_ in ("compound", "amod") and trigger.head.pos_ == "NOUN" else trigger
    return action.head if action_of(action) else trigger
