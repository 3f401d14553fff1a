"""What did not happen: negated, hypothetical, habitual and anaphoric mentions of events.

A trigger reports an event only where nothing in its own clause (the trigger and the words
it hangs from, up to a reporting verb or the edge of a relative or adverbial clause) negates
it ("no reports of strikes"), makes it hypothetical ("could escalate", "attempts to carry out
attacks"), habitual ("have increasingly become a daily occurrence"; a verb in the simple present
outside a headline, "Kyiv says it strikes only military targets"), summed over a period
("since the start of the war") or points back to events told before ("these attacks").
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import lexicon

CLAUSE_EDGES = {"relcl", "acl", "advcl", "ccomp"}
MODIFIERS = {"advmod", "amod", "npadvmod", "attr", "acomp", "aux", "xcomp"}  # what can make a clause habitual


def _clause_edge(token: Token) -> bool:
    """Does a clause of its own start at this word? An infinitive that completes a noun does not
    ("attempts ... to carry out attacks": the attempts govern the attacks)."""
    infinitive = token.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    return token.dep_ in CLAUSE_EDGES and not infinitive


def clause_chain(trigger: Token) -> list[Token]:
    """The trigger and the words it hangs from, up to a reporting verb or a clause edge."""
    reporting = set(lexicon.modality()["reporting_verbs"])
    chain = [trigger]
    token = trigger
    while not _clause_edge(token) and token.head.i != token.i:
        token = token.head
        if token.pos_ == "VERB" and token.lemma_.casefold() in reporting:
            break
        chain.append(token)
    return chain


def _past_finite(verb: Token) -> bool:
    """Is the verb in a finite past form: "shelled", or a participle with a past auxiliary ("were repelled")?"""
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children))


def _a_period(since: Token) -> bool:
    """Does "since" begin a period ("since the start of the war", "since 2014"), not a moment?"""
    words = set(lexicon.modality()["period_words"])
    return any(t.lemma_.casefold() in words or (t.like_num and len(t.text) == 4) for t in since.subtree)


def _a_stretch_of(noun: Token) -> bool:
    """Is the noun a stretch of time full of something ("damaged by months of shelling")?"""
    return noun.tag_ == "NNS" and _stretch_unit(noun) and any(c.dep_ == "prep" and c.lower_ == "of"
                                                              for c in noun.children)


def _over_a_stretch(preposition: Token) -> bool:
    """Does the preposition put what it modifies over a stretch of time ("in recent months", "over
    the past weeks"), not on a day?"""
    words = lexicon.modality()
    return preposition.dep_ == "prep" and preposition.lower_ in ("in", "over", "during", "throughout") and any(
        o.dep_ == "pobj" and _stretch_unit(o) and any(m.lower_ in words["stretch_modifiers"] for m in o.children)
        for o in preposition.children)


def _stretch_unit(noun: Token) -> bool:
    """Is the noun a unit of a stretch of time ("months", "weeks"; "month", but not "day": "over the
    past day" is a daily report's)?"""
    words = lexicon.modality()
    units = words["stretch_units"] if noun.tag_ == "NNS" else words["stretch_single_units"]
    return noun.lemma_.casefold() in units


def _after_a_stretch(trigger: Token) -> bool:
    """Is the trigger what a stretch of time was full of ("after months of fighting", "weeks of shelling")?"""
    of = trigger.head
    return (trigger.dep_ == "pobj" and of.lower_ == "of" and of.head.tag_ == "NNS" and of.head.i < trigger.i
            and _stretch_unit(of.head))


def _attempts_made(noun: Token, below: Token) -> bool:
    """Is the word a noun of attempting, the object of a verb in the past, that an attack completes
    ("made about 40 attempts to storm Ukrainian positions")?"""
    return (noun.pos_ == "NOUN" and noun.lemma_.casefold() in lexicon.modality()["realized_when_past"]
            and noun.dep_ == "dobj" and _past_finite(noun.head) and below.dep_ == "acl")


def reports_event(trigger: Token, attempt_happens: bool = False) -> bool:
    """Does this trigger report an event that took place?

    With ``attempt_happens``, an attack attempted in the past took place ("Russian forces attempted
    to advance near X", "tried to strike Kyiv"): it was fought, or aimed at its place, whether it
    succeeded or not. Without it, what was attempted did not happen ("attempted to capture the city").
    """
    words = lexicon.modality()
    if trigger.tag_ in ("VBZ", "VBP") and trigger.sent.start > 0:
        return False  # the simple present, but in a headline, tells what is habitual ("Kyiv says it strikes ...")
    chain = clause_chain(trigger)
    if any(t.lemma_.casefold() in words["reason_verbs"] for t in {*chain, trigger.head}):
        return False  # a reason given: "ordered the evacuation citing shelling"
    if trigger.pos_ == "NOUN" and any(t.dep_ == "amod" and t.lower_ in words["habitual_markers"]
                                      for left in trigger.lefts for t in left.subtree):
        return False  # "constant Russian shelling and drone attacks", which the parser reads as one noun phrase
    doers = [o for c in trigger.children if c.dep_ == "agent" for o in c.children]  # "damaged by shelling"
    if trigger.dep_ == "advcl" and trigger.tag_ == "VBG":
        doers.append(trigger.head)  # "had launched 300 drones over the past month, mainly targeting energy facilities"
    if any(_over_a_stretch(c) for t in (*chain, *doers) for c in t.children) or _after_a_stretch(trigger) or any(
            _a_stretch_of(d) for d in doers):
        return False  # "houses damaged by shelling in recent months", "following months of fighting"
    if chain[-1].dep_ == "ccomp" and chain[-1].head.lemma_.casefold() in words["denial_heads"]:
        return False  # "denied that a drone had struck an oil depot"
    if any(t.lower_ == "for" and t.head.lemma_.casefold() in words["purpose_verbs"] for t in chain[1:2]):
        return False  # "missiles converted for ground attack": what they are for
    if trigger.head.lemma_.casefold() in words["purpose_verbs"] and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return False  # "stockpiling cruise missiles to strike energy infrastructure"
    scene = [*chain, trigger.head]  # "held live-fire exercises off Sevastopol, firing anti-ship missiles"
    if any(c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lemma_.casefold() in words["exercise_words"]
           for t in scene for c in t.children):
        return False
    for position, token in enumerate(chain):
        if position and token.dep_ == "prep" and token.lower_ in words["negation_words"]:
            return False  # "fell in fields without causing damage"
        for child in token.children:
            lower = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and lower in words["negation_words"]):
                return False
            if child.dep_ in ("aux", "auxpass") and lower in words["modal_auxiliaries"]:
                return False
            predicate = child.dep_ in ("acomp", "attr") and token.lemma_ == "be" and lower in words["under_way_words"]
            repeated = lower in words["iterative_markers"] and token.tag_ == "VBD"  # "repeatedly attacked"
            if child.dep_ in MODIFIERS and {child.lemma_.casefold(), lower} & set(words["habitual_markers"]) and (
                    not predicate and not repeated):  # "increasing success in shooting down": the lemma is "increase"
                return False  # but "fighting was ongoing in Niu-York" tells the fighting
            if child.dep_ == "prep" and lower == "since" and _a_period(child):
                return False  # "had killed 2,000 civilians since the start of the war"
        lemma = token.lemma_.casefold()
        below = chain[position - 1] if position > 0 else None
        # "attempted an offensive", "attempted to storm" (an attack), not "tried to capture" (an outcome);
        # "attempted to advance and shelled the village", "attempted to advance but were repelled"
        attempted = ("dobj", "xcomp") if attempt_happens else ("dobj",)
        realized = below is not None and (
            (lemma in words["realized_when_past"] and token.tag_ in ("VBD", "VBN") and below.dep_ in attempted)
            or (below.dep_ == "conj" and _past_finite(below))
            or (attempt_happens and _attempts_made(token, below)))
        continued = lemma in words["continued_when_past"] and token.tag_ == "VBD" and below is not None
        irrealis = lemma in words["irrealis_heads"] and not realized
        if irrealis or (lemma in words["habitual_markers"] and not continued):
            return False
    return not any(child.dep_ == "det" and child.lower_ in words["anaphoric_determiners"]
                   for child in trigger.children)
