"""The spaCy pipeline: the English model plus kg's components, all registered here.

    kg_triggers  words that announce events      -> doc.spans["kg_triggers"]  (label: trigger key)
    kg_weapons   weapons named in the text        -> doc.spans["kg_weapons"]   (label: class, kb_id: name)
    kg_places    places resolved in the gazetteer -> doc.spans["kg_places"]    (span._.kg_place: Place)
                 and names of places it does not know -> doc.spans["kg_unknown_places"]

    kg_paragraphs (before the parser) a line break ends a sentence (headlines, captions, datelines),
                  and a sentence ends only after a word that can end one

The components only mark spans; ``kg.extract`` reads them with the parse to build events.
"""

from __future__ import annotations

from functools import cache

import numpy
import spacy
from spacy.attrs import LEMMA, LOWER, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.strings import StringStore
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract import lexicon
from kg.extract.lexicon import Trigger
from kg.extract.places import find_places
from kg.resources import MODEL

TRIGGERS, WEAPONS, PLACES, PARAGRAPHS = "kg_triggers", "kg_weapons", "kg_places", "kg_paragraphs"
UNKNOWN_PLACES = "kg_unknown_places"  # names of places the gazetteer does not know, set by kg_places
NO_WEAPON = "none"  # the class of weapons.csv phrases that name no weapon ("aircraft carrier")

if not Span.has_extension("kg_place"):
    Span.set_extension("kg_place", default=None)


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u", ""):
        return word[:-1] + "ies"  # "cities"
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


class TriggerMarker:
    """Marks event triggers from ``triggers.csv``: single words by lemma (or as written, where the
    lemmatizer errs) and part of speech, looked up in a table; phrases with a matcher."""

    def __init__(self, nlp: Language) -> None:
        self.words: dict[str, list[Trigger]] = {}
        self.folded: dict[int, str] = {}
        self.matcher = Matcher(nlp.vocab)
        for key, trigger in lexicon.triggers().items():
            words = trigger.words.replace("-", " - ").split()
            if len(words) == 1:
                self.words.setdefault(words[0], []).append(trigger)
                continue
            pattern = []
            for word in words[:-1]:
                pattern += [{"LOWER": word}, {"ORTH": "-", "OP": "?"}]
            pattern.append({"LOWER": {"IN": [words[-1], _plural(words[-1])]}})
            self.matcher.add(key, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        """Mark the longest trigger matches; a word that triggers several kinds keeps every label."""
        strings = doc.vocab.strings
        matches = [(start, end, strings[match_id]) for match_id, start, end in self.matcher(doc)]
        # by the ids of the words' lemmas and lower-case forms: spaCy's token objects are slow to make
        rows = doc.to_array([LEMMA, LOWER, POS, SENT_START]).tolist()
        for i, (lemma_id, lower_id, pos_id, start) in enumerate(rows):
            lemma, lower = self._folded(lemma_id, strings), self._folded(lower_id, strings)
            pos = POS_NAMES[pos_id]
            pos = "NOUN" if pos == "PROPN" and start == 1 else pos  # "Debris caused a fire": a noun capitalised
            for word in (lemma,) if lemma == lower else (lemma, lower):
                triggers = self.words.get(word)
                if triggers:
                    matches += [(i, i + 1, t.key) for t in triggers if t.pos in ("any", pos)]
        kept = {(s.start, s.end) for s in filter_spans([Span(doc, start, end) for start, end, _ in matches])}
        labels = sorted({match for match in matches if match[:2] in kept})
        doc.spans[TRIGGERS] = [Span(doc, start, end, label=key) for start, end, key in labels]
        return doc

    def _folded(self, string_id: int, strings: StringStore) -> str:
        """The string ``string_id`` stands for, case-folded (remembered: words repeat)."""
        folded = self.folded.get(string_id)
        if folded is None:
            folded = self.folded[string_id] = strings[string_id].casefold()
        return folded


class WeaponMarker:
    """Marks weapons from ``weapons.csv`` (singular and plural), longest match first."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.entries = lexicon.weapons()
        for phrase in self.entries:
            words = phrase.split()
            plural = " ".join([*words[:-1], _plural(words[-1])])
            self.matcher.add(phrase, [nlp.make_doc(phrase), nlp.make_doc(plural)])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            if end - start == 1 and doc[start].pos_ == "VERB" and doc[start].is_lower:
                continue  # a verb: "Russian forces shell Kherson"
            weapon_class, name = self.entries[doc.vocab.strings[match_id]]
            spans.append(Span(doc, start, end, label=weapon_class, kb_id=name))
        doc.spans[WEAPONS] = [span for span in filter_spans(spans) if span.label_ != NO_WEAPON]
        return doc


@Language.factory(TRIGGERS)
def make_trigger_marker(nlp: Language, name: str) -> TriggerMarker:
    """spaCy factory of the trigger marker."""
    return TriggerMarker(nlp)


@Language.factory(WEAPONS)
def make_weapon_marker(nlp: Language, name: str) -> WeaponMarker:
    """spaCy factory of the weapon marker."""
    return WeaponMarker(nlp)


@Language.component(PLACES)
def mark_places(doc: Doc) -> Doc:
    """Marks place names resolved in the gazetteer, and names of places it does not know."""
    doc.spans[PLACES], doc.spans[UNKNOWN_PLACES] = find_places(doc)
    return doc


# What a sentence can end with: the parser may start a sentence only after one of these (or a line break)
SENTENCE_ENDS = (".", "!", "?", ";", ":", '"', "”", "’", ")", "»")


@Language.component(PARAGRAPHS)
def split_lines(doc: Doc) -> Doc:
    """Start a sentence after every line break, so that a caption is not the subject of the next
    line, and nowhere else but after a word that can end one (``SENTENCE_ENDS``): the parser, left
    alone, splits "fired artillery, missiles, BM-21 Grad missiles at Dmytrokolyne" after "BM-21";
    not after a colon that opens a list of settlements ("3 villages: Huliaipole, ...").
    """
    if not len(doc):
        return doc
    strings = doc.vocab.strings
    words = [strings[string_id] for string_id in doc.to_array(ORTH).tolist()]
    boundaries = [0] + [_boundary_after(word) for word in words[:-1]]
    for i, word in enumerate(words[:-1]):  # "shelled 3 villages in the region: Huliaipole and Orikhiv": one
        if word == ":" and _settlement_forms() & {w.lower() for w in words[max(i - 4, 0):i]}:  # sentence
            boundaries[i + 1] = -1
        if word == "." and words[i + 1][:1].islower():  # "in Zolochiv, Kharkiv obl. with a Lancet": an abbreviation
            boundaries[i + 1] = -1
    return doc.from_array([SENT_START], numpy.array(boundaries, dtype="int64").astype("uint64").reshape(-1, 1))


@cache
def _settlement_forms() -> frozenset[str]:
    """The words of settlements, singular and plural ("village", "villages")."""
    return frozenset(form for word in lexicon.places()["settlement_words"] for form in (word, _plural(word)))


def _boundary_after(word: str) -> int:
    """Whether a sentence starts after ``word`` (1), may (0) or may not (-1)."""
    if "\n" in word:
        return 1
    return 0 if word.endswith(SENTENCE_ENDS) else -1


@cache
def make_nlp() -> Language:
    """The model with kg's components (loaded once per process)."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    for component in (TRIGGERS, WEAPONS, PLACES):
        nlp.add_pipe(component, last=True)
    return nlp
