"""Sentence frames: what one sentence says happened, before frames are merged into events.

For each kind of event whose trigger in the sentence reports something that took place
(see ``modality``), a frame collects the sentence's places, weapons, counts, actors and
times. ``assemble`` later dates the frames, fills in what the article says elsewhere and
splits or merges them into events.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from kg.extract import actors, event_places, event_weapons, lexicon
from kg.extract.counts import WeaponCount, sentence_counts
from kg.extract.lexicon import Trigger
from kg.extract.modality import reports_event
from kg.extract.places import in_words
from kg.nlp import PLACES, TRIGGERS, UNKNOWN_PLACES, WEAPONS
from kg.records import Actor, EventDate, Place, Sentence, Weapon


@dataclass
class Frame:
    """One kind of event read from one sentence."""

    kind: str
    sentence: Sentence
    triggers: list[Token]
    also_from: list[Sentence] = field(default_factory=list)  # later sentences that added to it
    places: list[Place] = field(default_factory=list)
    place_names: dict[str, str] = field(default_factory=dict)  # settlement or region code -> name as written
    unknown_places: list[str] = field(default_factory=list)  # names the gazetteer does not know, if no settlement
    weapons: list[Weapon] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    weapon_counts: list[WeaponCount] = field(default_factory=list)
    launched: dict[str, int] = field(default_factory=dict)  # a strike's weapons launched, by class
    attacker: str | None = None
    interceptor: Actor | None = None
    reporter: Actor | None = None
    date: EventDate | None = None
    past_class: str = ""
    other_class: str = ""  # kind "other" that is no background event: "attack_on_civilians", ...
    armed_forces: bool = False  # does the sentence name armed forces (a clash needs them)?
    irregulars: bool = False  # does it name irregular fighters ("partisans", "an unidentified armed group")?
    under_way: bool = False  # a past event told as being carried out ("engaged in an offensive")
    control_changed: bool = False  # does the sentence tell that ground changed hands ("recaptured Lyman")?
    without_fighting: bool = False  # ground changed hands in a withdrawal ("following Russian withdrawal")
    against_civilians: bool = False  # shooting or killing people with no weapon of war named (small arms at most)
    supported: bool = False  # are its weapons only named as support ("with the support of artillery")?
    start_time: dt.datetime | None = None
    end_time: dt.datetime | None = None
    duration: dt.timedelta | None = None


def _coder_label(span: Span) -> bool:
    """Is the word a coder's label of a strike, interception or clash the note goes on to tell in
    words of its own ("Interception: On 3 May 2024, Russia launched 20 drones ... 17 drones were
    shot down")? Those words tell it; where the note has none ("Interception: ..., a drone was
    brought down"), and for labels of other kinds ("Looting: ..."), the label does."""
    doc = span.doc
    if span.start != span.sent.start or span.end >= len(doc) or doc[span.end].text != ":":
        return False
    triggers = lexicon.triggers()
    kind = triggers[span.label_].kind
    return kind != "other" and any(triggers[other.label_].kind == kind for other in doc.spans[TRIGGERS]
                                   if other.start > span.start)


def _named_again_of_no_event(token: Token) -> bool:
    """Is the trigger a noun with "the" that names again what the sentence before told as no event
    ("sentenced a commander for shelling Kharkiv in 2022. The shelling of Saltivskyi district killed
    4 civilians": the charge of a trial, told again)?"""
    doc = token.doc
    if token.pos_ != "NOUN" or token.sent.start == 0 or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return False
    before = doc[token.sent.start - 1].sent
    triggers = lexicon.triggers()
    kinds = {triggers[s.label_].kind for s in doc.spans[TRIGGERS] if s.root.i == token.i}
    told = [s.root for s in doc.spans[TRIGGERS] if before.start <= s.start < before.end
            and triggers[s.label_].kind in kinds]
    return bool(told) and not any(reports_event(t) for t in told)


def _means_to(token: Token, triggers: set[int]) -> bool:
    """Is the word "use" of the means to another event the sentence tells ("used tanks and infantry
    to attack Ukrainian positions": the attack is the event)?"""
    return token.lemma_.casefold() == "use" and any(
        c.dep_ in ("xcomp", "advcl") and c.i in triggers for c in token.children)


def _attacker(frame_triggers: list[Token], sent: Span, kind: str) -> str | None:
    """The side that launched the weapons or started the action, where the sentence says it."""
    for trigger in frame_triggers:
        if trigger.lemma_.casefold() in lexicon.fighting()["repelling_verbs"]:
            side = _repelled_side(trigger)
            if side:
                return side
            continue  # its subject is the side attacked
        verb = actors.acting_verb(trigger)
        if kind != "interception" and verb.pos_ == "VERB":
            found = actors.subject(verb)  # a region is no attacker: "In Ramenskoye, Moscow Oblast, a drone hit"
            regional = found is not None and found.lower_ in lexicon.places()["region_words"]
            side = actors.side_of(found) if found is not None and not regional else None
            if side:
                return side
        for child in trigger.children:  # "attacks by Russia", "Russia's attack"
            target = next((c for c in child.children if c.dep_ == "pobj"), None) if child.lower_ == "by" else child
            if child.dep_ in ("poss", "amod", "prep") and target is not None:
                side = actors.side_of(target) if child.dep_ != "amod" else actors.side_of(child)
                if side:
                    return side
    for span in sent.doc.spans[WEAPONS]:  # "Russian missiles"
        if sent.start <= span.start < sent.end:
            side = actors.side_of(span.root)
            if side:
                return side
    return None


def _taker(triggers: list[Token], sent: Span) -> str | None:
    """The side that took the ground: the subject of taking ("Ukrainian forces recaptured it"), else
    the opponent of the side that withdrew ("Russian forces withdrew from Kherson")."""
    withdrawal = lexicon.fighting()["withdrawal_words"]
    taking = [t for t in triggers if t.lemma_.casefold() not in withdrawal]
    side = _attacker(taking, sent, "other") if taking else None
    if side is None and len(taking) < len(triggers):
        left = lexicon.sides().get(_attacker([t for t in triggers if t not in taking], sent, "other") or "")
        side = left.opponent or None if left else None
    return side


def _repelled_side(verb: Token) -> str | None:
    """The side a repelling verb says was repelled: its object ("repelled a Russian attack"), its
    passive subject (for a pronoun, the subject before it: "Russian forces attacked ..., however,
    they were turned back"), or the subject shared with the verb it is coordinated with ("Russian
    forces attempted to advance ... but were repelled")."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ == "PRON":  # "they were turned back": the
            return next((actors.side_of(t) for t in verb.sent  # subject of the sentence before it
                         if t.i < child.i and t.dep_ == "nsubj" and t.head.i != verb.i and actors.side_of(t)), None)
        if child.dep_ in ("dobj", "nsubjpass"):
            return actors.side_of(child)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if passive and verb.dep_ == "conj":
        shared = actors.subject(verb.head)
        return actors.side_of(shared) if shared is not None else None
    return None


def _interceptor(frame_triggers: list[Token]) -> Actor | None:
    for trigger in frame_triggers:
        found = actors.subject(trigger) if trigger.pos_ == "VERB" else None
        actor = actors.actor_at(found) if found is not None else None
        if actor is not None and actor.side:
            return actor if actor.kind in ("AirDefence", "ArmedForces") else actors.air_defence(actor.side)
    return None


def _weapon_rule_holds(token: Token, trigger: Trigger, weapon_heads: dict[int, str]) -> bool:
    """Does the trigger's clause have (or lack) a weapon, as its lexicon entry asks?"""
    if not trigger.weapon_rule:
        return True
    if trigger.weapon_rule == "munition":  # "a drone crashed into a house", not "a Su-34 crashed"
        return _munition_subject(token, weapon_heads)
    # what the trigger acts on, not what acts nor what is told beside it: "destroyed two drones",
    # "six drones were destroyed", "17 drones, 14 of which were destroyed", not "destroyed by a
    # rocket"; "exchanged artillery fire" counts as armed
    told = ("agent", "nsubj", "conj", "cc", "advcl")
    in_weapons = {i for span in token.doc.spans[WEAPONS] for i in range(span.start, span.end)}
    # a weapon's word the parser took for a verb of its own: "dropped KAB guided aerial bombs"
    objects = [c for c in token.children if c.dep_ not in told or c.i in in_weapons]
    if event_weapons.sharing_subject(token):  # "drones launched at Ivanovo region were destroyed"
        objects += [c for c in token.head.children if c.dep_ == "nsubj"]
    if actors.action_of(token):  # "opened fire on X with mortars": the weapon hangs from the verb of the action
        objects += [c for c in token.head.children if c.i != token.i and c.dep_ not in told]
    if token.dep_ == "pobj" and token.head.lower_ == "under":  # "came under fire from heavy artillery"
        objects += [c for c in token.head.head.children if c.i != token.head.i and c.dep_ not in told]
    acted_on = [token, *(t for c in objects for t in c.subtree)]
    passive = any(c.dep_ == "auxpass" for c in token.children)
    relative = (token.dep_ == "relcl" and token.head.i in weapon_heads) or (  # "drones, 14 of which were destroyed"
        any(t.lower_ == "which" for t in acted_on) and any(i < token.i for i in weapon_heads))
    # weapons that only support a ground assault leave it unarmed: "assaulted positions, supported by artillery"
    supporting = {s.root.i for s in token.doc.spans[WEAPONS] if event_weapons.supports(s)} if (
        trigger.weapon_rule == "absent") else set()
    armed = any(t.i in weapon_heads and t.i not in supporting for t in acted_on) or (passive and relative)
    if trigger.weapon_rule == "absent":
        return not armed
    if trigger.weapon_rule == "unarmed":  # "partisans set fire to a relay cabinet", not "drones set fire to"
        return not armed and not _munition_subject(token, weapon_heads)
    opened = token.lemma_.casefold() == "fire" and actors.action_of(token)  # "opened fire at Kupiansk"
    # an attack repelled is no interception of its own ("repelled a Russian attack near Krasnohorivka")
    fired = trigger.kind != "interception" and any(t.lemma_.casefold() in lexicon.fighting()["fire_nouns"]
                                                   for t in acted_on[1:])
    return armed or opened or fired


def _munition_subject(token: Token, weapon_heads: dict[int, str]) -> bool:
    """Is the trigger's subject a munition ("a drone crashed into a house"; not "a Su-34 crashed")?"""
    roles = lexicon.weapon_roles()
    spans = {s.root.i: s.kb_id_ for s in token.doc.spans[WEAPONS] if s.root.i in weapon_heads}
    return any(c.dep_ == "nsubj" and c.i in spans and roles.get(spans[c.i], "") in ("", "unguided")
               for c in token.children)


def _turns_back_fighters(verb: Token) -> bool:
    """Does a repelling verb repel fighters or their attack ("turned them back", "were turned back",
    "repelled a Russian attack", "repelled an attempt by a Ukrainian group"), not a car at a checkpoint?"""
    fighting = lexicon.fighting()
    if verb.lemma_.casefold() not in fighting["repelling_verbs"]:
        return True
    words = {*fighting["armed_forces_words"], *fighting["fire_nouns"], *(t.words for t in lexicon.triggers().values())}
    repelled = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    # "repelled an attempt by a Ukrainian sabotage group to cross the border": by fighters of a side
    by = [o for r in repelled for c in r.children if c.dep_ == "prep" and c.lower_ == "by" for o in c.subtree]
    return not repelled or any(o.pos_ == "PRON" or actors.side_of(o) or in_words(o, words) for o in repelled) or any(
        actors.side_of(t) or in_words(t, fighting["armed_forces_words"]) for t in by)


def _names_armed_forces(sent: Span) -> bool:
    """Does the sentence, or the one before it, name armed forces ("Ukrainian forces launched a
    counteroffensive ... Heavy fighting was reported near Robotyne")?"""
    words = lexicon.fighting()["armed_forces_words"]
    told = [sent, sent.doc[sent.start - 1].sent] if sent.start > 0 else [sent]
    return any(t.lower_ in words for span in told for t in span)


def _irregulars_named(sent: Span) -> bool:
    """Does the sentence name irregular fighters: partisans, saboteurs, or a group or persons no one
    names ("an unidentified armed group", "unknown persons"; ``irregular_words``, ``unnamed_words``),
    or the next claim the attack for them ("Partisans claimed responsibility.")?"""
    words = lexicon.fighting()
    after = sent.doc[sent.end].sent if sent.end < len(sent.doc) else None
    claimed = after is not None and any(t.lemma_.casefold() in words["responsibility_words"] for t in after)
    if claimed and _irregulars_in(after):
        return True
    return _irregulars_in(sent)


def _irregulars_in(sent: Span) -> bool:
    """Does this sentence itself name irregular fighters, not as the dead or wounded ("2 Russian
    saboteurs were killed")?"""
    words = lexicon.fighting()
    text = sent.text.lower()
    if not any(word in text for word in (*words["irregular_words"], *words["unnamed_words"])):
        return False
    counts = lexicon.counts()
    toll = {*counts["killed_words"], *counts["injured_words"]}
    return any((t.lower_ in words["irregular_words"] and not (
        t.dep_ in ("nsubjpass", "dobj") and t.head.lemma_.casefold() in toll)) or (
        t.lower_ in words["unnamed_words"] and t.head.lemma_.casefold() in words["unnamed_actor_nouns"]) for t in sent)


def _by_air_defence(trigger: Token) -> bool:
    """Is the subject air defence ("air defense systems repelled an attack": no ground fighting)?"""
    found = actors.subject(trigger) if trigger.pos_ == "VERB" else None
    return found is not None and actors.kind_named(found) == "AirDefence"


def _done_with_weapon(trigger: Token) -> bool:
    """Does the trigger name what it was done with ("shelled with S-300 missiles"; not a munition
    that takes its carrier's class: "shelled with cluster munitions")?"""
    carried = lexicon.carried_weapons()
    weapons = {span.root.i for span in trigger.doc.spans[WEAPONS] if span.kb_id_ not in carried}
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(o.i in weapons for o in c.children)
               for c in trigger.children)


def _targets_downed(pairs: list[tuple[Token, Trigger]]) -> list[Token]:
    """The words for weapons (``weapon_referents``) air defence downed in a sentence that names no
    weapon ("air defence destroyed about 20 enemy targets")."""
    words = lexicon.counts()["weapon_referents"]
    return [c for token, _ in pairs if _by_air_defence(token) for c in token.children
            if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and c.lemma_.casefold() in words]


def _by_deminers(trigger: Token) -> bool:
    """Is the subject deminers ("sappers destroyed 120 explosive items": no event of war)?"""
    verb = actors.acting_verb(trigger)
    found = actors.subject(verb) if verb.pos_ == "VERB" else None
    named = " ".join(t.lemma_.casefold() for t in found.subtree) if found is not None else ""
    return any(f" {word} " in f" {named} " for word in lexicon.fighting()["deminer_words"])


def _by_air_arm(triggers: list[Token]) -> set[str]:
    """The words of the subject where it is an air arm ("Russian air units conducted strikes", "the
    air force fired"), not air defence; else none."""
    for trigger in triggers:
        verb = actors.acting_verb(trigger)
        found = actors.subject(verb) if verb.pos_ == "VERB" else None
        named = {t.lower_ for t in found.subtree} if found is not None else set()
        if not named & set(lexicon.fighting()["air_arm_words"]):
            continue
        if actors.kind_named(found) != "AirDefence":
            return named
    return set()


def _against_civilians(triggers: list[Token]) -> bool:
    """Do the triggers tell people shot or killed ("opened fire on a car with civilians", "killed
    25 civilians", "fired on and beheaded 2 employees", "civilians were killed by Russian forces"),
    not a strike with weapons of war? Not when debris did it ("Debris fell, injuring 13 people",
    "fragments injured a woman": what fell of a strike)."""
    words = lexicon.fighting()
    if any(t.lemma_.casefold() not in words["direct_violence_verbs"] for t in triggers):
        return False
    if any(t.lemma_.casefold() in lexicon.counts()["debris_words"] for t in triggers[0].sent):
        return False
    verbs = [*triggers, *(c for trigger in triggers for c in trigger.children
                          if c.dep_ == "conj" and c.lemma_.casefold() in words["direct_violence_verbs"])]
    targets = [c for verb in verbs for c in verb.children if c.dep_ == "dobj" or (  # or killed by someone
        c.dep_ == "nsubjpass" and any(a.dep_ == "agent" for a in verb.children))]
    targets += [verb.head for verb in verbs if verb.dep_ == "acl" and any(  # "3 civilians killed by Russian forces"
        a.dep_ == "agent" for a in verb.children)]
    targets += [p for trigger in triggers for verb in {trigger, actors.acting_verb(trigger)} for c in verb.children
                if c.dep_ == "prep" and c.lower_ in ("on", "at")
                for p in c.children if p.dep_ == "pobj"]  # "opened fire on a car", "fired at a civilian car"
    civilians = [t for t in triggers[0].sent if t.lemma_.casefold() in words["civilian_targets"]]
    return any(t.lemma_.casefold() in words["civilian_targets"]  # "the bodies of 2 civilians ...; they had
               or (t.pos_ == "PRON" and any(c.i < t.i for c in civilians)) for t in targets)  # been killed"


def _object_fits(token: Token, trigger: Trigger) -> bool:
    """Does the trigger's object fit the event it tells: ground for ground changing hands, people for
    people taken away ("captured Ocheretyne", "captured a woman"; fighting.json)?"""
    if trigger.other_class == "territory_change":
        return _changes_hands(token)
    if trigger.other_class == "abduction":
        return _takes_people(token)
    return True


def _takes_people(token: Token) -> bool:
    """Does a verb of taking people away take people, not fighters ("abducted an emergency service
    major", "kidnapped the Head of Dvorichna village"; not "captured two Russian soldiers")? A noun
    ("the abduction of a journalist") tells it alone."""
    if token.pos_ != "VERB":
        return True
    words = lexicon.fighting()
    combatants = {*words["combatant_words"], *words["armed_forces_words"]}
    people = {*lexicon.counts()["people"], *words["civilian_targets"], *lexicon.places()["title_words"]}
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(in_words(t, combatants) for t in objects):
        return False
    # the words of the noun phrase too: "the Head of Dvorichna village", parsed as a kind of village
    taken = [*objects, *(c for t in objects for c in t.children if c.dep_ in ("compound", "nmod", "appos"))]
    places = {i for span in token.doc.spans[PLACES] for i in range(span.start, span.end)}
    return any(in_words(t, people) or (t.ent_type_ == "PERSON" and t.i not in places)  # not "captured Popasna"
               or t.lower_ in ("him", "her", "them") for t in taken)


def _changes_hands(token: Token) -> bool:
    """Does a word of ground changing hands (``territory_change`` in ``triggers.csv``) tell that
    ground did: "took the village of Lozova", "recaptured it", "took control over Zarichne",
    "withdrew from Kherson"; not "captured two soldiers", "the liberated village"?"""
    words = lexicon.fighting()
    lemma = token.lemma_.casefold()
    if lemma == "control":
        return token.head.lemma_.casefold() in words["control_verbs"]
    if token.dep_ == "amod":  # "the occupied city": who holds it, not a change
        return False
    if token.dep_ == "xcomp" and token.head.lemma_.casefold() in words["unfinished_verbs"]:
        return False  # "began withdrawing from the city": not yet
    if any(c.dep_ == "dobj" and c.lower_ in words["idiom_objects"] for c in token.children):
        return False  # "clashes took place in the Pokrovsk direction, Donetsk oblast"
    if lemma in words["withdrawal_words"]:  # "withdrew from Kherson", not "withdrew from a grain deal"
        taken = [o for c in token.children if c.dep_ == "prep" and c.lower_ == "from" for o in c.children]
    else:
        taken = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") or (  # after the verb, whatever
            c.i > token.i and c.dep_ in ("nsubj", "advmod", "npadvmod"))]  # the parser took it for: "captured Bakhmut"
    doc = token.doc
    named = {i for span in (*doc.spans[PLACES], *doc.spans[UNKNOWN_PLACES]) for i in range(span.start, span.end)}
    place_words = [*lexicon.places()["settlement_words"], *lexicon.places()["region_words"]]  # "X, Kharkiv region"
    return any(t.i in named or in_words(t, words["taken_nouns"]) or in_words(t, place_words) for t in taken)


def sentence_frames(sent: Span, sentence: Sentence, shares: dict[str, int] | None = None) -> list[Frame]:
    """The frames of one sentence, one per kind of event it reports. A coder's note that splits a
    toll between events (its ``shares``, ``kg.extract.counts.coded_shares``) reports none: it is a
    toll, of the event told before it."""
    lexicon_triggers = lexicon.triggers()
    found: dict[str, list[tuple[Token, Trigger]]] = {}
    in_weapons = {i for w in sent.doc.spans[WEAPONS] for i in range(w.start, w.end)}
    for span in sent.doc.spans[TRIGGERS]:
        trigger = lexicon_triggers[span.label_]  # not "attack drones"; but "a missile danger alert"
        if (sent.start <= span.start < sent.end and (span.start not in in_weapons or trigger.kind == "air_raid_alert")
                and not _coder_label(span)):
            token = span.root
            if trigger.particle and not any(c.lower_ == trigger.particle for c in token.children):
                continue
            found.setdefault(trigger.kind, []).append((token, trigger))
    # "an arson attack": the attack is the arson, no strike
    classed = {tok.i for tok, trig in found.get("other", []) if trig.other_class}
    for kind in ("strike", "armed_clash"):
        found[kind] = [(t, trig) for t, trig in found.get(kind, []) if not any(c.i in classed for c in t.children)]
    hit_by_defence = [(t, trig) for t, trig in found.get("strike", []) if _by_air_defence(t)]
    if hit_by_defence:  # "Ukrainian air defence hit a Russian cruise missile": an interception
        found["strike"] = [pair for pair in found["strike"] if pair not in hit_by_defence]
        found.setdefault("interception", []).extend(
            (t, replace(trig, kind="interception", weapon_rule="required")) for t, trig in hit_by_defence)
    # "struck Dzhankoi with drones, destroying Kalibr missiles", "carried out a drone attack ..., destroying":
    # what the strike destroyed, no interception
    strikes = {tok.i for tok, _ in found.get("strike", [])}
    strikes |= {tok.head.i for tok, _ in found.get("strike", []) if actors.action_of(tok)}
    destroyed = [t for t, _ in found.get("interception", []) if t.tag_ == "VBG" and t.dep_ == "advcl"
                 and t.head.i in strikes]
    found["interception"] = [(t, trig) for t, trig in found.get("interception", []) if t not in destroyed]
    downing = {tok.i for tok, _ in found.get("interception", [])}  # "shot down 5 HIMARS projectiles": no strike
    found["strike"] = [(t, trig) for t, trig in found.get("strike", [])
                       if not event_weapons.what_was_downed(t, downing)]
    found = {kind: pairs for kind, pairs in found.items() if pairs}
    # "was shelled with S-300 missiles": the weapon the trigger names, not the one its word implies
    all_triggers = [t for pairs in found.values() for tok, t in pairs
                    if not (t.weapon_class and _done_with_weapon(tok))]
    trigger_tokens = {tok.i for pairs in found.values() for tok, _ in pairs}
    weapons, weapon_heads, modifiers = event_weapons.sentence_weapons(sent, all_triggers)
    hit = event_weapons.weapons_hit(sent, [tok for pairs in found.values() for tok, _ in pairs])
    hit += [Weapon(s.kb_id_, s.label_) for s in sent.doc.spans[WEAPONS] if s.root.dep_ == "dobj"
            and s.root.head in destroyed]
    antecedents: list[Weapon] = []
    every: list[WeaponCount] = []
    # "Air defence destroyed 25 of them.", "destroyed 10 of them; the remaining drones hit a warehouse"
    if "interception" in found and (not weapon_heads or any(
            t.lower_ == "them" and t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.head.i in downing
            for t in sent)):
        antecedents, before_heads, every = event_weapons.antecedent_weapons(sent)
        weapon_heads = {**weapon_heads, **before_heads}
        weapons += [w for w in antecedents if w not in weapons]
    if "interception" in found and not weapon_heads:  # "air defence destroyed about 20 enemy targets"
        weapon_heads = {token.i: "" for token in _targets_downed(found["interception"])}
    counts, weapon_counts = sentence_counts(sent, weapon_heads)
    weapon_counts = weapon_counts or every
    if shares:  # "41 fatalities split between 4 shelling events"
        return [_toll(sent, sentence, {**counts, **shares})]
    if not found:  # a toll on its own: "The death toll has risen to 29.", "There were no casualties."
        return [_toll(sent, sentence, counts)] if counts else []
    frames = []
    # an interception the sentence tells, not a word of one ("destroying 2 buildings" destroys no weapon)
    intercepted = any(_weapon_rule_holds(tok, trig, weapon_heads) and reports_event(tok)
                      for tok, trig in found.get("interception", []))
    for kind, pairs in found.items():
        attack = kind in ("strike", "armed_clash")  # an attempted attack took place; an interception did not
        kept = [(tok, trig) for tok, trig in pairs if _weapon_rule_holds(tok, trig, weapon_heads)
                and reports_event(tok, attempt_happens=attack) and _object_fits(tok, trig)
                and not _means_to(tok, trigger_tokens) and not _named_again_of_no_event(tok)
                and not (kind == "armed_clash" and (_by_air_defence(tok) or not _turns_back_fighters(tok)))
                and not _by_deminers(tok)]
        if kind == "other":  # by class: a word can tell two ("captured": ground, or people)
            kept_by_class: dict[tuple[str, str], list[tuple[Token, Trigger]]] = {}
            for tok, trig in kept:
                kept_by_class.setdefault((trig.past_class, trig.other_class), []).append((tok, trig))
            groups = [[tok for tok, _ in group] for group in kept_by_class.values()]
            group_pairs = list(kept_by_class.values())
        else:
            tokens = [tok for tok, _ in kept]
            groups = _sides_apart(tokens) if kind == "strike" else [tokens] if tokens else []
            group_pairs = [kept] * len(groups)
        for group, told in zip(groups, group_pairs, strict=True):
            frame = _frame(kind, sentence, sent, group, told, intercepted, weapons, modifiers, hit, counts,
                           weapon_counts)
            if len(groups) > 1:  # "Russian bombs hit Kharkiv as Ukraine strikes Crimea": each its places
                under = {t.i for trigger in group for t in trigger.subtree}
                frame.places = [p for p in frame.places if any(
                    s.root.i in under for s in sent.doc.spans[PLACES] if s._.kg_place == p and s.start >= sent.start)]
                frame.weapons = _weapons_under(frame.weapons, sent, under, [trig for tok, trig in told if tok in group])
                frame.counts = frame.counts if group is groups[0] else {}
            frames.append(frame)
    if not frames and counts:  # triggers all denied, a toll still told: "there was no damage or casualties"
        return [_toll(sent, sentence, counts)]
    _clauses_keep_their_places(frames, sent)
    frames = [part for frame in frames for part in _strikes_by_clause(frame, sent, weapon_heads)]
    for frame in frames:  # "... launched 10 drones at Kyiv. All the projectiles were destroyed.": over Kyiv
        if (frame.kind == "interception" and all(p.kind == "country" for p in frame.places)
                and (antecedents or event_weapons.weapons_of_the_sentence_before(sent, weapon_heads))):
            frame.places = event_places.places_told_before(sent) or frame.places
    changed = any(f.other_class == "territory_change" for f in frames)
    # a withdrawal forced by an offensive or by fighting is no change without fighting
    fought = "armed_clash" in found or any(trigger.past_class for _, trigger in found.get("other", []))
    for frame in frames:  # "following clashes, Ukrainian forces recaptured X": the clashes are how
        frame.control_changed = changed
        frame.without_fighting = frame.without_fighting and not fought
    strikers = [f.attacker for f in frames if f.kind == "strike" and f.attacker]
    for frame in frames:  # "Ukraine attacked Crimea with 17 drones, 14 of which were destroyed"
        if frame.kind == "interception" and frame.attacker is None and len(set(strikers)) == 1:
            frame.attacker = strikers[0]
    return frames


def own_tokens(heads: list[Token], others: list[Token]) -> set[int]:
    """The tokens below ``heads`` that are not below one of ``others`` told inside them (a clause of
    its own: "shelled Kupiansk and clashed near Novoselivske": "clashed near Novoselivske")."""
    inner = {t.i for other in others if any(h in other.ancestors for h in heads) for t in other.subtree}
    return {t.i for head in heads for t in head.subtree} - inner


def _clauses_keep_their_places(frames: list[Frame], sent: Span) -> None:
    """Where a sentence tells a strike and a clash, each in a clause naming places of its own, each
    keeps its own ("dropped bombs on Stepnohirsk, and clashed with Ukrainian forces near Robotyne")."""
    told = [f for f in frames if f.kind in ("strike", "armed_clash")]
    if {f.kind for f in told} != {"strike", "armed_clash"}:
        return
    spans = [s for s in sent.doc.spans[PLACES] if sent.start <= s.start < sent.end]
    for frame in told:
        others = [t for f in told if f is not frame for t in f.triggers]
        own = own_tokens(frame.triggers, others)
        places = [p for p in frame.places if any(s.root.i in own and s._.kg_place == p for s in spans)]
        if places and any(p.kind != "country" for p in places):
            frame.places = places


def _strikes_by_clause(frame: Frame, sent: Span, weapon_heads: dict[int, str]) -> list[Frame]:
    """A strike told in clauses a semicolon parts, two or more of them naming places of their own, as
    one strike per clause, each with the places, weapons and toll its clause names ("A missile hit
    Stryi, Lviv; drones struck Kovel, Volyn, injuring 2 civilians"; "In Lutsk, 1 civilian was killed;
    in Vinnytsia region, no casualties were reported")."""
    doc = sent.doc
    if frame.kind != "strike" or not any(t.text == ";" for t in sent):
        return [frame]
    cuts = [sent.start, *(t.i + 1 for t in sent if t.text == ";"), sent.end]
    clauses = [doc[a:b] for a, b in itertools.pairwise(cuts) if b > a]
    spans = [s for s in doc.spans[PLACES] if sent.start <= s.start < sent.end and s._.kg_place in frame.places]
    placed = [(c, [p for p in frame.places if any(c.start <= s.start < c.end and s._.kg_place == p for s in spans)])
              for c in clauses]
    placed = [(c, places) for c, places in placed if any(p.kind != "country" for p in places)]
    if len(placed) < 2:
        return [frame]
    parts = []
    for clause, places in placed:
        named = {(s.kb_id_, s.label_) for s in doc.spans[WEAPONS] if clause.start <= s.start < clause.end}
        weapons = [w for w in frame.weapons if (w.name, w.weapon_class) in named] or frame.weapons
        triggers = [t for t in frame.triggers if clause.start <= t.i < clause.end] or frame.triggers
        parts.append(replace(frame, places=places, weapons=weapons, triggers=triggers,
                             counts=sentence_counts(clause, weapon_heads)[0]))
    return parts


def _weapons_under(weapons: list[Weapon], sent: Span, under: set[int], triggers: list[Trigger]) -> list[Weapon]:
    """The weapons named among the tokens ``under`` a side's triggers, or implied by those triggers."""
    named: dict[str, bool] = {}
    for span in sent.doc.spans[WEAPONS]:
        if sent.start <= span.start < sent.end:
            named[span.kb_id_] = named.get(span.kb_id_, False) or span.root.i in under
    implied = {t.weapon_class for t in triggers}
    return [w for w in weapons if named.get(w.name, w.weapon_class in implied)]


def _sides_apart(tokens: list[Token]) -> list[list[Token]]:
    """Strike triggers grouped by the side their subjects name, where the sentence tells strikes
    by both sides; triggers with no side of their own go with the first group."""
    sides: dict[str, list[Token]] = {}
    unsided = []
    for token in tokens:
        found = actors.subject(token) if token.pos_ == "VERB" else None
        side = actors.side_of(found) if found is not None else None
        (sides.setdefault(side, []) if side else unsided).append(token)
    if len(sides) < 2:
        return [tokens] if tokens else []
    groups = list(sides.values())
    groups[0] = groups[0] + unsided
    return groups


def _frame(kind: str, sentence: Sentence, sent: Span, tokens: list[Token], pairs: list[tuple[Token, Trigger]],
           intercepted: bool, weapons: list[Weapon], modifiers: list[Weapon], hit: list[Weapon],
           counts: dict[str, int], weapon_counts: list[WeaponCount]) -> Frame:
    """One frame of ``kind`` read from the sentence's triggers ``tokens`` (``intercepted``: the
    sentence also tells an interception, which the weapons launched go to; ``hit``: weapons named
    as what was hit, no weapon of a strike)."""
    frame = Frame(kind, sentence, tokens, places=event_places.event_places(sent, tokens, kind),
                  place_names=event_places.written_names(sent))
    unsettled = not any(p.kind == "settlement" for p in frame.places)  # "in Kharkiv region near Kamianodolynske"
    frame.unknown_places = event_places.unknown_event_places(sent, tokens, unsettled)
    if kind == "air_raid_alert":
        frame.weapons = []
    elif kind == "interception":  # what was shot down is named as a noun, not in "a missile depot"
        frame.weapons = [w for w in weapons if w not in modifiers]
    elif kind == "strike":
        frame.weapons = [w for w in weapons if w not in hit]
    else:
        frame.weapons = list(weapons)
    ids = {t.i for t in tokens}
    token, trigger = next((tok, trig) for tok, trig in pairs if tok.i in ids)  # the frame's first trigger
    # "Russian forces looted", "Ukrainian forces conducted offensive operations"
    attacked = kind in ("strike", "interception", "armed_clash") or bool(trigger.other_class or trigger.past_class)
    frame.attacker = _attacker(tokens, sent, kind) if attacked else None
    if trigger.other_class == "territory_change":
        frame.attacker = _taker(tokens, sent)
    frame.reporter = actors.reporter(tokens[0])
    frame.armed_forces = _names_armed_forces(sent)
    frame.irregulars = _irregulars_named(sent)
    if kind == "interception":
        frame.interceptor = _interceptor(tokens)
        frame.weapon_counts = weapon_counts
    elif kind == "strike":
        air_arm = _by_air_arm(tokens)
        supporting = event_weapons.supporting_weapons(sent)
        if air_arm and not any(w.weapon_class in ("aircraft", "drone") for w in frame.weapons):
            frame.weapons.append(Weapon("aircraft", "aircraft"))  # "Russian air units conducted strikes"
            if air_arm & set(lexicon.fighting()["ground_arm_words"]):  # "ground and air forces attacked"
                supporting.append(frame.weapons[-1])
        frame.supported = bool(frame.weapons) and all(w in supporting for w in frame.weapons)
        small_arms = all(lexicon.weapon_roles().get(w.name) == "direct" for w in weapons)  # or none
        frame.against_civilians = small_arms and _against_civilians(tokens)
        frame.counts = dict(counts)
        launched = {c.weapon_class: c.launched for c in weapon_counts if c.launched and not c.intercepted}
        if launched and not intercepted:
            frame.counts["launched"] = max(launched.values())
            frame.launched = launched
    elif kind == "other":
        frame.past_class, frame.other_class = trigger.past_class, trigger.other_class
        verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), token)
        frame.under_way = bool(frame.past_class) and verb.lemma_.casefold() in lexicon.fighting()["offensive_verbs"]
        frame.without_fighting = frame.other_class == "territory_change" and any(
            t.lemma_.casefold() in lexicon.fighting()["withdrawal_words"] for t in sent)
    return frame


def _toll(sent: Span, sentence: Sentence, counts: dict[str, int]) -> Frame:
    """A toll told without a trigger, placed where the official who tells it has charge
    ("Kyiv's military administration said there was no damage")."""
    places = [s._.kg_place for s in sent.doc.spans[PLACES]
              if sent.start <= s.start < sent.end and s.root.dep_ == "poss" and s._.kg_place.kind != "country"]
    return Frame("strike", sentence, [], places=places[:1], counts=counts)
