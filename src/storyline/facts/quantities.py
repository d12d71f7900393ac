"""Quantities stated in a sentence: distances, durations, speeds, people, money, percentages, ...

``QuantityFinder`` reads a ``Sentence`` and returns a ``Quantity`` for every amount it states,
with offsets into the article text. One compiled regular expression finds numbers with their
units, approximation words before them and qualifier phrases around them; pint converts the
units that were found to base units (it never sees the text).

Kinds, and what ``unit``, ``normalized`` and ``base_unit`` hold:

- distance, duration, speed, mass, area, volume, temperature: ``unit`` is the pint name of the
  written unit ("kilometer", "mile", "hour", "kilometer / hour"); ``normalized`` is in the base
  unit "meter", "second", "meter / second", "kilogram", "meter ** 2", "meter ** 3", "kelvin".
- age ("the 35-year-old", "aged 35", "a six-month-old"): ``base_unit`` "year".
- money: ``unit`` and ``base_unit`` are the ISO 4217 code ("USD" for "$", "dlrs", "dollars");
  ``value == normalized``, the scale multiplied out ("$2.6 million" -> 2600000.0).
- percentage: "percent" or "percentage point"; ``value == normalized``.
- people and count: ``unit == base_unit`` is the noun's lemma ("passenger", "person",
  "carriage"); people when the noun names people, count otherwise; ``value == normalized``.
- magnitude (earthquakes): ``unit == base_unit == "magnitude"``.

Not quantities: years ("in 2019", "the 1998 elections"), dates ("February 26"), clock times
("8:15", "8h30"), ordinals ("2nd"), vague amounts ("dozens of", "thousands of miles"). A
four-digit number from 1000 to 2100 written without a comma counts people or things only after
an approximation word ("some 1500 people"): news style writes "1,500 people" and "the 1998
elections". "a"/"an" is one only before a unit ("a week", "an hour"), never before a noun.

``approximate`` is set by a word before the number ("about", "nearly", "more than", "over",
"up to", ...), by "-odd", "-plus" or "or so", and on both ends of a range ("between 17 and 21
cars", "two or three days" give one quantity per end). ``text`` starts at the approximation word.

``qualifier`` names how a distance, duration or speed was measured, in a canonical phrase:
"as the crow flies" (also "straight-line", "in a straight line"), "by road" ("by car", "drive"),
"by rail" ("by train", "train journey", "rail track"), "by air" ("flight"), "by sea", "on foot"
or "round trip". A quantity takes the nearest qualifier phrase of its clause, at most
``MAX_QUALIFIER_GAP`` characters away with no comma, semicolon, colon, bracket or dash between
them, except a comma that sets the qualifier off ("As the crow flies, the towns are 2,900 km
apart"). A restatement in brackets ("170 km (105 miles)") shares the qualifier.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

from storyline.errors import ConfigError
from storyline.facts.numbers import (
    NUMBER_WORD_STARTS,
    NUMBER_WORDS,
    NUMERAL,
    SCALE_WORD,
    alternation,
    capitalized,
    parse_number,
    scale_value,
)
from storyline.model import Quantity, Sentence

if TYPE_CHECKING:
    import pint

MAX_QUALIFIER_GAP = 60
"""Most characters between a quantity and the qualifier phrase that applies to it."""
_CLAUSE_MARKS = ",;:()[]–—"

_MEASURED = MappingProxyType(
    {
        "distance": "meter",
        "duration": "second",
        "speed": "meter / second",
        "mass": "kilogram",
        "area": "meter ** 2",
        "volume": "meter ** 3",
        "temperature": "kelvin",
        "pressure": "pascal",
        "age": "year",
    }
)
KINDS = frozenset(_MEASURED) | {"money", "percentage", "people", "count", "magnitude"}
"""Every kind a ``QuantityFinder`` reports."""
# Units pint names otherwise: its "decade" is a logarithmic ratio, not ten years.
_PINT_MULTIPLES = MappingProxyType({"decade": ("year", 10.0)})
_QUALIFIED_KINDS = frozenset({"distance", "duration", "speed"})

# (kind, unit, written forms). A unit is a pint unit name for the measured kinds, an ISO 4217 code
# for money. A form of four letters or more matches in any case; a shorter one or one with a
# symbol matches as written. A space in a form matches any white space.
_UNITS: tuple[tuple[str, str, str], ...] = (
    ("distance", "kilometer", "km|kms|Km|KM|kilometre|kilometres|kilometer|kilometers"),
    ("distance", "meter", "m|metre|metres|meter|meters"),
    ("distance", "centimeter", "cm|centimetre|centimetres|centimeter|centimeters"),
    ("distance", "millimeter", "mm|millimetre|millimetres|millimeter|millimeters"),
    ("distance", "mile", "mi|mile|miles"),
    ("distance", "nautical_mile", "nmi|nautical mile|nautical miles"),
    ("distance", "foot", "ft|foot|feet"),
    ("distance", "yard", "yd|yds|yard|yards"),
    ("distance", "inch", "inch|inches"),
    ("duration", "second", "sec|secs|second|seconds"),
    ("duration", "minute", "min|mins|minute|minutes"),
    ("duration", "hour", "h|hr|hrs|hour|hours"),
    ("duration", "day", "day|days"),
    ("duration", "week", "week|weeks"),
    ("duration", "fortnight", "fortnight|fortnights"),
    ("duration", "month", "month|months"),
    ("duration", "year", "yr|yrs|year|years"),
    ("duration", "decade", "decade|decades"),
    ("duration", "century", "century|centuries"),
    (
        "speed",
        "kilometer / hour",
        "km/h|km/hr|kmh|kph|kmph|Km/h|KPH|km per hour|km an hour|kilometres per hour"
        r"|km\/h|km\/hr|Km\/h"  # as JSON escapes a slash, in text scraped from JSON
        "|kilometers per hour|kilometre per hour|kilometer per hour|kilometres an hour"
        "|kilometers an hour",
    ),
    ("speed", "mile / hour", "mph|MPH|miles per hour|mile per hour|miles an hour"),
    ("speed", "knot", "kt|kts|knot|knots"),
    ("speed", "meter / second", r"m/s|m\/s|metres per second|meters per second"),
    ("mass", "kilogram", "kg|kgs|kilo|kilos|kilogram|kilograms|kilogramme|kilogrammes"),
    ("mass", "gram", "gram|grams|gramme|grammes"),
    ("mass", "metric_ton", "tonne|tonnes|metric ton|metric tons"),
    ("mass", "short_ton", "ton|tons"),
    ("mass", "pound", "lb|lbs|pound|pounds"),
    ("mass", "ounce", "oz|ounce|ounces"),
    (
        "area",
        "kilometer ** 2",
        "km2|km²|sq km|square km|square kilometre|square kilometres|square kilometer"
        "|square kilometers",
    ),
    ("area", "mile ** 2", "sq mi|square mile|square miles"),
    ("area", "meter ** 2", "m2|m²|sq m|square metre|square metres|square meter|square meters"),
    ("area", "foot ** 2", "sq ft|square foot|square feet"),
    ("area", "yard ** 2", "sq yd|square yard|square yards"),
    ("area", "hectare", "ha|hectare|hectares"),
    ("area", "acre", "acre|acres"),
    ("volume", "liter", "litre|litres|liter|liters"),
    ("volume", "oil_barrel", "bbl|barrel|barrels"),
    ("volume", "gallon", "gallon|gallons|US gallon|US gallons|U.S. gallon|U.S. gallons"),
    ("volume", "imperial_gallon", "imperial gallon|imperial gallons"),
    ("volume", "meter ** 3", "m3|m³|cubic metre|cubic metres|cubic meter|cubic meters"),
    (
        "temperature",
        "degree_Celsius",
        "°C|° C|ºC|degrees C|degree Celsius|degrees Celsius|degrees centigrade",
    ),
    (
        "temperature",
        "degree_Fahrenheit",
        "°F|° F|ºF|degrees F|degree Fahrenheit|degrees Fahrenheit",
    ),
    (
        "pressure",
        "psi",
        "psi|PSI|pounds per square inch|pound per square inch|pounds a square inch",
    ),
    ("pressure", "kilopascal", "kPa|kilopascal|kilopascals"),
    ("pressure", "megapascal", "MPa|megapascal|megapascals"),
    ("pressure", "hectopascal", "hPa|hectopascal|hectopascals"),
    ("pressure", "millibar", "mbar|millibar|millibars"),
    ("pressure", "atmosphere", "atm|atmosphere|atmospheres"),
    ("age", "year", "year-old|years-old|year old|years old|year-olds|year olds"),
    ("age", "month", "month-old|months-old|month old|months old"),
    ("age", "week", "week-old|weeks-old|week old|weeks old"),
    ("age", "day", "day-old|days-old|day old|days old"),
    ("percentage", "percent", "%|pct|percent|per cent|per-cent"),
    ("percentage", "percentage point", "percentage point|percentage points"),
    ("magnitude", "magnitude", "magnitude|on the Richter scale"),
    ("money", "USD", "USD|dlr|dlrs|dollar|dollars|US dollars|U.S. dollars|American dollars"),
    ("money", "EUR", "EUR|euro|euros"),
    ("money", "GBP", "GBP|stg|sterling|pounds sterling|British pounds"),
    ("money", "JPY", "JPY|yen"),
    ("money", "CNY", "CNY|RMB|yuan|renminbi"),
    ("money", "KRW", "KRW|South Korean won"),
    ("money", "INR", "INR|rupee|rupees"),
    ("money", "RUB", "RUB|rouble|roubles|ruble|rubles"),
    ("money", "CHF", "CHF|Swiss franc|Swiss francs"),
    ("money", "FRF", "French franc|French francs"),
    ("money", "DEM", "German marks|Deutsche marks|deutschmarks"),
    ("money", "AUD", "AUD|Australian dollar|Australian dollars"),
    ("money", "CAD", "CAD|Canadian dollar|Canadian dollars"),
    ("money", "HKD", "HKD|Hong Kong dollar|Hong Kong dollars"),
    ("money", "SGD", "SGD|Singapore dollar|Singapore dollars"),
    ("money", "NZD", "NZD|New Zealand dollar|New Zealand dollars"),
    ("money", "TWD", "TWD|Taiwan dollars|New Taiwan dollars"),
    ("money", "THB", "baht"),
    ("money", "VND", "Vietnamese dong"),
)
# Currency written before the amount: "$2.6 million", "dlrs 2.6 million", "£5bn", "€10".
_CURRENCY_SIGNS: tuple[tuple[str, str], ...] = (
    ("USD", "$|US$|U.S.$|USD|dlrs|dlr"),
    ("EUR", "€|EUR"),
    ("GBP", "£|GBP|stg"),
    ("JPY", "¥|JPY"),
    ("CNY", "RMB|CNY"),
    ("KRW", "₩|KRW"),
    ("INR", "₹|Rs|Rs.|INR"),
    ("RUB", "₽|RUB"),
    ("CHF", "CHF|SFr"),
    ("AUD", "A$|AU$|AUD"),
    ("CAD", "C$|CA$|CAD"),
    ("HKD", "HK$|HKD"),
    ("SGD", "S$|SGD"),
    ("NZD", "NZ$|NZD"),
    ("TWD", "NT$|TWD"),
    ("BRL", "R$|BRL"),
)
_MILLION = 1e6
_CURRENCY_SCALES = MappingProxyType(
    {
        **{"k": 1e3, "m": _MILLION, "mn": _MILLION, "mln": _MILLION, "mil": _MILLION},
        **{"b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12},
    }
)
# Nouns that name people ("singular" or "singular|plural"); a count of them is of kind "people".
_PEOPLE = (
    "person passenger crew crewmember staff staffer personnel police "
    "journalist reporter photographer soldier troop officer policeman|policemen "
    "policewoman|policewomen officer civilian child|children adult man|men woman|women worker "
    "resident student tourist visitor migrant refugee victim casualty|casualties survivor "
    "protester protestor demonstrator delegate guest leader official member employee fan "
    "spectator pilgrim villager inhabitant patient doctor nurse prisoner inmate detainee hostage "
    "guard bodyguard agent militant rebel fighter firefighter rescuer volunteer voter citizen "
    "teenager boy girl baby|babies infant miner sailor seaman|seamen fisherman|fishermen pilot "
    "climber hiker athlete player lawmaker legislator senator minister diplomat negotiator "
    "expert scientist teacher monk priest mourner worshipper supporter suspect attacker "
    "gunman|gunmen peacekeeper marine aide adviser advisor interpreter dignitary|dignitaries "
    "executive deputy colleague teammate astronaut cosmonaut paramedic individual bomber "
    "assailant relative friend sibling brother sister son daughter parent wife|wives husband "
    "immigrant defendant lawyer judge juror witness|witnesses reveler reveller performer "
    "runner driver passer-by|passers-by pedestrian shopper customer"
)
_IRREGULAR_PLURALS = "aircraft sheep cattle series species"
# Words that are never the modifier of a counted noun ("three of the ...", "two were ...").
_NOT_MODIFIERS = (
    "a an the of and or but nor to in on at for from by with without into onto over under about "
    "than as per more most less were was are is be been being had have has did do does will "
    "would could should may might must can shall said say says who whom whose which that those "
    "these this they them their there here it its he she his her we our you your not no also "
    "only just all each every both either neither other another such so too very when where "
    "while after before since until if because though although times percent cent ago old later "
    "earlier years year days months weeks hours"
)
_NOT_COUNTED = (
    "times others ones things ways thanks is was has does goes says this his its as us plus "
    "less unless across always perhaps whereas towards afterwards besides news degrees"
)
_APPROXIMATIONS = (
    "about|around|approximately|approx.|nearly|almost|roughly|some|over|more than|less than"
    "|fewer than|at least|at most|up to|close to|upwards of|upward of|as many as"
    "|as much as|as few as|as little as|an estimated|estimated|circa|in excess of|no more than"
    "|no fewer than|no less than|not more than|a little over|a little more than|just about"
    "|barely|nigh on"
)
_QUALIFIERS: tuple[tuple[str, str], ...] = (
    (
        "as the crow flies",
        "as the crow flies|in a straight line|straight-line|straight line|beeline",
    ),
    (
        "by road",
        "by road|by car|by bus|by coach|by truck|by motorcade|road distance|driving distance"
        "|drive|road journey|road trip",
    ),
    (
        "by rail",
        "by rail|by railway|by train|train journey|train ride|train trip|rail journey|rail trip"
        "|rail track|rail line|rail route|railway journey|railway track|railway line",
    ),
    ("by air", "by air|by plane|by helicopter|flight|flying time"),
    ("by sea", "by sea|by ship|by boat|by ferry|voyage|sea route"),
    ("on foot", "on foot"),
    ("round trip", "round trip|round-trip|return journey|return trip|there and back"),
)
_MONTHS = frozenset(
    "January February March April May June July August September October November December "
    "Jan Jan. Feb Feb. Mar Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept. "
    "Oct Oct. Nov Nov. Dec Dec.".split()
)
_REPEATING = frozenset("once twice thrice times per every".split())
_RATE_WORDS = 5  # words before "a day" that may hold the amount of a rate


@dataclass(frozen=True, slots=True)
class UnitSense:
    """What a written unit measures: its kind and its unit (pint name, ISO 4217 code or word)."""

    kind: str
    unit: str


def _written(form: str) -> list[str]:
    """How a unit form may be written: a word of four letters or more in any usual case."""
    if len(form) > 3 and form.replace(" ", "").replace("-", "").replace(".", "").isalpha():
        return capitalized(dict.fromkeys((form, form.lower())))
    return [form]


def _fold(written: str) -> str:
    return " ".join(written.split())


def _unit_senses() -> MappingProxyType[str, UnitSense]:
    senses: dict[str, UnitSense] = {}
    for kind, unit, forms in _UNITS:
        for form in forms.split("|"):
            senses[form] = senses[form.lower()] = UnitSense(kind, unit)
    return MappingProxyType(senses)


def _lemmas() -> MappingProxyType[str, str]:
    lemmas: dict[str, str] = {}
    for entry in _PEOPLE.split():
        singular, _, plural = entry.partition("|")
        lemmas[singular] = lemmas[plural or singular + "s"] = singular
    for phrase in ("crew member", "police officer"):
        lemmas[phrase] = lemmas[phrase + "s"] = phrase
    lemmas["people"] = "person"
    lemmas |= {word: word for word in _IRREGULAR_PLURALS.split()}
    return MappingProxyType(lemmas)


_SENSES = _unit_senses()
_CURRENCIES = MappingProxyType(
    {form: code for code, forms in _CURRENCY_SIGNS for form in forms.split("|")}
)
_LEMMAS = _lemmas()
_PEOPLE_LEMMAS = frozenset(_LEMMAS.values()) - frozenset(_IRREGULAR_PLURALS.split())


_QUALIFIER_NAMES = MappingProxyType(
    {form: name for name, forms in _QUALIFIERS for form in forms.split("|")}
)


def is_unit_word(word: str) -> bool:
    """Whether ``word`` (one word, in any case) names a unit, a currency or a scale ("km",
    "miles", "percent", "dlrs", "million"): a word of how a figure is written, not of what it
    measures."""
    lowered = word.lower()
    return (
        word in _SENSES
        or lowered in _SENSES
        or word in _CURRENCIES
        or lowered in _CURRENCY_SCALES
        or re.fullmatch(SCALE_WORD, lowered) is not None
    )


def _compile_pattern() -> re.Pattern[str]:
    """The one expression that finds quantities, their approximation words and qualifiers."""
    number = rf"(?:{NUMERAL}|{NUMBER_WORDS})"
    people_forms = list(_LEMMAS)  # "crew members" before "crew": the trie tries longer first
    noun = (
        rf"(?:(?!{alternation(_NOT_MODIFIERS.split())}(?!\w))[A-Za-z][a-z]+(?:-[a-z]+)*\s+){{0,2}}?"
        rf"(?!{alternation(_NOT_COUNTED.split())}(?!\w))"
        rf"(?P<head>{alternation(people_forms)}|[a-z]{{2,}}s(?<!ss)(?<!us)(?<!is)"
        r"|[A-Z][a-z]+(?:ans|is|ese|ons|ats))"  # "21 Israelis", "three Americans", "two Democrats"
    )
    qualifier = alternation(capitalized(_QUALIFIER_NAMES))
    approximation = alternation(capitalized(_APPROXIMATIONS.split("|")))
    currency_scale = alternation([*_CURRENCY_SCALES, "thousand", "million", "billion", "trillion"])
    unit = alternation(written for form in _SENSES for written in _written(form))
    # "3m barrels", "150m litres", "2m people": an "m" run into a number is a million, not metres,
    # when a unit or a plural noun follows it ("300m long", "a 400m race" stay metres).
    # "95.5 m US gallons": also set apart from its number, before a unit of volume or mass.
    volume_or_mass = alternation(
        written
        for form, sense in _SENSES.items()
        if sense.kind in ("volume", "mass") and len(form) > 2
        for written in _written(form)
    )
    million_m = (
        rf"(?:(?<=\d)(?P<mscale>m)(?=\s+"
        rf"(?:(?:{unit}|{alternation(people_forms)})(?!\w)|[a-z]{{2,}}s\b))"
        rf"|\s(?P<spaced_mscale>m)(?=\s+{volume_or_mass}(?!\w)))"
    )
    currency = alternation(_CURRENCIES)
    # Units "a"/"an" counts one of: "a week", "an hour", "half a mile"; not "a second summit".
    article_units = alternation(
        written
        for form, sense in _SENSES.items()
        if sense.kind in ("distance", "duration", "speed", "mass", "area", "volume")
        and sense.unit != "second"
        and len(form) > 2
        and not any(word.endswith("s") for word in form.split())
        and form not in ("feet", "centuries")
        for written in _written(form)
    )
    # A cheap first test at each word: it starts a number, an approximation, a currency, ...
    starts = [
        *_APPROXIMATIONS.split("|"),
        *_QUALIFIER_NAMES,
        *NUMBER_WORD_STARTS,
        *"only just well aged age magnitude between".split(),
        *(form for form in _CURRENCIES if form[0].isalpha()),
    ]
    first_words = {re.split(r"[\s$.-]", start)[0] for start in starts}
    gate = rf"(?=[\d.½¼¾⅓⅔$€£¥₹₩₽]|{alternation(capitalized(sorted(first_words)))}(?!\w))"
    return re.compile(
        rf"""
        (?<![\w.,:/#-]){gate}
        (?:
            (?P<qual>{qualifier})(?!\w)
        |
            (?P<approx>(?:[Oo]nly\s+|[Jj]ust\s+|[Ww]ell\s+)?{approximation}\s+)?
            (?:
                (?P<pre>[Aa]ged?|[Mm]agnitude)\s+(?P<pnum>{NUMERAL})
                (?:(?:\s+to\s+|\s*[-–]\s*)(?P<pnum2>{NUMERAL}))?(?!\w|[.,:/]\d)
            |
                (?P<cur>{currency})\s?(?P<cnum>{number})
                (?:[\s-]?(?P<cscale>{currency_scale})(?!\w))?
                (?!\w|[.,:/]\d)
            |
                (?P<between>[Bb]etween\s+)?
                (?:
                    (?P<num>{number})(?!\d|[.,:/]\d)
                    (?:(?P<rsep>\s*[-–]\s*|\s+(?:to|or|and)\s+)(?P<num2>{number})(?!\d|[.,:/]\d))?
                    (?:[\s-]?(?P<scale>{SCALE_WORD})(?!\w)|{million_m})?
                    (?P<odd>-odd|-plus|\+)?
                |
                    (?P<art>[Hh]alf\s+an?|[Aa]n?\s+half|[Aa]n?|[Hh]alf)(?=[\s-]+{article_units}(?!\w))
                )
                (?:
                    (?:\s*-\s*|\s+|(?<=[\d+]))(?P<unit>{unit})(?!\w)
                    (?P<half>\s+and\s+an?\s+half(?!\w))?
                    (?P<orso>\s+or\s+so(?!\w))?
                |
                    (?(art)(?!))\s+(?P<noun>{noun})(?!\w|['’]\w)
                )
            )
        )
        """,
        re.VERBOSE,
    )


class QuantityFinder:
    """Finds the quantities a sentence states: ``finder(sent) -> list[Quantity]``.

    ``kinds`` limits the kinds reported (default: all of ``KINDS``). The constructor only stores
    options. The first call compiles the finding expression (once for the class: a tenth of a
    second); the first unit to convert builds the instance's pint unit registry (about a second
    with pint's import), which the instance keeps with the conversion factors it has worked out.
    A pickled finder leaves both behind and builds them again where it is used.
    """

    _pattern: ClassVar[re.Pattern[str] | None] = None

    def __init__(self, *, kinds: Collection[str] | None = None) -> None:
        chosen = KINDS if kinds is None else frozenset(kinds)
        if isinstance(kinds, str) or not chosen <= KINDS:
            raise ConfigError(
                f"'kinds' of QuantityFinder must be a collection of {sorted(KINDS)}; got {kinds!r}"
            )
        self.kinds = chosen
        self._registry: pint.UnitRegistry[float] | None = None
        self._conversions: dict[str, tuple[float, float]] = {}

    def __getstate__(self) -> dict[str, frozenset[str]]:
        return {"kinds": self.kinds}

    def __setstate__(self, state: dict[str, frozenset[str]]) -> None:
        self.kinds = state["kinds"]
        self._registry = None
        self._conversions = {}

    @property
    def registry(self) -> pint.UnitRegistry[float]:
        """The pint unit registry, built on first use."""
        if self._registry is None:
            import pint

            self._registry = pint.UnitRegistry()
        return self._registry

    @classmethod
    def _compiled_pattern(cls) -> re.Pattern[str]:
        """The finding expression, compiled by the first instance that needs it (a tenth of a
        second) and shared by all."""
        if cls._pattern is None:
            cls._pattern = _compile_pattern()
        return cls._pattern

    def __call__(self, sent: Sentence) -> list[Quantity]:
        """Every quantity of ``sent`` in text order, offsets into its article's text."""
        text = sent.text
        found: list[Quantity] = []
        qualifiers: list[tuple[int, int, str]] = []
        for match in self._compiled_pattern().finditer(text):
            if match["qual"] is not None:
                name = _QUALIFIER_NAMES[_fold(match["qual"]).lower()]
                qualifiers.append((match.start(), match.end(), name))
            else:
                found.extend(
                    quantity for quantity in self._read(match, sent) if quantity.kind in self.kinds
                )
        if qualifiers and found:
            found = _qualify(found, qualifiers, sent)
        if "people" in self.kinds:
            found = _with_people_by_fate(found, sent)
        return _with_parts(found, sent)

    def _read(self, match: re.Match[str], sent: Sentence) -> list[Quantity]:
        """The quantities one match states: none, one, or two for a range."""
        start, end = match.start(), match.end()
        approximate = match["approx"] is not None
        if match["pnum"] is not None or match["cnum"] is not None:
            prefixed = _read_prefixed(match)
            if prefixed is None:
                return []
            sense, value = prefixed
            upper = None if match["pnum2"] is None else parse_number(match["pnum2"])
            if upper is None:
                return [self._quantity(sent, start, end, value, sense, approximate=approximate)]
            # "aged 13 to 18": a range, one approximate quantity per end, as for other ranges
            return [
                self._quantity(sent, start, match.end("pnum"), value, sense, approximate=True),
                self._quantity(sent, match.start("pnum2"), end, upper, sense, approximate=True),
            ]
        counted = _sense(match)
        values = None if counted is None else _values(match, counted, sent.text)
        if counted is None or values is None:
            return []
        sense = counted
        approximate = approximate or match["odd"] is not None or match["orso"] is not None
        if match["num2"] is None:
            if match["between"] is not None:  # "between two leaders" is no range
                start = match.end("between")  # the quantity is what follows the word
            return [self._quantity(sent, start, end, values[0], sense, approximate=approximate)]
        second = self._quantity(sent, match.start("num2"), end, values[1], sense, approximate=True)
        if match["rsep"].strip() == "and" and match["between"] is None:
            return [replace(second, approximate=match["odd"] is not None)]  # "3 and 21 cars"
        first = self._quantity(sent, start, match.end("num"), values[0], sense, approximate=True)
        return [first, second]

    def _quantity(
        self,
        sent: Sentence,
        start: int,
        end: int,
        value: float,
        sense: UnitSense,
        *,
        approximate: bool,
    ) -> Quantity:
        base_unit = _MEASURED.get(sense.kind)
        if base_unit is None:
            normalized, base_unit = value, sense.unit
        else:
            factor, offset = self._conversion(sense.unit, base_unit)
            normalized = value * factor + offset
        return Quantity(
            article_id=sent.article_id,
            sentence=sent.index,
            start=sent.start + start,
            end=sent.start + end,
            text=sent.text[start:end],
            value=value,
            unit=sense.unit,
            kind=sense.kind,
            normalized=normalized,
            base_unit=base_unit,
            approximate=approximate,
        )

    def _conversion(self, unit: str, base_unit: str) -> tuple[float, float]:
        """``(factor, offset)`` with ``base = value * factor + offset`` (offset: temperatures)."""
        key = f"{unit} -> {base_unit}"
        conversion = self._conversions.get(key)
        if conversion is None:
            registry = self.registry
            pint_unit, times = _PINT_MULTIPLES.get(unit, (unit, 1.0))
            zero = float(registry.Quantity(0.0, pint_unit).to(base_unit).magnitude)
            one = float(registry.Quantity(times, pint_unit).to(base_unit).magnitude)
            conversion = self._conversions[key] = (one - zero, zero)
        return conversion


# "64 of the 122 seats", "three of its 12 engines": a part, counted in the unit of the whole after
# it. Only before a count of people or things: "5 of the 10 km" is rare and reads otherwise.
_PART_OF = re.compile(
    rf"(?<![\w.,:/$€£-])(?P<part>{NUMERAL}|{NUMBER_WORDS})\s+of\s+(?:the|its|their|his|her|all)\s+$"
)


# "25 were injured", "at least 7 have been killed": a number that is the subject of what befell
# people is a count of people, though no noun follows it.
_PEOPLE_BY_FATE = re.compile(
    rf"(?<![\w.,:/$€£-])(?P<count>{NUMERAL}|{NUMBER_WORDS})\s+(?:were|are|have\s+been|had\s+been)"
    r"\s+(?:\w+ly\s+)?(?:killed|injured|hurt|wounded|missing|dead)(?!\w)"
)


_BEFORE_A_DATE = frozenset("in on since by until from of to at after before during".split())
_YEAR = re.compile(r"1[89]\d\d|20\d\d")


def _with_people_by_fate(found: list[Quantity], sent: Sentence) -> list[Quantity]:
    """``found`` and each count of people stated by what befell them ("25 were injured")."""
    people: list[Quantity] = []
    taken = [(quantity.start - sent.start, quantity.end - sent.start) for quantity in found]
    for match in _PEOPLE_BY_FATE.finditer(sent.text):
        start, end = match.span("count")
        value = parse_number(match["count"])
        if value is None or any(a < end and start < b for a, b in taken):
            continue
        before, _ = _word_before(sent.text, start) if start else ("", True)
        if before.lower() in _BEFORE_A_DATE or _YEAR.fullmatch(match["count"]):
            continue  # "in 1998 were ...": a year, not a count
        people.append(
            Quantity(
                article_id=sent.article_id,
                sentence=sent.index,
                start=sent.start + start,
                end=sent.start + end,
                text=match["count"],
                value=value,
                unit="person",
                kind="people",
                normalized=value,
                base_unit="person",
            )
        )
    return _in_text_order(found, people)


def _with_parts(found: list[Quantity], sent: Sentence) -> list[Quantity]:
    """``found`` and, before each count that follows "N of the", the part N in its unit: "64 of
    the 122 parliamentary seats" states 64 seats as well as 122 (``facts.claims`` keeps the two
    apart: one sentence states both)."""
    parts: list[Quantity] = []
    for quantity in found:
        if quantity.kind not in ("people", "count"):
            continue
        head = sent.text[: quantity.start - sent.start]
        match = _PART_OF.search(head[-80:])
        value = None if match is None else parse_number(match["part"])
        if match is None or value is None or value >= quantity.value:
            continue
        start = quantity.start - len(head[-80:]) + match.start()
        parts.append(
            replace(
                quantity,
                start=start,
                text=sent.text[start - sent.start : quantity.end - sent.start],
                value=value,
                normalized=value,
                approximate=False,
            )
        )
    return _in_text_order(found, parts)


def _in_text_order(found: list[Quantity], more: list[Quantity]) -> list[Quantity]:
    """``found`` (in text order) with ``more`` among them, in text order."""
    return sorted([*found, *more], key=lambda quantity: quantity.start) if more else found


def _read_prefixed(match: re.Match[str]) -> tuple[UnitSense, float] | None:
    """A number after its unit: "aged 35", "magnitude 7.1", "$2.6 million", "dlrs 50", "£5bn"."""
    if match["pnum"] is not None:
        number = parse_number(match["pnum"])  # "aged 35", and "aged ¼" (a numeral of a fraction)
        if number is None:
            return None
        if match["pre"].lower() == "magnitude":
            return UnitSense("magnitude", "magnitude"), number
        return UnitSense("age", "year"), number
    value = parse_number(match["cnum"])
    if value is None:
        return None
    scale = match["cscale"]
    if scale is not None:
        value *= _CURRENCY_SCALES.get(scale.lower()) or scale_value(scale)
    return UnitSense("money", _CURRENCIES[match["cur"]]), value


def _sense(match: re.Match[str]) -> UnitSense | None:
    """What the unit or the counted noun of a match measures."""
    if match["unit"] is not None:
        written = _fold(match["unit"])
        return _SENSES.get(written) or _SENSES.get(written.lower())
    head = match["head"]
    sense = _SENSES.get(head)  # "three more days"
    if sense is not None:
        return sense if sense.kind not in ("age", "percentage", "magnitude") else None
    if head[0].isupper():
        return UnitSense("people", head if head.endswith("ese") else head[:-1])
    lemma = _LEMMAS.get(head) or _singular(head)
    return UnitSense("people" if lemma in _PEOPLE_LEMMAS else "count", lemma)


def _is_rate(text: str, start: int) -> bool:
    """Whether "a day" (or "an hour") at ``start`` makes a rate of an amount just before it in
    its clause: a number, then a unit ("5,000 barrels of oil a day", "1.2 million gallons a
    day"); not "The 11 workers spent a day", "In 2010 it took a day"."""
    clause = re.split(r"[,;:()]", text[max(0, start - 80) : start])[-1]
    words = [word.strip(".,") for word in clause.split()[-_RATE_WORDS:]]
    return any(
        any(char.isdigit() for char in word) and any(map(is_unit_word, words[i + 1 :]))
        for i, word in enumerate(words)
    )


def _values(match: re.Match[str], sense: UnitSense, text: str) -> list[float] | None:
    """The number (or both ends of a range) before a unit or noun; None when it is no amount."""
    before, first_word = _word_before(text, match.start())
    if before in _MONTHS:
        return None  # "February 26 officials"
    if match["art"] is not None:
        if before.lower() in _REPEATING or text[match.start() - 1 : match.start()] == "-":
            return None  # "once a day", "$70-a-barrel"
        if any(char.isdigit() for char in before):
            return None  # "$12 a barrel"
        if sense.kind == "duration" and _is_rate(text, match.start()):
            return None  # "5,000 barrels of oil a day": a rate, not a stretch of time
        values = [0.5 if "half" in match["art"].lower() else 1.0]
    else:
        scale = scale_value(match["scale"]) if match["scale"] is not None else 1.0
        if match["mscale"] is not None or match["spaced_mscale"] is not None:
            scale = _MILLION
        numbers = [match["num"]] if match["num2"] is None else [match["num"], match["num2"]]
        parsed = [parse_number(number) for number in numbers]
        values = [number * scale for number in parsed if number is not None]
        if len(values) != len(numbers):
            return None
        if sense.kind in ("people", "count") and _is_not_a_count(
            numbers, values, before, first_word, approximate=match["approx"] is not None
        ):
            return None
        if values == [1.0] and match["head"] not in (None, sense.unit):
            return None  # "no one knows", "one thing seems"
    if match["half"] is not None:
        values[-1] += 0.5
    return values


def _singular(plural: str) -> str:
    if plural.endswith("ies") and len(plural) > 4:
        return plural[:-3] + "y"
    if plural.endswith(("ches", "shes", "xes", "sses", "zzes")):
        return plural[:-2]
    return plural.removesuffix("s")


def _word_before(text: str, start: int) -> tuple[str, bool]:
    """The word right before ``start`` (empty after punctuation) and whether it opens the text."""
    head = text[:start]
    if not head[-1:].isspace():
        return "", False
    words = head.split()
    return (words[-1], len(words) == 1) if words else ("", False)


def _is_not_a_count(
    numbers: list[str], values: list[float], before: str, first_word: bool, *, approximate: bool
) -> bool:
    """Whether numbers before a noun are not a count: a year, a fraction, a name ("Apollo 13")."""
    if any(not value.is_integer() for value in values):
        return True
    if not approximate and any(
        len(number) == 4 and number.isdigit() and 1000 <= int(number) <= 2100 for number in numbers
    ):
        return True  # "the 1998 elections", "in 2019 reports"
    return (
        not first_word
        and before[:1].isupper()
        and before[-1:].isalpha()
        and not before.lower().endswith(("'s", "’s"))
    )


def _qualify(
    found: list[Quantity], qualifiers: list[tuple[int, int, str]], sent: Sentence
) -> list[Quantity]:
    """Give each distance, duration and speed the nearest qualifier phrase of its clause."""
    text, offset = sent.text, sent.start
    qualified: list[Quantity] = []
    for quantity in found:
        start, end = quantity.start - offset, quantity.end - offset
        if quantity.kind in _QUALIFIED_KINDS:
            gaps = [
                (len(gap), name)
                for left, right, name in qualifiers
                for gap in [text[end:left] if left >= end else text[right:start]]
                if _is_one_clause(gap, qualifier_first=left < end)
            ]
            if gaps:
                quantity = replace(quantity, qualifier=min(gaps)[1])
        qualified.append(quantity)
    for number in range(len(qualified) - 1):
        first, second = qualified[number], qualified[number + 1]
        restated = text[first.end - offset : second.start - offset].strip() == "("
        if restated and first.kind == second.kind and first.qualifier != second.qualifier:
            shared = first.qualifier or second.qualifier
            qualified[number] = replace(first, qualifier=shared)
            qualified[number + 1] = replace(second, qualifier=shared)
    return qualified


def _is_one_clause(gap: str, *, qualifier_first: bool) -> bool:
    """Whether the text between a quantity and a qualifier keeps them in one clause.

    A comma may set the qualifier off ("As the crow flies, the towns are 2,900 km apart", "2,900
    km apart, as the crow flies"), and a bracket may close a restatement ("170 km (105 miles) by
    road"); any other comma, semicolon, colon, bracket or dash ends the clause.
    """
    if qualifier_first:
        gap = gap.lstrip().removeprefix(",")
    else:
        gap = gap.removeprefix(")").rstrip().removesuffix(",")
    return len(gap) <= MAX_QUALIFIER_GAP and not any(mark in gap for mark in _CLAUSE_MARKS)
