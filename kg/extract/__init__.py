"""Extraction: a parsed article (spaCy ``Doc`` with kg's spans) to event records.

    frames.py    what each sentence reports (triggers, places, weapons, counts, actors)
    event_places.py, event_weapons.py   where a sentence puts its events, and with what weapons
    modality.py  what did not happen (negated, hypothetical, habitual, anaphoric)
    assemble.py  frames to events: dates, implied roles, splitting and merging
    places.py, time.py, counts.py, actors.py, lexicon.py   the pieces they use
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.records import Article, Event, Sentence


def extract_events(doc: Doc, article: Article) -> list[Event]:
    """The events an article reports, each traced to the sentences it was read from."""
    from kg.extract.assemble import assemble
    from kg.extract.counts import coded_shares
    from kg.extract.frames import sentence_frames
    from kg.extract.time import DayMention, event_days, following_day

    frames, days, shares = [], {}, {}
    told: list[DayMention] = []  # the days the latest sentence to tell any told
    for index, sent in enumerate(doc.sents):
        sentence = Sentence(index, sent.start_char, sent.end_char, sent.text)
        share = coded_shares(sent)
        if share:
            shares[index] = share
        frames.extend(sentence_frames(sent, sentence, share))
        mentions = event_days(sentence.text, article.date, article.date_precision) or following_day(sentence.text, told)
        if mentions:
            days[index] = told = mentions
    return assemble(frames, days, article, shares)
