"""From sentence frames to events: dates, implied roles, splitting and merging.

In order (``assemble``):
1. downing an aircraft or destroying a gun is a strike, not an interception;
2. ground fighting takes in what its sentence tells with it; mines and people shot are not strikes;
3. each frame is dated: its own day, else the nearest day the article names, else the article's date;
4. a toll told with no place goes to the event it belongs to; frames that say too little are dropped;
5. what a sentence leaves unsaid comes from the article: the opponent of the side that
   intercepted, the weapon of the nearest earlier frame, alert times in local time, an
   official's full name and side for the surname told again;
6. frames are split and merged as the events-table guidelines ask: one strike per (attacker,
   date, first-level region), one interception per (date, weapon class, scope), one alert per
   (date, scope), and apart for each side that reports them (conflicting claims stay side by side);
7. a strike on the day and in the region of a clash is part of it; a strike told only at country
   level ("an air attack on Ukraine") is folded into the regional strikes of its attacker and date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Token

from kg import gazetteer
from kg.extract import actors, event_weapons, lexicon
from kg.extract.frames import Frame, own_tokens
from kg.extract.modality import CLAUSE_EDGES
from kg.extract.time import DayMention, before_month_of, coarse_date, coarse_dates, interval
from kg.nlp import TRIGGERS, WEAPONS
from kg.records import Actor, Article, Event, EventDate, Place, Weapon

ROLE_KINDS = ("strike", "interception", "armed_clash")


def _date(frame: Frame, days: dict[int, list[DayMention]], article: Article) -> EventDate | None:
    """The frame's own day, else the nearest day the article names, else the article's date (of
    its precision: an article dated to the month dates its events to the month).
    """
    index = frame.sentence.index
    if frame.kind == "other":
        own = days.get(index)
        return own[0].date if own else coarse_date(frame.sentence.text, article.date)
    if days:
        nearest = min(days, key=lambda i: (abs(i - index), i > index))
        return days[nearest][0].date
    return EventDate(article.published, article.date_precision) if article.published else None


def _earlier_events_are_background(frames: list[Frame], days: dict[int, list[DayMention]], article: Article) -> None:
    """A strike, interception or clash told as of an earlier month or year than the article's, in
    an article that reports others ("Belgorod has come under attack since December, when a strike
    killed 25 people"), is a past event of that month (kind other), not one of the article's day.
    A note that tells only that one ("In March 2022, Russian forces shelled X") reports it."""
    if article.date is None:
        return
    earlier = {id(f): d for f in frames if f.kind in ROLE_KINDS and f.sentence.index not in days
               and (d := _earlier_month(f, article.date)) is not None}
    if not any(f.kind in ROLE_KINDS and id(f) not in earlier and (f.places or f.unknown_places) for f in frames):
        return  # nothing else placed: the note's own event
    for frame in frames:
        if id(frame) in earlier:
            frame.kind, frame.date, frame.weapon_counts = "other", earlier[id(frame)], []


def _earlier_month(frame: Frame, reference: dt.date) -> EventDate | None:
    """The month (or year) before ``reference``'s that the frame's trigger is told in: in its own
    clause ("a strike in December killed 25"), or in the time its clause tells of ("since December,
    when a strike killed 25"; not "where Ukrainian troops crossed the border in August, fighting
    continued")."""
    if not frame.triggers:
        return None
    clause = _clause(frame.triggers[0])
    sent = frame.triggers[0].sent
    for offset, date in coarse_dates(sent.text, reference):
        preposition = sent.char_span(offset, offset + 1, alignment_mode="expand")
        if preposition is None or not before_month_of(date, reference):
            continue
        if _clause(preposition[0]).i == clause.i or clause.head.head.i == preposition[0].i:
            return date
    return None


def _clause(token: Token) -> Token:
    """The head of the clause the word is in (a relative or adverbial clause, or the sentence)."""
    while token.dep_ not in CLAUSE_EDGES and token.head.i != token.i:
        token = token.head
    return token


def _opponent(side: str | None) -> str | None:
    known = lexicon.sides().get(side or "")
    return known.opponent or None if known else None


def _holder(places: list[Place]) -> str | None:
    """The side that holds the places: their country, or the side holding their region ("Sevastopol,
    Crimea": RU, ``sides.csv`` holds); None where they are in several countries or held by several."""
    holders = lexicon.holders()
    held = {holders.get(p.region, p.country) if p.kind != "country" else p.country for p in places}
    return held.pop() if len(held) == 1 else None


def _countries(places: list[Place]) -> list[str]:
    return sorted({p.country for p in places})


def _regions(places: list[Place]) -> list[str]:
    return sorted({p.region for p in places if p.kind in ("region", "settlement") and p.region})


def _fill_roles(frame: Frame, first_attacker: str | None) -> None:
    """Attacker, interceptor and place that the sentence implies but does not name."""
    if frame.kind == "interception":
        defender = frame.interceptor.side if frame.interceptor else None
        defender = defender or (frame.reporter.side if frame.reporter else None)
        defender = (defender or _holder(frame.places) or _opponent(frame.attacker)
                    or _opponent(first_attacker))
        frame.attacker = frame.attacker or _opponent(defender) or first_attacker
        if frame.interceptor is None and defender in lexicon.sides():
            frame.interceptor = actors.air_defence(defender)
        if not frame.places and defender:
            frame.places = [gazetteer.country(defender)]
    elif frame.kind == "armed_clash" and frame.attacker is None:  # fought by the side the article names
        frame.attacker = first_attacker or _opponent(_holder(frame.places))
    elif frame.kind in ROLE_KINDS and frame.attacker is None:
        frame.attacker = _opponent(_holder(frame.places)) or first_attacker


def _interceptable(weapon: Weapon) -> bool:
    """Can air defence intercept it? Munitions in flight: missiles, drones, bombs and the rockets of
    rocket launchers ("HIMARS rockets"); not aircraft, guns or launchers."""
    return lexicon.weapon_roles().get(weapon.name, "") in ("", "unguided") and weapon.weapon_class != "other"


def _platforms_downed_are_strikes(frames: list[Frame]) -> None:
    """Shooting down an aircraft or destroying a gun is a strike on it by the side that did it, also
    where the sentence names the missiles that did it ("fired Tochka-U missiles at the airbase,
    destroying 2 Russian aircraft"). An interception keeps the munitions and what launched them ("a
    Kh-59 missile launched by a Su-34 aircraft": missile and aircraft, as ACLED codes it)."""
    for frame in frames:
        if frame.kind != "interception" or not frame.weapons:
            continue
        munitions = [w for w in frame.weapons if _interceptable(w)]
        if munitions and not _platforms_downed(frame):
            frame.weapons = [*munitions, *(w for w in frame.weapons if w in _launchers(frame))]
            continue
        # by the side that downed it, else the other side than the one whose aircraft or gun it was
        owners = {actors.side_of(span.root) for span in _downed(frame)} - {None}
        owner = owners.pop() if len(owners) == 1 else frame.attacker
        side = frame.interceptor.side if frame.interceptor else _opponent(owner)
        downed = {span.kb_id_ for span in _downed(frame)}  # what did it: "a Lancet destroyed an M777 howitzer",
        used = [w for w in munitions if w.name not in downed]  # "destroyed a HIMARS launcher with an Iskander"
        frame.kind, frame.weapons, frame.weapon_counts, frame.interceptor = "strike", used, [], None
        frame.attacker = side


def _launchers(frame: Frame) -> dict[Weapon, set[str]]:
    """The platforms among an interception's weapons named as what launched its munitions, and the
    classes of the munitions each launched ("a Kh-59 missile launched by a Su-34 aircraft")."""
    launchers: dict[Weapon, set[str]] = {}
    for munition, platform in event_weapons.launched_by(frame.triggers[0].sent).items():
        weapon = next((w for w in frame.weapons if w == Weapon(platform.kb_id_, platform.label_)), None)
        launched = {w.weapon_class for w in frame.weapons if w.name == munition.kb_id_ and _interceptable(w)}
        if weapon is not None and launched:
            launchers.setdefault(weapon, set()).update(launched)
    return launchers


def _platforms_downed(frame: Frame) -> bool:
    """Are all the weapons the frame's words downed platforms ("destroying 2 Russian aircraft")?"""
    roles = lexicon.weapon_roles()
    downed = _downed(frame)
    return bool(downed) and all(roles.get(span.kb_id_) == "platform" for span in downed)


def _downed(frame: Frame) -> list:
    """The weapons the frame's words act on, or that name what they act on ("destroyed a HIMARS launcher")."""
    objects = {o.i for t in frame.triggers for c in t.children if c.dep_ in ("dobj", "nsubjpass")
               for o in (c, *c.conjuncts)}
    objects |= {c.i for t in frame.triggers[0].doc if t.i in objects for c in t.children if c.dep_ == "compound"} if (
        frame.triggers) else set()
    doc = frame.triggers[0].doc if frame.triggers else None
    return [span for span in (doc.spans[WEAPONS] if doc is not None else []) if span.root.i in objects]


def _fought_by_armed_forces(frame: Frame) -> bool:
    """Does the sentence name armed forces, or the arms of troops in contact ("shots involving small
    arms near Avdiivka"), or is it told by a word of combat itself ("positional battles")?"""
    roles = lexicon.weapon_roles()
    return (frame.armed_forces or any(roles.get(w.name) == "direct" for w in frame.weapons)
            or any(_combat_told(t) for t in frame.triggers))


def _combat_told(trigger: Token) -> bool:
    """Is the trigger a noun of combat told as taking place ("positional battles took place near
    Kreminna", "there were clashes", "engaged in combat"), not as what people fled ("had fled
    fighting in Donetsk province")?"""
    words = lexicon.fighting()
    if trigger.lower_ not in words["combat_nouns"] or (  # "fighting took place": a gerund the tagger calls a verb
            trigger.pos_ != "NOUN" and trigger.dep_ not in ("nsubj", "nsubjpass")):
        return False
    engaged = trigger.dep_ == "pobj" and trigger.head.head.lemma_.casefold() in words["offensive_verbs"]
    return trigger.dep_ in ("nsubj", "nsubjpass", "attr") or engaged


def _anchored(frame: Frame) -> bool:
    """Does the frame say enough to stand for an event of its own?"""
    if frame.kind == "strike":
        return bool(frame.places or frame.unknown_places or frame.counts)
    if frame.kind == "interception":
        return bool(frame.weapons or frame.weapon_counts)
    if frame.kind == "armed_clash":  # "following clashes, Ukrainian forces recaptured X" tells the recapture
        placed = bool(frame.places or frame.unknown_places)
        return placed and _fought_by_armed_forces(frame) and not frame.control_changed
    if frame.kind == "other":
        return frame.date is not None
    return True


def _scopes(places: list[Place], attacker: str | None) -> list[tuple[str, list[Place]]]:
    """Split places by first-level region (settlements go with their region); else one country scope.

    The country scope is the country attacked: the attacker's own country only if no other is named.
    """
    regions = _regions(places)
    if regions:
        return [(code, [p for p in places if p.region == code]) for code in regions]
    countries = [c for c in _countries(places) if c != attacker] or _countries(places)
    return [(countries[0] if countries else "", [p for p in places if p.kind == "country" and p.code == countries[0]])]


def _acled(kind: str, weapons: list[Weapon]) -> tuple[str, str]:
    """ACLED's event type and sub-type of an event of ``kind`` (for an event of kind "other" that
    is no background event, its ``other_class``): by the weapons' class where ``acled.csv`` names
    one, air and drone strikes before shelling ("launched an airstrike and fired artillery": an air
    strike), and guided missiles before both (missiles from bombers: a missile attack; rockets fired
    by a helicopter: an air strike)."""
    categories = lexicon.acled_categories()
    roles = lexicon.weapon_roles()
    classes = {w.weapon_class for w in weapons}
    guided = any(w.weapon_class == "missile" and roles.get(w.name) != "unguided" for w in weapons)
    for weapon_class in sorted(classes):
        if (kind, weapon_class) in categories and not guided:
            return categories[(kind, weapon_class)]
    return categories[(kind, "")]


def _merge(events: dict[tuple, Event], key: tuple, event: Event) -> None:
    old = events.get(key)
    if old is None:
        events[key] = event
        return
    counts = dict(old.counts)
    for name, value in event.counts.items():
        counts[name] = max(value, counts.get(name, value))
    events[key] = replace(
        old,
        sentences=tuple(sorted(set(old.sentences) | set(event.sentences), key=lambda s: s.index)),
        places=old.places + tuple(p for p in event.places if p not in old.places),
        place_names=old.place_names + tuple(n for n in event.place_names if n not in old.place_names),
        weapons=old.weapons + tuple(w for w in event.weapons if w not in old.weapons),
        counts=counts,
        start_time=old.start_time or event.start_time,
        end_time=old.end_time or event.end_time,
        duration=old.duration or event.duration,
        reported_by=old.reported_by or event.reported_by,
    )


def _acled_class(frame: Frame, places: list[Place]) -> str:
    """The row of ``acled.csv`` an event goes by: its kind, its class, or for ground changing hands
    its outcome: taken without fighting, taken back by the forces of the country it is in, or taken
    by another's."""
    if frame.other_class != "territory_change":
        return frame.other_class or frame.kind
    if frame.without_fighting:
        return "territory_handed_over"
    return "territory_regained" if frame.attacker and frame.attacker in _countries(places) else "territory_taken"


def _event(frame: Frame, doc_id: str, places: list[Place], weapons: list[Weapon], counts: dict[str, int]) -> Event:
    event_type, sub_type = _acled(_acled_class(frame, places), weapons)
    attacker: Actor | None = actors.armed_forces(frame.attacker) if frame.attacker in lexicon.sides() else None
    return Event(
        kind=frame.kind, doc_id=doc_id, sentences=(frame.sentence, *frame.also_from), date=frame.date,
        start_time=frame.start_time, end_time=frame.end_time, duration=frame.duration,
        attacker=attacker if frame.kind in ROLE_KINDS or frame.other_class else None,  # who shot the civilians
        interceptor=frame.interceptor, reported_by=frame.reporter,
        places=tuple(places), weapons=tuple(weapons), counts=counts,
        place_names=_place_names(frame, places),
        acled_event_type=event_type, acled_sub_event_type=sub_type,
        past_event_class=frame.past_class or None, other_class=frame.other_class or None,
    )


def _place_names(frame: Frame, places: list[Place]) -> tuple[str, ...]:
    """The event's settlements as the text writes them and the names the gazetteer does not know;
    with none, its regions as written ("over Vinnytsia region": Vinnytsia), as ACLED names an event
    placed in a region only."""
    def written(kind: str) -> list[str]:
        return [frame.place_names[p.code] for p in places if p.kind == kind and p.code in frame.place_names]
    names = [*written("settlement"), *frame.unknown_places]
    settled = names or any(p.kind == "settlement" for p in places)
    return tuple(dict.fromkeys(names if settled else written("region")))


def _inherit_weapons(frames: list[Frame]) -> None:
    """A strike that names no weapon takes the weapons of the nearest earlier frame of its attacker."""
    for i, frame in enumerate(frames):
        if frame.kind == "strike" and not frame.weapons:
            for other in sorted(frames[:i] + frames[i + 1:], key=lambda f: (f.sentence.index > frame.sentence.index,
                                                                       abs(f.sentence.index - frame.sentence.index))):
                if other.kind in ("strike", "interception") and other.weapons and other.attacker == frame.attacker:
                    frame.weapons = list(other.weapons)
                    break


def _full_names(frames: list[Frame]) -> None:
    """An official the article names again by surname is the same official ("Sergei Sobyanin" ... "Sobyanin")."""
    fuller = actors.full_names(actor for frame in frames for actor in (frame.reporter, frame.interceptor) if actor)
    for frame in frames:
        frame.reporter = fuller.get(frame.reporter, frame.reporter) if frame.reporter else None
        frame.interceptor = fuller.get(frame.interceptor, frame.interceptor) if frame.interceptor else None


def _casualties_only(frame: Frame) -> bool:
    """A strike frame that only tells a toll, with no place of its own ("1 civilian was wounded.",
    "The debris fell on a residential building, damaging it.")."""
    words = lexicon.counts()
    toll = {*words["killed_words"], *words["injured_words"], *words["damaged_words"], *words["debris_words"]}
    return (frame.kind == "strike" and not frame.places and bool(frame.counts)
            and all(t.lemma_.casefold() in toll for t in frame.triggers))


def _specific(frame: Frame) -> bool:
    return any(p.kind != "country" for p in frame.places)


def _toll_host(frame: Frame) -> bool:
    """Can a toll told on its own belong to this frame? A strike, clash or interception, or an
    attack that is no strike ("opened fire on a car with civilians", a mine), not a past event."""
    return frame.kind in ("strike", "interception", "armed_clash") or (frame.kind == "other" and not frame.past_class)


def _details_told_again(frames: list[Frame]) -> None:
    """A strike named again with the definite article, or weapons told used, with no place or toll
    of their own, tell who carried out the strike told just before, and with what, where that one
    does not ("A strike hit a bakery in Lysychansk. Russian authorities said the attack was carried
    out by Ukrainian forces with HIMARS rockets."; "A power plant was damaged in a Russian attack.
    Missiles and Shahed drones were used.")."""
    for i, frame in enumerate(frames):
        named_again = frame.triggers and all(t.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in t.children) for t in frame.triggers)
        if frame.kind != "strike" or frame.places or frame.unknown_places or frame.counts or not (
                named_again or frame.weapons):
            continue
        host = next((f for f in reversed(frames[:i]) if f.kind == "strike" and f.places
                     and f.sentence.index == frame.sentence.index - 1), None)
        if host is not None and host.attacker is None:
            host.attacker, host.reporter = frame.attacker, host.reporter or frame.reporter
        if host is not None and not host.weapons:
            host.weapons = list(frame.weapons)


def _attach_placeless(frames: list[Frame]) -> list[Frame]:
    """Give a toll told with no place to the event it belongs to.

    A toll told on its own ("1 civilian was wounded.") goes to the latest event told before it that
    can have one (``_toll_host``) with a place below the country, preferring those; after an
    interception it is the strike of that interception's debris ("Air defence destroyed 13 drones
    over the region. Debris damaged three buildings."), unless the toll is nil ("No casualties."):
    then it is the latest strike's told before it (the debris fell on a house, or the strike the
    interception was of), or with none nothing fell. A strike told with a toll but no place goes to
    the nearest strike with a place, the earlier on a tie. Either, with no such event, goes to an
    attack that is no strike told in the sentence just before it ("partisans blew up a car. As a
    result of the explosion, two men were injured."). A toll with no event to go to stays an event
    of its own, unless the article tells of no strike with a place: then it is no strike ("soldiers
    opened fire on a car. One woman was killed."). A clash told with no place but its country is the
    latest clash told with one ("... attacked positions near Popasna. Ukrainian forces repelled the
    attack, killing 5 fighters.").
    """
    strikes = [f for f in frames if f.kind == "strike" and f.places]
    kept: list[Frame] = []
    for frame in frames:
        index = frame.sentence.index
        if frame.kind == "armed_clash" and not (_specific(frame) or frame.unknown_places):
            host = next((f for f in reversed(kept) if f.kind == "armed_clash" and _specific(f)), None)
            if host is not None:  # "... attacked positions near Popasna. Ukrainian forces repelled the
                _give_toll(frame, host)  # attack, killing 5 fighters.", "... had been pushed back across the border"
                continue
        if frame.kind != "strike" or frame.places or frame.unknown_places or not frame.counts:
            kept.append(frame)
            continue
        if _casualties_only(frame):
            earlier = [f for f in kept if _toll_host(f) and f.places and f.sentence.index < index]
            host = next((f for f in reversed(earlier) if _specific(f)), earlier[-1] if earlier else None)
            if host is not None and host.kind == "interception" and not any(frame.counts.values()):
                host = next((f for f in reversed(earlier) if f.kind == "strike"), None)
                if host is None:
                    continue  # "shot down 2 drones over the region. No casualties.": nothing fell
            if host is not None and host.kind == "interception":
                host = replace(host, kind="strike", counts={}, weapon_counts=[], interceptor=None,
                               sentence=frame.sentence, also_from=[], triggers=frame.triggers,
                               places=list(host.places), weapons=list(host.weapons))
                strikes.append(host)
                kept.append(host)
        else:
            host = min(strikes, key=lambda f: (abs(f.sentence.index - index), f.sentence.index > index), default=None)
        if host is None:  # "opened fire on a car with civilians. One woman was killed.": that attack's
            host = next((f for f in reversed(kept) if f.kind == "other" and _toll_host(f)
                         and f.sentence.index == index - 1), None)
        if host is None:
            if frame.triggers and not (_casualties_only(frame) and not strikes):
                kept.append(frame)
            continue  # a toll with no event to tell it of
        _give_toll(frame, host)
    return kept


def _give_toll(frame: Frame, host: Frame) -> None:
    """Give the toll (and weapons) a frame told with no place to the event it belongs to."""
    for name, value in frame.counts.items():
        host.counts[name] = max(value, host.counts.get(name, value))
    host.weapons += [w for w in frame.weapons if w not in host.weapons]
    if frame.sentence != host.sentence:
        host.also_from.append(frame.sentence)


def _attacked(trigger: Token) -> list[Token]:
    """What an attack is on: the object of the verb, or of "on" or "against" after the noun."""
    if trigger.pos_ == "VERB":
        return [c for c in trigger.children if c.dep_ == "dobj"]
    return [o for c in trigger.children if c.lower_ in ("on", "against") for o in c.children if o.dep_ == "pobj"]


def _ground_attack(frame: Frame) -> bool:
    """Do armed forces attack with no weapon, and no object but the other side's positions or
    forces ("Russian forces unsuccessfully attacked near Synkivka", "conducted an unsuccessful
    attack near Synkivka", "launched an attack on Ukrainian positions", also "with the support of
    artillery"): an assault on the ground?"""
    words = lexicon.fighting()
    # a noun tells the attack as the action of its verb ("launched an attack"), not of another
    # ("air defence repelled an attack"); that verb is no attack of its own
    actions = {t.head.i for t in frame.triggers if t.pos_ == "NOUN" and t.dep_ == "dobj"
               and t.head.lemma_.casefold() in words["action_verbs"]}
    attacks = [t for t in frame.triggers if t.i not in actions]
    if not attacks or not frame.armed_forces:
        return False
    assaults = [t for t in attacks if (t.pos_ == "VERB" or (t.pos_ == "NOUN" and t.head.i in actions))
                and t.lemma_.casefold() in words["ground_attack_verbs"]
                and all(o.lower_ in words["position_nouns"] for o in _attacked(t))]
    if not frame.weapons or frame.supported:
        return len(assaults) == len(attacks)
    # the weapons are another trigger's: "shelled and then attacked Ukrainian positions", "struck a
    # depot with HIMARS rockets, while Russian forces attacked Ukrainian positions"
    return any(not _armed_clause(t, frame, actions) for t in assaults)


def _armed_clause(trigger: Token, frame: Frame, actions: set[int]) -> bool:
    """Does the trigger's own clause (not the clauses of the other triggers in it) name a weapon of
    the frame that is no support, or does the frame have a weapon no word names and no other
    trigger implies ("Russian air units attacked the positions")?"""
    doc, sent = trigger.doc, trigger.sent
    head = trigger.head if trigger.head.i in actions else trigger  # "launched an attack on X with drones"
    others = [t for t in frame.triggers if t.i != trigger.i]
    own = own_tokens([head], others)
    names = {w.name for w in frame.weapons}
    spans = [s for s in doc.spans[WEAPONS] if sent.start <= s.start < sent.end]
    if any(s.root.i in own and s.kb_id_ in names and not event_weapons.supports(s) for s in spans):
        return True
    triggers = lexicon.triggers()
    implied = {triggers[s.label_].weapon_class for s in doc.spans[TRIGGERS] if s.root in others}
    unnamed = [w for w in frame.weapons if w.name not in {s.kb_id_ for s in spans}]
    return any(w.weapon_class not in implied for w in unnamed)


def _explosives_told_next(frame: Frame, frames: list[Frame]) -> list[Weapon]:
    """The planted explosives the next sentence tells, with no place of its own, did what the frame
    tells ("An explosion went off near a building in Luhansk. Officials said an improvised explosive
    device was used."); else none."""
    roles = lexicon.weapon_roles()
    return next((list(other.weapons) for other in frames if other.sentence.index == frame.sentence.index + 1
                 and other.weapons and not other.places
                 and all(roles.get(w.name) == "explosive" for w in other.weapons)), [])


def _absorb_into_clashes(frames: list[Frame], days: dict[int, list[DayMention]]) -> list[Frame]:
    """Ground fighting takes in what its sentence tells with it.

    An offensive carried out on a given day is fighting, not a past event; fire from small arms (not
    at civilians), and armed forces attacking with no object or weapon ("attacked near Synkivka"),
    are a clash, not a strike; shelling told in the same sentence as a clash is part of the clash,
    unless it struck another region, or the other side fired it, told as its own action ("Ukrainian
    forces struck a depot in Svatove, while Russian forces attacked positions near Bilohorivka"; not
    "were turned back by the Ukrainian artillery attack").
    The blast of a mine or planted device, an attack by irregulars with no weapon of war named
    ("partisans detonated a device"), and people shot, are other events, not strikes.
    """
    roles = lexicon.weapon_roles()
    for frame in frames:
        if frame.kind == "other" and frame.under_way and frame.sentence.index in days:
            frame.kind, frame.past_class = "armed_clash", ""
        direct = any(roles.get(w.name) == "direct" for w in frame.weapons)
        if frame.kind == "strike" and not frame.against_civilians and (direct or _ground_attack(frame)):
            frame.kind = "armed_clash"
        if frame.kind == "strike" and not frame.weapons:
            frame.weapons = _explosives_told_next(frame, frames)
        explosives = bool(frame.weapons) and all(roles.get(w.name) == "explosive" for w in frame.weapons)
        explosives = explosives or (not frame.weapons and frame.irregulars)  # "partisans detonated a device"
        if frame.kind == "strike" and (explosives or frame.against_civilians):  # not a remote attack
            frame.kind, frame.other_class = "other", "remote_explosive" if explosives else "attack_on_civilians"
    clashes: dict[int, Frame] = {}
    for frame in frames:
        if frame.kind == "armed_clash":
            clashes.setdefault(frame.sentence.index, frame)
    kept = []
    for frame in frames:
        clash = clashes.get(frame.sentence.index)
        if (clash is None or clash is frame or frame.kind not in ("strike", "armed_clash")
                or (_other_sides(frame.attacker, clash.attacker) and _told_by_its_side(frame))
                or _apart(frame, clash)):
            kept.append(frame)
            continue
        clash.places += [p for p in frame.places if p not in clash.places]
        clash.unknown_places += [n for n in frame.unknown_places if n not in clash.unknown_places]
        clash.weapons += [w for w in frame.weapons if w not in clash.weapons]
        for name, value in frame.counts.items():
            clash.counts[name] = max(value, clash.counts.get(name, value))
        clash.attacker = clash.attacker or frame.attacker
    return kept


def _apart(frame: Frame, clash: Frame) -> bool:
    """Does the frame name regions, and none of the clash's ("shelled Kupiansk, Kharkiv, and clashed
    with Ukrainian forces near Novoselivske, Luhansk")?"""
    regions, theirs = set(_regions(frame.places)), set(_regions(clash.places))
    return bool(regions and theirs) and not regions & theirs


def _told_by_its_side(frame: Frame) -> bool:
    """Is the frame told by a verb whose own subject names the frame's attacker ("Ukrainian forces
    struck"; not "repelled a Ukrainian offensive, destroying 8 tanks", whose subject is the repelling's)?"""
    subjects = [c for t in frame.triggers if t.pos_ == "VERB" for c in t.children if c.dep_ == "nsubj"]
    return any(actors.side_of(s) == frame.attacker for s in subjects)


def _other_sides(attacker: str | None, other: str | None) -> bool:
    """Are both attackers known, and not the same side?"""
    return None not in (attacker, other) and attacker != other


def _clashes_fought_where_told_before(frames: list[Frame]) -> None:
    """A clash told with no place and a pronoun for its fighters ("They clashed with Ukrainian
    forces and were repelled.") is fought where the sentence before put its event."""
    for frame in frames:
        if frame.kind != "armed_clash" or frame.places:
            continue
        fighters = [actors.subject(t) for t in frame.triggers if t.pos_ == "VERB"]
        if not any(f is not None and f.pos_ == "PRON" for f in fighters):
            continue
        before = [f for f in frames if f.sentence.index == frame.sentence.index - 1 and f.places]
        if before:
            frame.places = list(before[-1].places)


def _unknown_places_in_the_region_told_before(frames: list[Frame]) -> None:
    """A village the gazetteer does not know, named with no region in a later sentence, is in the
    one region the article named before it ("... in the direction of Melitopol, Zaporizhia. Heavy
    fighting was reported near Robotyne.": Zaporizhia), where it named only one."""
    for frame in frames:
        if frame.kind not in ("strike", "armed_clash") or frame.places or not frame.unknown_places:
            continue
        before = [p for f in frames if f.sentence.index < frame.sentence.index for p in f.places]
        regions = {p.region for p in before if p.kind != "country"}
        if len(regions) == 1 and None not in regions:
            frame.places = [gazetteer.region(regions.pop())]


def _launches_of_an_interception_note(frames: list[Frame]) -> list[Frame]:
    """A coder's note labelled an interception ("Interception: ... Russian forces launched 10 drones
    at the Odesa region, of which air defence shot down 8") codes the launch as the interception's,
    not as a strike of its own: a strike told only by a verb of launching, with no toll, is dropped."""
    doc = next((f.triggers[0].doc for f in frames if f.triggers), None)
    if doc is None or len(doc) < 2 or doc[1].text != ":":
        return frames
    label = next((s for s in doc.spans[TRIGGERS] if s.start == 0 and s.end == 1), None)
    if label is None or lexicon.triggers()[label.label_].kind != "interception":
        return frames
    launching = set(lexicon.fighting()["launch_verbs"])
    return [f for f in frames if not (f.kind == "strike" and not f.counts and f.triggers
                                      and all(t.lemma_.casefold() in launching for t in f.triggers))]


def _launched_told_before(frames: list[Frame]) -> None:
    """Weapons launched in one sentence and intercepted in the next ("Russia fired 122 missiles and
    36 drones ... Air defences shot down 87 missiles and 27 drones"): the launched go with the
    interception of their class, not the strike (where the strike keeps those no interception takes)."""
    for interception in (f for f in frames if f.kind == "interception"):
        before = [f for f in frames if f.kind == "strike" and f.launched
                  and f.sentence.index == interception.sentence.index - 1]
        for count in interception.weapon_counts:
            if count.launched is not None or not count.intercepted:
                continue
            strike = next((f for f in before if f.launched.get(count.weapon_class, 0) >= count.intercepted), None)
            if strike is None:
                continue
            count.launched = strike.launched.pop(count.weapon_class)
            if strike.launched:
                strike.counts["launched"] = max(strike.launched.values())
            else:
                strike.counts.pop("launched", None)


def assemble(frames: list[Frame], days: dict[int, list[DayMention]], article: Article,
             shares: dict[int, dict[str, int]] | None = None) -> list[Event]:
    """Date, complete, filter, split and merge the frames of an article into events; ``shares``,
    by sentence index, are a coder's shares of a toll split between events
    (``kg.extract.counts.coded_shares``): the counts of the event told in that sentence."""
    _platforms_downed_are_strikes(frames)
    frames = _launches_of_an_interception_note(frames)
    _launched_told_before(frames)
    _clashes_fought_where_told_before(frames)
    _unknown_places_in_the_region_told_before(frames)
    frames = _absorb_into_clashes(frames, days)
    for frame in frames:
        frame.date = _date(frame, days, article)
    _earlier_events_are_background(frames, days, article)
    _details_told_again(frames)
    frames = [f for f in _attach_placeless(frames) if _anchored(f)]
    first_attacker = next((f.attacker for f in frames if f.attacker and f.kind in ROLE_KINDS), None)
    for frame in frames:
        _fill_roles(frame, first_attacker)
        if frame.kind == "air_raid_alert" and frame.date and frame.date.precision == "day":
            countries = _countries(frame.places)
            day = dt.date.fromisoformat(frame.date.value)
            frame.start_time, frame.end_time, frame.duration = interval(
                frame.sentence.text, day, countries[0] if countries else None)
            if frame.start_time or frame.end_time:
                frame.date = EventDate(frame.date.value, "hour")  # the day, with times known to the hour
    _inherit_weapons(frames)
    _full_names(frames)
    pieces: list[tuple[tuple, Event]] = []
    for frame in frames:
        date = frame.date.value if frame.date else ""
        if frame.kind == "interception":
            classes = frame.weapon_counts or []
            launchers = _launchers(frame)
            frame_classes = sorted({w.weapon_class for w in frame.weapons if w not in launchers}) or [""]
            for weapon_class in frame_classes:
                counted = next((c for c in classes if c.weapon_class == weapon_class), None)
                if counted is None and len(frame_classes) == 1:  # a count of no class: of the one class told
                    counted = next((c for c in classes if c.weapon_class == ""), None)
                counts = {k: v for k, v in (("intercepted", counted and counted.intercepted),
                                            ("launched", counted and counted.launched)) if v is not None}
                weapons = [w for w in frame.weapons if w.weapon_class == weapon_class and w not in launchers]
                weapons += [w for w, launched in launchers.items() if weapon_class in launched]
                scope = ",".join(_regions(frame.places)) or ",".join(_countries(frame.places))
                pieces.append((("interception", date, weapon_class, scope),
                               _event(frame, article.doc_id, frame.places, weapons, counts)))
        elif frame.kind in ("strike", "armed_clash"):
            scopes = _scopes(frame.places, frame.attacker)
            for scope, places in scopes:
                counts = frame.counts if len(scopes) == 1 else {}
                pieces.append(((frame.kind, frame.attacker, date, scope),
                               _event(frame, article.doc_id, places, frame.weapons, counts)))
        elif frame.kind == "air_raid_alert":
            scope = ",".join(_regions(frame.places)) or ",".join(_countries(frame.places))
            pieces.append((("air_raid_alert", date, scope), _event(frame, article.doc_id, frame.places, [], {})))
        else:
            counts = {} if frame.past_class else frame.counts  # a past event's background tells no toll of it
            weapons = frame.weapons if frame.other_class else []  # a mine, not a past event's weapons
            event = _event(frame, article.doc_id, frame.places, weapons, counts)
            pieces.append((("other", frame.sentence.index, frame.past_class, frame.other_class), event))
    events: dict[tuple, Event] = {}
    for key, event in _by_claimant(pieces):
        _merge(events, key, event)
    return [_with_shares(e, shares or {}) for e in _fold_country_strikes(_strikes_into_clashes(events, article.text))]


def _with_shares(event: Event, shares: dict[int, dict[str, int]]) -> Event:
    """The event with the shares of a split toll its sentences give ("41 fatalities split between 4
    events": 10), in place of the whole toll."""
    told = {name: value for s in event.sentences for name, value in shares.get(s.index, {}).items()}
    return replace(event, counts={**event.counts, **told}) if told else event


def _by_claimant(pieces: list[tuple[tuple, Event]]) -> list[tuple[tuple, Event]]:
    """Add to each merge key the side that reported the event, so that conflicting claims
    ("Russia said it downed 10 drones; Ukraine said 5") stay side by side. What no side is
    said to report goes with the first side that reported the same event."""
    sides: dict[tuple, list[str]] = {}
    for key, event in pieces:
        side = event.reported_by.side if event.reported_by else None
        if side and side not in sides.setdefault(key, []):
            sides[key].append(side)
    keyed = []
    for key, event in pieces:
        side = event.reported_by.side if event.reported_by and event.reported_by.side else None
        keyed.append(((*key, side or next(iter(sides.get(key, [])), "")), event))
    return keyed


def _strikes_into_clashes(events: dict[tuple, Event], text: str) -> dict[tuple, Event]:
    """A strike on the day and in the region of a clash the article tells is the clash's fire support,
    where it is told in a paragraph that tells of the clash, struck where the fighting was, or names
    no town ("clashed near Berestove. Russian forces also shelled Bakhmut"; not a paragraph of its
    own, "Russian shelling killed two civilians in Kostiantynivka"), unless it is the other side's, told
    on its own in the clash's sentence (``_absorb_into_clashes``)."""
    clashes = {(k[2], r): k for k, e in events.items() if k[0] == "armed_clash" for r in _regions(list(e.places))}
    for key, event in list(events.items()):
        if key[0] != "strike":
            continue
        host = next((clashes[(key[2], r)] for r in _regions(list(event.places)) if (key[2], r) in clashes), None)
        if host is None or (_other_sides(key[1], host[1])  # the sentence told them apart
                            and {x.index for x in event.sentences} <= {x.index for x in events[host].sentences}):
            continue
        towns = {p for p in event.places if p.kind == "settlement"}
        lines = {text.count("\n", 0, s.start) for s in events[host].sentences}
        if not towns or towns & set(events[host].places) or any(text.count("\n", 0, s.start) in lines
                                                                for s in event.sentences):
            del events[key]
            _merge(events, host, replace(event, kind="armed_clash", places=events[host].places))
    return events


def _fold_country_strikes(events: dict[tuple, Event]) -> list[Event]:
    """Fold a country-level strike into the regional strikes of its attacker and date.

    Without counts it only summarises them and is dropped; with counts it is merged into the
    regional strike when there is exactly one ("missiles that struck a city in central Ukraine
    killed 23", told of the strike on Vinnytsia), and kept apart otherwise.
    """
    regional: dict[tuple, list[tuple]] = {}
    for key, event in events.items():
        if key[0] == "strike" and _regions(list(event.places)):
            regional.setdefault((key[1], key[2]), []).append(key)
    for key, event in list(events.items()):
        if key[0] != "strike" or _regions(list(event.places)) or (key[1], key[2]) not in regional:
            continue
        hosts = regional[(key[1], key[2])]
        if event.counts and len(hosts) != 1:
            continue
        del events[key]
        if event.counts:
            _merge(events, hosts[0], replace(event, places=()))
    return list(events.values())
