"""Numbers and what they count: people killed or injured, buildings damaged, weapons."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract import lexicon

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
    if token.pos_ != "NUM" and not token.like_num and token.lower_ not in lexicon.counts()["numbers"]:
        return None
    return parse_number(token.text)


def _counted(token: Token) -> Token:
    """The noun a number counts: "23 people" -> people; "23 killed" -> the number itself."""
    return token.head if token.dep_ in ("nummod", "quantmod") else token


def _governor(noun: Token) -> Token:
    """The verb or noun a counted noun depends on (through coordinations and "of" phrases)."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    return noun.head


def _words_near(noun: Token) -> set[str]:
    """Lemmas of the governor and of what the noun or the number itself governs ("sustained damage")."""
    governor = _governor(noun)
    lemmas = {governor.lemma_.casefold(), noun.lemma_.casefold()}
    lemmas |= {c.lemma_.casefold() for c in governor.children if c.dep_ in ("dobj", "prt", "acomp", "attr")}
    lemmas |= {c.lemma_.casefold() for c in noun.children if c.dep_ in ("amod", "acl", "relcl")}
    return lemmas


def _is_building(noun: Token) -> bool:
    phrase = " ".join(t.lemma_.casefold() for t in noun.subtree if (t.i <= noun.i and t.dep_ in ("compound", "amod"))
                      or t.i == noun.i)
    return any(phrase.endswith(word) for word in lexicon.counts()["buildings"])


@dataclass
class WeaponCount:
    """How many weapons of a class a sentence says were intercepted and launched."""

    weapon_class: str
    intercepted: int | None = None
    launched: int | None = None


def sentence_counts(sent: Span, weapon_classes: dict[int, str]) -> tuple[dict[str, int], list[WeaponCount]]:
    """Counts of people and buildings, and of weapons by class, stated in a sentence.

    ``weapon_classes`` maps the token index of each weapon mention's head to its class.
    Killed and injured take the highest figure given; damaged buildings are added up.
    """
    words = lexicon.counts()
    counts: dict[str, int] = {}
    by_class: dict[str, WeaponCount] = {}
    seen_buildings: set[int] = set()
    for token in sent:
        value = _number(token)
        singular = token.dep_ == "det" and token.lower_ in words["singular_determiners"]
        if value is None and not singular:
            continue
        noun = _counted(token)
        of_phrase = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        of_noun = next((c for c in of_phrase.children if c.dep_ == "pobj"), None) if of_phrase else None
        if of_noun is not None and of_noun.i in weapon_classes and value is not None:  # "two of the four missiles"
            entry = by_class.setdefault(weapon_classes[of_noun.i], WeaponCount(weapon_classes[of_noun.i]))
            entry.intercepted = value
            total = next((_number(c) for c in of_noun.children if c.dep_ == "nummod"), None)
            entry.launched = total if total is not None else entry.launched
            continue
        near = _words_near(noun)
        if noun.i in weapon_classes and value is not None:
            entry = by_class.setdefault(weapon_classes[noun.i], WeaponCount(weapon_classes[noun.i]))
            if near & set(words["intercepted_words"]):
                entry.intercepted = max(value, entry.intercepted or 0)
            elif near & set(words["launched_words"]):
                entry.launched = max(value, entry.launched or 0)
        elif value is not None and (noun.lemma_.casefold() in words["people"] or noun.i == token.i):
            for name in ("killed", "injured"):
                if near & set(words[f"{name}_words"]):
                    counts[name] = max(value, counts.get(name, 0))
        elif _is_building(noun) and noun.i not in seen_buildings and near & set(words["damaged_words"]):
            seen_buildings.add(noun.i)
            counts["damaged_buildings"] = counts.get("damaged_buildings", 0) + (value or 1)
    lower = sent.text.casefold()
    for phrase, names in words["denials"].items():
        if phrase in lower:
            for name in names:
                counts.setdefault(name, 0)
    return counts, [by_class[c] for c in sorted(by_class)]
