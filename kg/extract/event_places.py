"""Where a sentence puts its events: the places it names for them, not for actors or side remarks.

``event_places`` gives the gazetteer's places (``kg.extract.places`` finds and resolves the
names), ``unknown_event_places`` the names the gazetteer does not know, ``written_names`` the
settlements as the text writes them, and ``places_told_before`` the places of the sentence before
(for a sentence that names none of its own).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract import actors, lexicon
from kg.extract.counts import parse_number
from kg.extract.places import coded_to, governing_preposition, in_words, outer_preposition, written_name
from kg.nlp import PLACES, TRIGGERS, UNKNOWN_PLACES, WEAPONS
from kg.records import Place


def _coding_note_after(sent: Span) -> Span | None:
    """The sentence after ``sent`` if it is a coder's note in brackets ("... were killed. (coded to
    Luhansk as the exact location is unknown)"): it says where the event of ``sent`` is."""
    doc = sent.doc
    if sent.end >= len(doc) or doc[sent.end].text != "(":
        return None
    note = doc[sent.end].sent
    return note if in_words(note.root, lexicon.places()["coding_verbs"]) else None


def _came_under(subject: Token, trigger_ids: set[int]) -> bool:
    """Is the subject what came under the trigger ("Nikopol came under Russian MLRS fire")?"""
    return subject.dep_ == "nsubj" and any(
        c.lower_ == "under" and any(o.i in trigger_ids for o in c.children) for c in subject.head.children)


def _second_subject(token: Token) -> bool:
    """Is the token taken for a subject after its verb, which has a subject before it ("Russian
    forces shelled Nova Yarivka, Zaporizhia region": the parser's mistake for an object)?"""
    verb = token.head
    return token.dep_ == "nsubj" and verb.i < token.i and any(
        c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)


def _object_taken_for_subject(token: Token, trigger_ids: set[int]) -> bool:
    """Is the token taken for the subject of a later verb, right after a trigger with no object
    ("Russian forces shelled Kastashka, Kharkiv region damaging civilian infrastructure": the
    parser's mistake for the object of "shelled")?"""
    start = token.left_edge.i
    before = token.doc[start - 1] if start > 0 else None
    return (token.dep_ == "nsubj" and before is not None and before.i in trigger_ids and before.pos_ == "VERB"
            and not any(c.dep_ == "dobj" for c in before.children))


def _names_forces(token: Token) -> bool:
    """Does the word name armed forces, itself or as a modifier of them ("forces", "rebel forces")?"""
    words = lexicon.fighting()["armed_forces_words"]
    return token.lower_ in words or (token.dep_ in ("compound", "amod") and token.head.lower_ in words)


def event_places(sent: Span, triggers: list[Token], kind: str) -> list[Place]:
    """Places the sentence gives for its events (not for actors or side remarks).

    A dateline ("KYIV (Reuters) -") says where the reporter is: it places a strike only where
    the sentence names no other place, and never an interception (national totals are given
    from the capital).

    Places in a clause of their own ("both bordering Ukraine") count only where the clause hangs
    from the trigger and the trigger's own clause names none ("clashed with the army trying to
    gain Avdiivka").
    """
    words = lexicon.places()
    trigger_ids = {t.i for t in triggers}
    # the verb of an action is part of it: "conducted ground attacks ... in an attempt to advance near X"
    trigger_ids |= {t.head.i for t in triggers if actors.action_of(t)}
    main: list[Place] = []
    subordinate: list[Place] = []
    dateline: list[Place] = []
    coded: list[Place] = []
    note = _coding_note_after(sent)
    end = note.end if note is not None else sent.end
    part_words = [*words["district_words"], *words["area_nouns"], *words["facility_words"]]
    for span in sent.doc.spans[PLACES]:
        if not (sent.start <= span.start < end):
            continue
        after = sent.doc[span.end] if span.end < len(sent.doc) else None
        leading = all(t.text == "/" or t.text.isupper() for t in sent.doc[sent.start:span.start])  # "KYIV/MOSCOW"
        if leading and span.text.isupper() and len(span.text) > 2 and (
                after is None or not after.is_alpha):  # "KYIV (Reuters) -", not "DPR authorities claimed"
            capitals = {side.capital for side in lexicon.sides().values()}
            if span._.kg_place.name not in capitals:  # "KYIV (Reuters) -" heads national stories
                dateline.append(span._.kg_place)
            continue
        root = span.root
        if _stands_for_government(root, span._.kg_place) or _blamed(root):
            continue  # "accused Kyiv of using Storm Shadow missiles", "the Kyiv regime", "blamed it on Russia"
        mistaken = _second_subject(root) or _object_taken_for_subject(root, trigger_ids)
        owner = root.dep_ == "poss" and not (  # whose, but a town's part is where: "Kyiv's Sviatoshynskyi district"
            span._.kg_place.kind != "country" and in_words(root.head, part_words))
        if (root.dep_ == "nsubj" or owner or root.head.dep_ == "agent") and not (
                _came_under(root, trigger_ids) or mistaken):
            continue
        if root.dep_ in ("compound", "amod", "nmod") and _names_forces(root.head):
            continue  # "LPR forces attacked near Bakhmut": whose forces, not where
        if span.text.isupper() and root.dep_ == "compound" and root.head.dep_ == "nsubj" and (
                root.head.head.lemma_.casefold() in lexicon.modality()["reporting_verbs"]):
            continue  # "DPR authorities claimed that ...": who tells it
        if coded_to(span):
            coded.append(span._.kg_place)  # "(coded to Odesa)": where the note's coder put the event
            continue
        preposition = governing_preposition(root)
        left = preposition is not None and _left(preposition)
        water = preposition is not None and preposition.lower_ == "of" and (
            in_words(preposition.head, words["water_words"])  # "the Sea of Azov", not "the bay of Sevastopol"
            or (in_words(preposition.head, words["shore_words"]) and not preposition.head.is_lower))
        reference = preposition is not None and in_words(preposition.head, words["reference_words"]) and (
            preposition.lower_ not in words["locative_prepositions"] or preposition.lower_ in ("of", "to")) and (
            not _close_by(preposition.head))  # not "3-5 km north-east of Zolote", "positions north of Kyiv"
        route = preposition is not None and preposition.lower_ == "between" and in_words(
            preposition.head, words["route_words"])  # "on the road between Brovary and Kalynivka"
        source = preposition is not None and preposition.lower_ in words["non_event_prepositions"] and not (
            route or _weapon_taken_for_its_modifier(root))
        if preposition is not None and not left and (source or water or reference or _launch_area(root, preposition)):
            continue  # "drones launched from Crimea", "268 km southwest of the capital, Kyiv", "the Sea of Azov"
        ancestors = [root, *root.ancestors]
        in_clause = any(t.dep_ in words["clause_dependencies"] and t.i not in trigger_ids and not _main_verb_as_acl(t)
                        for t in ancestors if t.i != root.i or t.pos_ == "VERB")
        if in_clause and not any(t.i in trigger_ids for t in ancestors):
            continue  # a side clause that does not hang from the event: "... that Moscow launched to pressure Kyiv"
        places = subordinate if in_clause else main
        if span._.kg_place not in places:
            places.append(span._.kg_place)
    main += [p for p in coded if p not in main]
    specific = [p for p in main or subordinate if p.kind != "country"]
    if not specific and kind != "interception":
        return dateline + (main or subordinate)
    return main or subordinate


def _weapon_taken_for_its_modifier(root: Token) -> bool:
    """Is the place (or the first of a list it is in) taken by the parser for what a weapon
    modifies ("struck with drones Orikhiv, Bilenke and Stepnohirsk": what the drones struck)?"""
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    weapons = {span.root.i for span in root.doc.spans[WEAPONS]}
    return any(c.dep_ == "compound" and c.i in weapons for c in first.children)


def _blamed(root: Token) -> bool:
    """Is the place who is blamed ("attributed the attack to Ukraine", "blamed the strike on Russia")?"""
    preposition = root.head
    if root.dep_ != "pobj" or preposition.lower_ not in ("to", "on"):
        return False
    verb = preposition.head if preposition.head.pos_ == "VERB" else preposition.head.head
    return in_words(verb, lexicon.places()["blame_verbs"])


def _stands_for_government(root: Token, place: Place) -> bool:
    """Does a side's capital stand for its government: the object of one of ``government_verbs``
    ("accused Kyiv of ...", "urged Moscow to ..."), or naming one of ``government_nouns`` ("the Kyiv regime")?"""
    if place.name not in {side.capital for side in lexicon.sides().values()}:
        return False
    words = lexicon.places()
    if root.dep_ in ("compound", "amod", "nmod", "poss"):
        return root.head.lower_ in words["government_nouns"]
    return root.dep_ == "dobj" and in_words(root.head, words["government_verbs"])


def _left(preposition: Token) -> bool:
    """Is the preposition's object where ground or people were taken from or pushed back from
    ("withdrew from Kherson", "transferred a woman from Zdvyzhivka", "were repulsed from positions")?"""
    fighting = lexicon.fighting()
    head = preposition.head
    left = [*fighting["withdrawal_words"], *fighting["taken_from_verbs"], *fighting["repelling_verbs"]]
    return in_words(head, left) or (
        head.dep_ == "dobj" and in_words(head.head, fighting["taken_from_verbs"]))


def _launch_area(root: Token, preposition: Token) -> bool:
    """Is the name part of where weapons came from: "launched from the Primorsko-Akhtarsk area of
    Russia's Krasnodar region", "launched from Cape Chauda in occupied Crimea"?"""
    outer = outer_preposition(root)
    if outer is not None and outer.i != preposition.i and outer.lower_ == "from" and not _left(outer):
        return True
    return preposition.lower_ == "in" and any(
        c.dep_ == "prep" and c.lower_ == "from" and c.i < preposition.i and not _left(c)
        for c in preposition.head.children)


def _close_by(direction: Token) -> bool:
    """Is a compass direction from a place ("north of Kyiv", "3-5 km north-east of Zolote") close
    enough to be the place's (``close_distance_km`` at most; not "268 km southwest of Kyiv")?"""
    words = lexicon.places()
    if direction.lower_ not in words["compass_words"]:
        return False
    before = [t for t in direction.subtree if t.i < direction.i]
    numbers = [parse_number(t.text) or 0 for t in before if t.like_num]
    if numbers:
        return max(numbers) <= words["close_distance_km"]
    # with no distance, not where it tells where another place is ("Vinnytsia, a city southwest of Kyiv",
    # "the town of Ramenskoye, southeast of Moscow")
    start = direction.left_edge.i
    after_name = start >= 2 and direction.doc[start - 1].text == "," and direction.doc[start - 2].pos_ == "PROPN"
    return direction.dep_ != "appos" and not after_name and not any(
        t.lemma_.casefold() in words["settlement_words"] for t in before)


def _main_verb_as_acl(token: Token) -> bool:
    """Is the word the sentence's main verb, parsed as a clause of a subject taken for the root ("an
    unexploded shell detonated in Kharkiv, injuring 2 children": "shell" the root)?"""
    return token.dep_ == "acl" and token.head.dep_ == "ROOT" and token.head.pos_ in ("NOUN", "PROPN")


def unknown_event_places(sent: Span, triggers: list[Token], governed_too: bool) -> list[str]:
    """Names of places the gazetteer does not know (``kg.extract.places.find_places``) that the
    triggers' clause governs: the object of a trigger ("shelled Pyshchevyk"), or a name whose
    preposition hangs from a trigger, from a word of a trigger's phrase or from what a trigger
    depends on within its clause ("observed a total of 8 shots involving small arms near
    Holubivske"; not "the attack prompted Caspian Pipeline Consortium to ..."), these only if
    ``governed_too``; and first the name a coder's note puts the event in ("(coded to Shalyhyne)")."""
    note = _coding_note_after(sent)
    end = note.end if note is not None else sent.end
    spans = [s for s in sent.doc.spans[UNKNOWN_PLACES] if sent.start <= s.start < end]
    if not spans:
        return []
    clause_dependencies = set(lexicon.places()["clause_dependencies"]) | {"ccomp", "xcomp", "conj"}
    near = {t.i for trigger in triggers for t in trigger.subtree}
    for trigger in triggers:
        token = trigger
        while token.dep_ not in clause_dependencies and token.head.i != token.i:
            token = token.head
            near.add(token.i)
    coded, names = [], []
    for span in spans:
        head = span.root.head
        if coded_to(span):
            coded.append(written_name(span))  # "(coded to Shalyhyne)": where the note's coder put the event
        elif governed_too and span.start < sent.end and (
                head.i in {t.i for t in triggers} if span.root.dep_ == "dobj" else head.head.i in near):
            names.append(written_name(span))
    return list(dict.fromkeys(coded + names))


def written_names(sent: Span) -> dict[str, str]:
    """The sentence's settlements and regions as it writes them, by gazetteer code."""
    return {span._.kg_place.code: written_name(span) for span in sent.doc.spans[PLACES]
            if sent.start <= span.start < sent.end and span._.kg_place.kind in ("settlement", "region")
            and span.text[:1].isupper()}  # a name, not "the capital" or "the city"


def places_told_before(sent: Span) -> list[Place]:
    """The places the sentence before gives for its events."""
    before = sent.doc[sent.start - 1].sent
    triggers = [span.root for span in sent.doc.spans[TRIGGERS] if before.start <= span.start < before.end]
    return event_places(before, triggers, "strike")
