"""Time: dates and clock times in a sentence, resolved against the article's date.

Weekday names resolve to the latest such day on or before the article's date ("Sunday" in
an article of Tuesday 2023-11-07 is 2023-11-05); "yesterday" is the day before (the day
before the date of a report the sentence names: "On 10 October, the administration reported that
yesterday ..."); "the next day" is the day after the one told before; explicit dates ("14 July
2022", "July 14, 2022", "on July 14", "2024-02-29", "29.10.2022") are taken as written; "in June" and
"in 2014" give month and year precision; "Tuesday night" is the night into Wednesday; a day
on which something was said ("said on Tuesday") is not the day it happened, unless the
sentence names no other ("As reported on 5 May 2023, ..."). Clock times
("6 a.m. local time") are placed in the timezone of the country where the event happened.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from kg.extract import lexicon
from kg.extract.counts import parse_number
from kg.gazetteer import one_edit_apart
from kg.records import EventDate

MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name}
WEEKDAYS = {name.casefold(): i for i, name in enumerate(calendar.day_name)}
# every date of day precision names a month, a weekday or "yesterday": each holds one of these
DAY_WORDS = (*(name.casefold() for name in calendar.month_abbr if name),
             *WEEKDAYS, "yesterday")
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(" + "|".join(WEEKDAYS) + ")"

DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
MONTH_DAY = re.compile(rf"\b(?:on|since|from|of)\s+{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
DAY_MONTH = re.compile(rf"\bon\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b", re.I)
WEEKDAY = re.compile(rf"\b(last\s+|next\s+)?{_WEEKDAY}(\s+night)?\b", re.I)
YESTERDAY = re.compile(r"\byesterday\b", re.I)
NEXT_DAY = re.compile(r"\b(?:the\s+)?(?:next|following)\s+day\b", re.I)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")  # "2024-02-29: Russian forces shelled ..."
DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")  # "On 29.10.2022, ..."
NUMERIC_DATE = re.compile(r"\d[-.]\d")
DAY_WORD_YEAR = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{5,10})\s+(\d{4})\b")  # "20 Janaury 2024": a month misspelt
IN_MONTH = re.compile(rf"\b(?:in|since)\s+(?:early\s+|late\s+|mid-)?{_MONTH}(?:\s+(\d{{4}}))?\b", re.I)
IN_YEAR = re.compile(r"\bin\s+(\d{4})\b", re.I)
CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?=\W|$)", re.I)
CLOCK_24 = re.compile(r"\b(?:at|until|till|from|by)\s+([01]?\d|2[0-3]):([0-5]\d)\b", re.I)
LASTED = re.compile(r"\blast(?:ed|ing)\s+(?:for\s+)?(?:about\s+|approximately\s+|around\s+|nearly\s+|almost\s+|"
                    r"some\s+|over\s+|more than\s+)?(\w+(?:-\w+)?)\s+hours?\b", re.I)
REPORTED = re.compile(r"\b(?:" + "|".join(lexicon.modality()["reporting_forms"]) + r")\s+(?:on\s+)?$", re.I)
END_WORDS = re.compile(r"\b(?:lifted|ended|called off|cancelled|canceled|until|till|over)\b", re.I)


@dataclass(frozen=True)
class DayMention:
    """A date found in a sentence, with its character offset in the sentence."""

    date: EventDate
    offset: int
    said: bool = False  # the day something was said ("said on Tuesday"), not when it happened


def _weekday_date(weekday: int, reference: dt.date, modifier: str) -> dt.date | None:
    if modifier.strip().casefold() == "next":
        return None
    delta = (reference.weekday() - weekday) % 7
    return reference - dt.timedelta(days=delta)


def _misspelt_month(word: str) -> int | None:
    """The month a word one letter off its name names ("Janaury", "Feburary"; not a month's own name)."""
    word = word.casefold()
    if word in MONTHS:
        return None
    return next((number for name, number in MONTHS.items() if len(name) >= 5 and one_edit_apart(word, name)), None)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, reference: dt.date | None) -> int | None:
    """The year of a month named without one: the latest such month on or before the reference."""
    if reference is None:
        return None
    return reference.year if month <= reference.month else reference.year - 1


def day_mentions(text: str, reference: dt.date | None, precision: str = "day") -> list[DayMention]:
    """Dates of day precision written in ``text``, in order of appearance, each marked whether it
    is the day something was said.

    ``reference`` is the article's date; weekdays and "yesterday" need it to the day
    (``precision`` "day"), a month and day without a year need its year.
    """
    lower = text.casefold()
    if not any(word in lower for word in DAY_WORDS) and not NUMERIC_DATE.search(text):  # most sentences: quicker
        return []
    found: list[tuple[int, dt.date | None]] = []
    for match in DAY_MONTH_YEAR.finditer(text):
        day = _safe_date(int(match[3]), MONTHS[match[2].casefold()], int(match[1]))
        found.append((match.start(), day))
    for match in MONTH_DAY_YEAR.finditer(text):
        day = _safe_date(int(match[3]), MONTHS[match[1].casefold()], int(match[2]))
        found.append((match.start(), day))
    for match in DAY_WORD_YEAR.finditer(text):
        month = _misspelt_month(match[2])
        if month is not None:
            found.append((match.start(), _safe_date(int(match[3]), month, int(match[1]))))
    for match in ISO_DATE.finditer(text):
        found.append((match.start(), _safe_date(int(match[1]), int(match[2]), int(match[3]))))
    for match in DOTTED_DATE.finditer(text):
        found.append((match.start(), _safe_date(int(match[3]), int(match[2]), int(match[1]))))
    taken = {start for start, _ in found}
    for pattern, month_group, day_group in ((MONTH_DAY, 1, 2), (DAY_MONTH, 2, 1)):
        for match in pattern.finditer(text):
            month = MONTHS[match[month_group].casefold()]
            year = _year_for(month, reference)
            if year is not None and not any(abs(match.start() - s) < 12 for s in taken):
                found.append((match.start(), _safe_date(year, month, int(match[day_group]))))
    if reference is not None and precision == "day":
        for match in WEEKDAY.finditer(text):
            day = _weekday_date(WEEKDAYS[match[2].casefold()], reference, match[1] or "")
            if day is not None and match[3] and day < reference:
                day += dt.timedelta(days=1)  # "Tuesday night": the attack of the night into Wednesday
            if not any(abs(match.start() - s) < 20 for s in taken):
                found.append((match.start(), day))
    said_days: set[int] = set()
    for match in YESTERDAY.finditer(text):
        # "On 10 October, the administration reported that yesterday ...": the day before the report's
        told = [(start, day) for start, day in found if start in taken and start < match.start() and day is not None]
        if told:
            said_days.add(told[-1][0])
            found.append((match.start(), told[-1][1] - dt.timedelta(days=1)))
        elif reference is not None and precision == "day":
            found.append((match.start(), reference - dt.timedelta(days=1)))
    return [DayMention(EventDate(day.isoformat(), "day"), start,
                       said=start in said_days or bool(REPORTED.search(text[max(0, start - 30):start])))
            for start, day in sorted(found, key=lambda item: item[0]) if day is not None]


def event_days(text: str, reference: dt.date | None, precision: str = "day") -> list[DayMention]:
    """The days on which what ``text`` tells happened: the days it names, not the day something
    was said ("said on Tuesday"), unless it names no other: then what it tells was reported that
    day, which is the nearest day told ("said on Tuesday it had intercepted 24 drones overnight",
    "As reported on 5 May 2023, Russian forces shelled ...")."""
    mentions = day_mentions(text, reference, precision)
    happened = [m for m in mentions if not m.said]
    return happened or [m for m in mentions if m.said][:1]


def following_day(text: str, before: list[DayMention]) -> list[DayMention]:
    """The day after the last day told before, where ``text`` tells of "the next day" or "the
    following day" ("On 21 January, ... The next day, Russian forces shelled Siversk")."""
    match = NEXT_DAY.search(text)
    last = before[-1].date if before else None
    if match is None or last is None or last.precision != "day":
        return []
    day = dt.date.fromisoformat(last.value) + dt.timedelta(days=1)
    return [DayMention(EventDate(day.isoformat(), "day"), match.start())]


def before_month_of(date: EventDate, reference: dt.date) -> bool:
    """Is a month or year date before the month (or year) of ``reference``?"""
    if date.precision == "month":
        return date.value < f"{reference.year:04d}-{reference.month:02d}"
    return date.precision == "year" and int(date.value) < reference.year


def coarse_date(text: str, reference: dt.date | None) -> EventDate | None:
    """A month ("in June", "since December, when ...") or year ("in 2014") named in ``text``, for past events."""
    found = coarse_dates(text, reference)
    return found[0][1] if found else None


def coarse_dates(text: str, reference: dt.date | None) -> list[tuple[int, EventDate]]:
    """The months, then the years, ``text`` names ("in June", "in 2014"), each with the offset of its
    preposition."""
    found = []
    for match in IN_MONTH.finditer(text):
        month = MONTHS[match[1].casefold()]
        year = int(match[2]) if match[2] else _year_for(month, reference)
        if year is not None:
            found.append((match.start(), EventDate(f"{year:04d}-{month:02d}", "month")))
    return found + [(match.start(), EventDate(match[1], "year")) for match in IN_YEAR.finditer(text)]


def clock_times(text: str) -> list[tuple[int, dt.time]]:
    """Clock times in ``text`` ("6 a.m.", "at 23:15") with their offsets."""
    times = []
    for match in CLOCK.finditer(text):
        hour, minute = int(match[1]) % 12, int(match[2] or 0)
        if match[3].casefold().startswith("p"):
            hour += 12
        if minute < 60:
            times.append((match.start(), dt.time(hour, minute)))
    for match in CLOCK_24.finditer(text):
        times.append((match.start(1), dt.time(int(match[1]), int(match[2]))))
    return sorted(times, key=lambda item: item[0])


def duration(text: str) -> dt.timedelta | None:
    """How long something lasted ("lasted for approximately three hours")."""
    match = LASTED.search(text)
    if not match:
        return None
    hours = parse_number(match[1])
    return dt.timedelta(hours=hours) if hours else None


def interval(text: str, day: dt.date, country: str | None) -> tuple[dt.datetime | None, dt.datetime | None,
                                                                      dt.timedelta | None]:
    """Start, end and duration of what ``text`` reports on ``day``, in the country's local time.

    A clock time after a word of ending ("lifted at 6 a.m.", "until 6 a.m.") is the end, any
    other the start; with a duration, the missing end is derived from the other.
    """
    side = lexicon.sides().get(country or "")
    zone = ZoneInfo(side.timezone) if side else dt.UTC
    start = end = None
    for offset, clock in clock_times(text):
        moment = dt.datetime.combine(day, clock, tzinfo=zone)
        if END_WORDS.search(text[max(0, offset - 40):offset]):
            end = end or moment
        else:
            start = start or moment
    lasted = duration(text)
    if lasted is not None:
        if end is not None and start is None:
            start = end - lasted
        elif start is not None and end is None:
            end = start + lasted
    return _fixed(start), _fixed(end), lasted


def _fixed(moment: dt.datetime | None) -> dt.datetime | None:
    """The moment with its UTC offset frozen (so it prints as ``+02:00``, not a zone name)."""
    if moment is None:
        return None
    offset = moment.utcoffset()
    return moment.replace(tzinfo=dt.timezone(offset)) if offset is not None else moment
