"""What weapons a sentence's events were carried out with, and what stands for them.

``sentence_weapons`` gives the weapons the sentence names (and those its triggers imply), apart
from the ones named only as modifiers ("a missile depot"); ``weapons_hit`` those named as what was
hit; ``supporting_weapons`` those that only support a ground attack; ``antecedent_weapons`` the
weapons of the sentence before that words of this one stand for ("25 of them").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract import lexicon
from kg.extract.counts import WeaponCount, sentence_counts
from kg.extract.lexicon import Trigger
from kg.nlp import PLACES, WEAPONS
from kg.records import Weapon


def _held_in(token: Token) -> bool:
    """Does the weapon word name what a building holds: "a warehouse storing naval drones"
    (``storage_verbs``), or "a missile and artillery ammunition depot" (which the parser reads as two
    things, a missile and a depot)? The latter where the building it is coordinated with is
    singular, has no determiner of its own, and has words before it that say what it holds.
    """
    if _stored(token):
        return True
    buildings = lexicon.counts()["buildings"]
    return any(c.dep_ == "conj" and c.i > token.i and c.lemma_.casefold() in buildings and c.tag_ == "NN"
               and not any(g.dep_ == "det" for g in c.children) and any(g.dep_ == "compound" for g in c.children)
               for c in token.children)


def _stored(token: Token) -> bool:
    """Is the weapon word what a building is told to hold ("a warehouse storing naval drones")?"""
    verb = token.head
    return token.dep_ == "dobj" and verb.dep_ in ("acl", "relcl") and verb.lemma_.casefold() in (
        lexicon.fighting()["storage_verbs"])


def sentence_weapons(sent: Span, triggers: list[Trigger]) -> tuple[list[Weapon], dict[int, str], list[Weapon]]:
    """The weapons a sentence names (with those its triggers imply), the token index and class of
    each one named as a noun of its own, and those named only as modifiers ("missile debris",
    "a drone-control centre", "a missile depot", "a missile and ammunition depot"; not the name of
    another weapon: "a Tochka-U missile")."""
    weapons, heads, named, modifiers = [], {}, [], []
    fire_nouns = lexicon.fighting()["fire_nouns"]  # "artillery fire" is the artillery's use
    roles = lexicon.weapon_roles()
    spans = [span for span in sent.doc.spans[WEAPONS] if sent.start <= span.start < sent.end]
    roots = {span.root.i for span in spans}  # "a Tochka-U missile": the name of the missile
    # "struck with drones Orikhiv, Bilenke": the parser's compound of a place is a weapon of its own
    roots |= {span.root.i for span in sent.doc.spans[PLACES] if sent.start <= span.start < sent.end}
    names = {span.root.i: span.label_ for span in spans}
    for span in spans:
        weapon = _named_before(span) or Weapon(span.kb_id_, span.label_)
        modifier = (span.root.dep_ in ("compound", "npadvmod", "amod", "nmod") and span.root.head.pos_ in (
            "NOUN", "PROPN") and span.root.head.lemma_.casefold() not in fire_nouns
            and span.root.head.i not in roots) or _held_in(span.root)
        # "ATACMS missiles", "Tornado-S rockets": the word for the kind of weapon after its name is no
        # weapon of its own, and of the named one's class
        name = next((c.i for c in span.root.children if c.dep_ == "compound" and c.i in names), None)
        kind_of_named = _bare(span) and name is not None
        (modifiers if modifier else named).append(weapon)
        if not modifier:
            heads[span.root.i] = names[name] if kind_of_named else weapon.weapon_class
        if weapon not in weapons and not kind_of_named:
            weapons.append(weapon)
    implied = [Weapon(t.weapon_class, t.weapon_class) for t in triggers if t.weapon_class]
    for weapon in implied:  # "destroyed (presumably by shelling) an artillery shells depot": shelled
        if weapon not in weapons and all(w.weapon_class != weapon.weapon_class for w in named):
            weapons.append(weapon)
    # "16 rockets fired by Vampire launchers", "Ka-52 helicopters fired rockets"; not "shot down a rocket
    # launched by aircraft" (ACLED: a missile)
    launchers = {**{m: p for m, p in launched_by(sent).items() if p.label_ == "artillery"}, **_fired_by_subject(sent)}
    fired_by = {munition: launcher for munition, launcher in launchers.items()
                if launcher.label_ in ("artillery", "aircraft") and roles.get(munition.kb_id_) == "unguided"}
    if fired_by:
        rockets = {Weapon(m.kb_id_, m.label_): Weapon(m.kb_id_, p.label_, delivered=True) for m, p in fired_by.items()}
        heads |= {m.root.i: p.label_ for m, p in fired_by.items() if m.root.i in heads}
        weapons, named = ([rockets.get(w, w) for w in group] for group in (weapons, named))
    planted = [span for span in spans if _planted(span.root)]
    if planted:  # "a bomb planted under his car": an explosive device, not an air strike
        device = Weapon("explosive device", "other")
        names = {span.kb_id_ for span in planted}
        heads |= {span.root.i: "other" for span in planted if span.root.i in heads}
        weapons, named = (list(dict.fromkeys(device if w.name in names else w for w in group))
                          for group in (weapons, named))
    carrier = _carrier_class(weapons)
    if carrier:
        carried = lexicon.carried_weapons()
        heads |= {span.root.i: carrier for span in spans if span.root.i in heads and span.kb_id_ in carried}
        weapons, named = (list(dict.fromkeys(_delivered(w, carrier) for w in group)) for group in (weapons, named))
    return weapons, heads, [w for w in modifiers if w not in named]


def _bare(span: Span) -> bool:
    """Is the weapon named by a bare word for its kind ("missiles", "rockets", "drones")?"""
    return len(span) == 1 and span.kb_id_ == span.root.lemma_.casefold()


def _named_before(span: Span) -> Weapon | None:
    """The weapon of the sentence before that a bare word for weapons stands for, where that one
    is of another class ("fired Vampire rockets at Belgorod. 10 rockets were intercepted": the
    Vampire's, artillery; "fired 4 Tornado-S rockets": the Tornado-S's)."""
    doc = span.doc
    if not _bare(span) or span.sent.start == 0:
        return None
    before = doc[span.sent.start - 1].sent
    spans = [s for s in doc.spans[WEAPONS] if before.start <= s.start < before.end]
    by_root = {s.root.i: s for s in spans}
    named = {Weapon(s.kb_id_, s.label_) for s in spans if len(s) > 1 and s.root.lemma_.casefold() == span.kb_id_}
    named |= {Weapon(span.kb_id_, by_root[c.i].label_, delivered=True)  # "4 Tornado-S rockets"
              for s in spans if _bare(s) and s.kb_id_ == span.kb_id_
              for c in s.root.children if c.dep_ == "compound" and c.i in by_root}
    named = {w for w in named if w.weapon_class != span.label_}
    return named.pop() if len(named) == 1 else None


def _planted(token: Token) -> bool:
    """Is the weapon word one that someone placed (``planting_verbs``: "a bomb planted under his car",
    "planted a bomb")?"""
    verbs = lexicon.fighting()["planting_verbs"]
    placed = any(c.dep_ == "acl" and c.lemma_.casefold() in verbs for c in token.children)
    return placed or (token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.casefold() in verbs)


def launched_by(sent: Span) -> dict[Span, Span]:
    """The munitions of the sentence named with the platform that launched them, and that platform:
    "a Kh-59 missile launched by a Su-34 aircraft", "rockets fired from Vampire launchers"."""
    spans = [span for span in sent.doc.spans[WEAPONS] if sent.start <= span.start < sent.end]
    by_root = {span.root.i: span for span in spans}
    roles = lexicon.weapon_roles()
    found = {}
    for span in spans:
        preposition = span.root.head
        verb = preposition.head
        # "rockets fired from Vampire launchers"; "fired rockets from Vampire MLRS", unguided ones only
        munition = by_root.get(verb.head.i) if verb.dep_ == "acl" else next(
            (by_root[c.i] for c in verb.children if c.dep_ == "dobj" and c.i in by_root
             and roles.get(by_root[c.i].kb_id_) == "unguided" and preposition.lower_ == "from"), None)
        if (roles.get(span.kb_id_) == "platform" and span.root.dep_ == "pobj" and preposition.lower_ in ("by", "from")
                and verb.lemma_.casefold() in lexicon.fighting()["launch_verbs"]
                and munition is not None and roles.get(munition.kb_id_, "") in ("", "unguided")):
            # "a Russian Su-34 aircraft": the Su-34, which the bare "aircraft" after it names no other
            found[munition] = next((by_root[c.i] for c in span.root.children if c.dep_ == "compound"
                                    and c.i in by_root and by_root[c.i].label_ == span.label_ and _bare(span)), span)
    return found


def _fired_by_subject(sent: Span) -> dict[Span, Span]:
    """The munitions a platform fired, told with the platform for subject ("Russian Ka-52 helicopters
    fired rockets"), and that platform."""
    spans = [span for span in sent.doc.spans[WEAPONS] if sent.start <= span.start < sent.end]
    roles, verbs = lexicon.weapon_roles(), lexicon.fighting()["launch_verbs"]
    platforms = {span.root.head.i: span for span in spans if roles.get(span.kb_id_) == "platform"
                 and span.root.dep_ == "nsubj" and span.root.head.lemma_.casefold() in verbs}
    return {span: platforms[span.root.head.i] for span in spans
            if span.root.dep_ == "dobj" and span.root.head.i in platforms}


def _carrier_class(weapons: list[Weapon]) -> str | None:
    """The one class of the weapons named that deliver the munitions ``carried_weapons`` names,
    where the sentence names both ("a drone dropped a grenade": drone; "shelled Kherson with cluster
    munitions": artillery)."""
    carried = lexicon.carried_weapons()
    if not any(w.name in carried for w in weapons):
        return None
    classes = {w.weapon_class for w in weapons if w.name not in carried and w.weapon_class != "other"}
    return classes.pop() if len(classes) == 1 else None


def _delivered(weapon: Weapon, carrier: str) -> Weapon:
    if weapon.name not in lexicon.carried_weapons() or weapon.weapon_class == carrier:
        return weapon
    return Weapon(weapon.name, carrier, delivered=True)


def supporting_weapons(sent: Span) -> list[Weapon]:
    """Weapons named only as support of an attack ("with the support of artillery", "supported by
    tanks"; ``support_words``): a ground attack with them is still a clash."""
    supporting, other = [], []
    for span in sent.doc.spans[WEAPONS]:
        if sent.start <= span.start < sent.end:
            weapon = Weapon(span.kb_id_, span.label_)
            (supporting if supports(span) else other).append(weapon)
    return [w for w in supporting if w not in other]


def supports(span: Span) -> bool:
    """Is the weapon named as support ("the support of artillery", "supported by tanks")?"""
    words = set(lexicon.fighting()["support_words"])
    return any(h.lower_ in words for h in list(span.root.ancestors)[:3])


def weapons_hit(sent: Span, tokens: list[Token]) -> list[Weapon]:
    """Weapons named as what a trigger hit, not as what it was done with: among the objects of a
    verb that takes neither its weapon nor its action for object (``launch_verbs``,
    ``action_verbs``), the platforms ("shot down a MiG-29 and shelled near Pavlivka", "shelled a
    Su-25", "military aircraft were damaged"; munitions shot down were used) and the weapons that
    modify what was hit ("struck S-300 missile complexes"; not "a drone attack")."""
    words = lexicon.fighting()
    roles = lexicon.weapon_roles()
    hit = set()
    for token in tokens:
        if token.pos_ == "VERB" and token.lemma_.casefold() not in {*words["launch_verbs"], *words["action_verbs"]}:
            hit.update(o.i for c in token.children if c.dep_ in ("dobj", "nsubjpass") for o in (c, *c.conjuncts))
    weapons = []
    for span in sent.doc.spans[WEAPONS]:
        root, weapon = span.root, Weapon(span.kb_id_, span.label_)
        if not sent.start <= span.start < sent.end:
            continue
        platform = root.i in hit and roles.get(weapon.name) == "platform"
        modifier = root.dep_ in ("compound", "amod", "nmod") and root.head.i in hit and (
            root.head.lemma_.casefold() not in words["fire_nouns"])
        if platform or modifier or _stored(root):  # "hit a warehouse storing naval drones"
            weapons.append(weapon)
    return list(dict.fromkeys(weapons))


def antecedent_weapons(sent: Span) -> tuple[list[Weapon], dict[int, str], list[WeaponCount]]:
    """What stands for weapons in a sentence that names none: "The occupiers fired 38 missiles.
    Air defence destroyed 25 of them." / "All the projectiles were destroyed." / "... shot down
    37 of about 40."

    The weapons named in the sentence before; the token index and class of their heads and of
    the words standing for them ("them" after "of", the ``weapon_referents`` nouns, "all 18"), when
    they are of one class, as ``sentence_weapons`` gives them; and where "all" of them are told of, or a
    pronoun stands for them ("They were shot down"), a count of them all as intercepted, of as many
    as the sentence before says were launched.
    Nothing where no word stands for weapons (nor a number for their total) or the sentence
    before names none.
    """
    words = lexicon.counts()["weapon_referents"]
    referents = [t for t in sent if (t.lower_ in words or t.lemma_.casefold() in words)
                 and (t.lower_ != "them" or _after_of(t))]
    pronouns = [t for t in sent if t.lower_ in lexicon.counts()["weapon_pronouns"]
                and t.dep_ in ("nsubjpass", "dobj") and t.head.pos_ == "VERB"]  # "It was shot down"
    referents += [t for t in pronouns if t not in referents]
    referents += [t for t in sent if t.like_num and t.dep_ in ("dobj", "nsubjpass", "npadvmod")  # "shot down all 18"
                  and t.head.pos_ == "VERB" and any(c.lower_ == "all" for c in t.children)]
    totals = [t for t in sent if t.like_num and _after_of(t) and t.head.head.like_num]
    if not (referents or totals) or sent.start == 0:  # totals: "shot down 37 of about 40"
        return [], {}, []
    before = sent.doc[sent.start - 1].sent
    weapons, heads, _ = sentence_weapons(before, [])
    if len(set(heads.values())) != 1:
        return weapons, heads, []
    weapon_class = next(iter(heads.values()))
    heads |= {referent.i: weapon_class for referent in referents}
    every = bool(pronouns) or any(c.lower_ == "all" for r in referents
                                  for c in [*r.children, *r.head.ancestors, r.head])
    launched = [c.launched for c in sentence_counts(before, heads)[1] if c.weapon_class == weapon_class]
    if every and launched and launched[0]:
        return weapons, heads, [WeaponCount(weapon_class, intercepted=launched[0], launched=launched[0])]
    return weapons, heads, []


def _after_of(token: Token) -> bool:
    """Is the word the object of a partitive "of" ("25 of them", "37 of about 40")?"""
    return token.dep_ == "pobj" and token.head.lower_ == "of"


def weapons_of_the_sentence_before(sent: Span, weapon_heads: dict[int, str]) -> bool:
    """Are the sentence's weapons of the classes the sentence before launched, with no part of a total
    ("Russian forces attacked Izmail with Shahed drones. Air defence shot down 14 drones."; not "shot
    down 18 of the 33 cruise missiles", "Overall, 12 drones were intercepted": totals, ``total_words``)?"""
    if sent.start == 0 or not weapon_heads:
        return False
    words = lexicon.counts()["total_words"]  # "Overall, 12 drones were intercepted across 9 locations"
    partitive = any((t.lower_ == "of" and t.head.like_num) or t.lower_ in words for t in sent)
    before = set(sentence_weapons(sent.doc[sent.start - 1].sent, [])[1].values())
    return not partitive and set(weapon_heads.values()) <= before


def sharing_subject(verb: Token) -> bool:
    """Is the verb a passive joined to the verb before it with no subject of its own ("drones
    launched at Ivanovo were destroyed", which the parser reads as "drones launched ... and were
    destroyed"): the subject of the verb before is what it was done to?"""
    return verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def what_was_downed(token: Token, downing: set[int]) -> bool:
    """Is the noun a word for weapons (``weapon_referents``) that an interception word downed ("shot
    down 2 missiles and 5 HIMARS projectiles"; not "repelled an attack on the refinery"), or the
    verb a launch or attack of weapons downed ("shot down 16 rockets fired by Vampire launchers",
    "destroyed 3 naval drones attacking the bay", "destroyed 2 vessels which attempted to attack it")?"""
    verb = token.head if token.dep_ == "xcomp" else token  # "which attempted to attack it"
    weapons = {span.root.i for span in token.doc.spans[WEAPONS]}
    if token.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.i in weapons for c in token.children) and any(
            c.dep_ == "conj" and c.i in downing and sharing_subject(c) for c in token.children):
        return True  # "Ukrainian drones launched at Ivanovo region were destroyed", parsed as two verbs of the drones
    if token.pos_ == "VERB" and verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
        token = verb.head
    elif token.lemma_.casefold() not in lexicon.counts()["weapon_referents"]:
        return False
    while token.dep_ == "conj" and token.pos_ == "NOUN":
        token = token.head
    return token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") and token.head.i in downing
