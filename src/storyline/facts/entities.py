"""Named entities: the people, places and organisations a story's reports name.

A rule-based recogniser, fast enough for a 100-article story in a fraction of a second (spaCy's
small English model reads about 4,000 words a second, far too slow for every sentence):

1. A name is a run of capitalised words, joined by particles ("de", "van", "bin") and by "of"
   after a word that heads such names ("Bank of Korea", "Secretary of State"). Runs are cut at
   possessives, months, weekdays and function words. A sentence's first word is dropped when
   the story never capitalises it mid-sentence and either writes it in lower case elsewhere
   or it stands alone ("Analysts said"). Sentences in headline case or capitals only give the
   names found elsewhere. Titles and honorifics ("U.S. President", "Mr") are stripped and count
   as evidence of a person; nationalities ("North Korean") are no names.
2. Each mention gathers votes from its context: a title, "said" or "sister" for a person; "in",
   "at" or "the city of" for a place; "news agency" for an organisation. Word lists written here
   (countries, cities, "Agency", "Province", "Republic") decide outright when they apply.
3. Spellings merge when they normalise to the same key (case, hyphens, spaces, diacritics),
   when a name drops a middle initial ("Donald J. Trump"), when an acronym spells the initials
   of one longer name ("KCNA"), and when a partial name ("Trump") is contained in the full name
   of exactly one person; "Kim", contained in several, stays an entity of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from storyline.model import Document, Entity, Sentence
from storyline.summarize.attribute import cite

PERSON = "person"
PLACE = "place"
ORGANISATION = "organisation"
OTHER = "other"
_KINDS = (PERSON, PLACE, ORGANISATION)

# Upper-case letters a name may start with (ASCII, Latin-1 and Latin Extended-A capitals).
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
# A capitalised word: "Kim", "Jong-un", "O'Brien", "Kim's", "U.S.", "J." before a name. Every
# alternative starts with the capital, so the regular expression engine skips ahead quickly.
_NAME_WORD = (
    rf"[{_UPPER}](?:\.(?:[{_UPPER}]\.)+|\w*(?:['’][{_UPPER}]\w*)?(?:-\w+)*(?:['’](?:s\b|(?!\w)))?"
    rf"(?:\.(?=\s+[{_UPPER}]))?)"
)
_PARTICLES = "of|de|del|della|di|da|dos|das|du|des|es|la|le|van|von|der|den|bin|ibn|al|el"
_LEADING_PARTICLES = "bin|ibn|al|el|van|von|de|da|di|du|del|dos"  # may begin a name
_ARTICLE_PREFIXES = "al|el|ad|ash|as|an|ar|ul"  # "al-Assad"
_SEPARATOR = (
    rf"(?:[^\S\n]+(?:(?:{_PARTICLES})[^\S\n]+(?:the[^\S\n]+)?|(?:{_ARTICLE_PREFIXES})-)?"
    rf"|[^\S\n]+&[^\S\n]+)"
)
_RUN = re.compile(rf"{_NAME_WORD}(?:{_SEPARATOR}{_NAME_WORD})*")
# A particle before a name that starts a run: "said bin Laden", "met de Klerk", "al-Qaeda".
_LEADING_PARTICLE = re.compile(
    rf"(?<![\w'’])(?:(?:{_LEADING_PARTICLES})[^\S\n]+|(?:{_ARTICLE_PREFIXES})-)$"
)
_PARTICLE_ENDINGS = tuple(f"{word} " for word in _LEADING_PARTICLES.split("|")) + tuple(
    f"{prefix}-" for prefix in _ARTICLE_PREFIXES.split("|")
)
_TOKEN = re.compile(r"\S+")
_CONTRACTION = re.compile(r"['’][a-z]")
_DOTTED = re.compile(r"(?:\w\.)+")
_INNER_HYPHEN = re.compile(rf"(?<=[^\W\d_])-(?=[{_UPPER}])")
# Characters after which a word starts a sentence, or a quotation, of its own (quotes,
# brackets, dashes, and full stops of sentences the splitter left joined).
_OPENERS = "“\"‘'(:—–-[«_.!?"
# Lower-case words, and capitalised ones, after a space, quote or bracket (patterns that start
# with a character class let the engine skip ahead quickly); capitalised words mid-sentence:
# after a space that follows no opener.
_LOWER_WORD = re.compile(r"[\s\"“‘(\[/]([a-z]+)")
_MID_CAPITAL = re.compile(rf" (?<![{re.escape(_OPENERS + ';')}] )([{_UPPER}][^\W\d_]*)")
# A lower-case word other than the small ones headlines leave in lower case ("in", "for").
_CONTENT_WORD = re.compile(
    r"(?<![\w'’-])(?!(?:a|an|the|of|in|on|at|to|for|and|or|but|nor|with|by|from|as|vs|via)\b)[a-z]"
)
_CAPITAL_WORD = re.compile(rf"[\s\"“‘(\[/][{_UPPER}]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(phrase.strip() for phrase in text.split("|"))


# Context cues: the word after a name, or the word before it (skipping "the").
_SPEECH_VERBS = _words(
    """said says told tells added adds asked wrote writes stated explained insisted argued
    warned noted recalled replied tweeted"""
)
_PERSON_NOUNS = _words(
    """leader president minister secretary chairman chairwoman spokesman spokeswoman
    spokesperson official envoy negotiator ambassador senator governor mayor general premier
    king queen prince princess sister brother father mother wife husband son daughter
    grandfather grandmother grandson uncle aunt cousin widow colleague aide adviser advisor
    lawyer attorney director chief founder owner judge coach player actor actress singer
    writer author dictator ruler candidate counterpart successor predecessor rival opponent
    journalist reporter correspondent analyst professor exile dissident militant suspect
    businessman businesswoman millionaire billionaire financier activist cleric tycoon boss
    commander"""
)
_ORGANISATION_NOUNS = _words(
    """agency newspaper daily broadcaster channel network magazine company firm group party
    ministry organisation organization bank carrier airline maker manufacturer retailer outlet
    website union charity institute university club team militia"""
)
_PLACE_NOUNS = _words(
    """city town village province capital island region county district country port state
    border resort suburb area prefecture municipality territory enclave"""
)
# A company's people and acts around its name: "Skerra Line chief executive Henrik Dahl",
# "Apple spokeswoman", "operated by Skerra Line".
_COMPANY_ROLES = _words(
    """chief ceo spokesman spokeswoman spokesperson chairman chairwoman shareholders employees
    subsidiary"""
)
_COMPANY_ACTS = _words("operated owned run managed chartered built acquired")
_LOCATIVES = _words("in at near into across outside inside via through throughout around")
_DIRECTIONS = _words("to from toward towards")
_FUNCTION_WORDS = _words(
    """a an the and or but nor if in on at to for of from by with as into onto about after
    before while when whenever where whereas why what which who whom whose how this that these
    those he she it they we i you me him her them his hers its their our my your there here
    however meanwhile also both all any each every some many much most more less few several
    other another such no not yes so then than thus hence even just only still yet
    nevertheless nonetheless although though because since despite during under over above
    below between among against without within according last next first second third now
    today tonight yesterday tomorrow earlier later one two three four five six seven eight
    nine ten let please thank thanks well oh read watch see click more like unlike instead
    whether once again already perhaps maybe indeed still can could will would should must
    may might do does did is are was were be been has have had"""
)
_CALENDAR_WORDS = _words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday"""
)
_EXCLUDED_WORDS = _words(
    """i tv gmt utc est edt pst pdt cst cdt bst cet am pm ok ceo gdp id photo photos video
    videos credit copyright getty images file update updated advertisement internet web"""
)
_COMPASS_WORDS = _words(
    "north south east west northern southern eastern western northeast northwest southeast southwest"
)
_HONORIFICS = _words("mr mrs ms miss mx dr prof sir dame lord lady madam mme monsieur")
_TITLE_HEADS = _words(
    """president president-elect vice-president premier chancellor minister secretary
    secretary-general chairman chairwoman chairperson leader king queen prince princess
    emperor empress sultan emir sheikh ayatollah pope cardinal bishop archbishop reverend rev
    imam rabbi general gen admiral adm colonel col major maj captain capt lieutenant lt
    sergeant sgt commander marshal brigadier corporal governor gov senator sen representative
    rep congressman congresswoman commissioner mayor judge justice ambassador envoy spokesman spokeswoman
    spokesperson director inspector detective prosecutor premier dictator coach ceo
    councillor councilor"""
)
_TITLE_MODIFIERS = _words(
    """former ex late then acting interim deputy vice prime foreign defence defense finance
    interior trade home justice health education state chief senior supreme special first
    grand crown executive attorney assistant under party communist opposition democratic
    republican labour labor conservative liberal general federal national regional
    provincial military army navy police security economy economic"""
)
# Words that may follow "<title> of" inside a title: "Secretary of State Mike Pompeo".
_TITLE_OF_WORDS = _words(
    """state defense defence commerce energy health treasury labor labour education justice
    interior transportation agriculture finance homeland foreign affairs trade the"""
)
_LEADING_ADJECTIVES = _words("former ex late senior acting interim veteran then top")
_POSSESSIVE_NAMES = _words("people's peoples children's women's men's workers' veterans' people’s")
_HYPHEN_SUFFIXES = _words(
    """led based backed born owned run style made bound related era controlled brokered funded
    sponsored linked allied friendly occupied held flagged registered listed wide type like
    specific centric made"""
)
_PLACE_SUFFIXES = _words(
    """city province island islands river station street square mountain mountains lake sea
    ocean bay peninsula valley county district region airport port harbour harbor bridge park
    avenue road highway strait straits gulf coast desert canal palace tower hotel stadium
    prefecture territory territories village town heights hills beach plaza boulevard falls
    reef ledge shoal basin plateau forest zone border crossing"""
)
_PLACE_PREFIXES = _words("mount mt lake cape fort gulf bay sea isle port saint st")
_ORGANISATION_WORDS = _words(
    """agency ministry party council committee association company corp corporation inc ltd
    llc plc news times post journal herald tribune gazette press telegraph university college
    school institute academy commission board army navy force forces police bank group
    organization organisation union foundation department office court parliament congress
    senate assembly house cabinet government administration politburo secretariat bureau
    service services airlines airways motors electric dynamics industries holdings systems
    technologies network broadcasting television radio channel club fund alliance front
    movement church league brigade regiment command authority centre center hospital society
    chamber exchange reserve tribunal coalition mission guard ministries cooperation forum
    express militia"""
)
_COUNTRY_WORDS = _words("republic kingdom emirates federation principality commonwealth")
_EVENT_PREFIXES = _words("hurricane typhoon cyclone tropical storm operation")
_EVENT_WORDS = _words(
    """war wars summit games olympics cup championship championships revolution crisis
    conference festival election elections day prize award awards treaty accord agreement
    act accords"""
)
_DEMONYMS = _phrases(
    """american|british|english|scottish|welsh|irish|french|german|italian|spanish|portuguese
    |dutch|belgian|swiss|austrian|swedish|norwegian|danish|finnish|icelandic|polish|czech
    |slovak|hungarian|romanian|bulgarian|greek|turkish|cypriot|serbian|croatian|bosnian
    |slovenian|albanian|macedonian|ukrainian|russian|belarusian|georgian|armenian|azerbaijani
    |kazakh|uzbek|turkmen|kyrgyz|tajik|afghan|pakistani|indian|bangladeshi|sri lankan|nepalese
    |nepali|bhutanese|chinese|japanese|korean|north korean|south korean|mongolian|taiwanese
    |vietnamese|thai|cambodian|lao|laotian|burmese|myanmar|malaysian|singaporean|indonesian
    |filipino|philippine|australian|new zealand|canadian|mexican|cuban|haitian|dominican
    |jamaican|guatemalan|honduran|salvadoran|nicaraguan|costa rican|panamanian|colombian
    |venezuelan|ecuadorian|peruvian|bolivian|brazilian|chilean|argentine|argentinian
    |uruguayan|paraguayan|egyptian|libyan|tunisian|algerian|moroccan|sudanese|ethiopian
    |eritrean|somali|kenyan|ugandan|tanzanian|rwandan|congolese|nigerian|ghanaian|senegalese
    |malian|cameroonian|angolan|zambian|zimbabwean|mozambican|namibian|south african
    |israeli|palestinian|lebanese|syrian|jordanian|iraqi|iranian|saudi|yemeni|omani|emirati
    |qatari|kuwaiti|bahraini|yugoslav|kosovar|tibetan|chechen|uighur|uyghur|malay|khmer
    |basque|catalan|kurdish|emirati"""
)
# Adjectives and nouns naming groups of people: "Islamic", "Serbs", "Palestinians".
_GROUP_WORDS = _DEMONYMS | _phrases(
    """arab|arabic|persian|european|asian|african|latin|western|eastern|soviet|communist
    |muslim|christian|catholic|protestant|jewish|jew|hindu|buddhist|sikh|sunni|shiite|shia
    |islamic|islamist|zionist|serb|croat|bosniak|albanian|tutsi|hutu|kurd|pashtun|tamil
    |sinhalese|spaniard|brit|dane|swede|finn|pole|scot|turk|filipina|israeli|palestinian
    |american|democrat|republican|socialist|conservative|liberal|maoist|marxist|kosovar
    |central american|latin american|south american|north american|middle eastern
    |southeast asian|east asian|south asian|west african|east african|balkan|bavarian"""
)
_PLACES = _phrases(
    """afghanistan|albania|algeria|andorra|angola|argentina|armenia|australia|austria
    |azerbaijan|bahamas|bahrain|bangladesh|barbados|belarus|belgium|belize|benin|bhutan
    |bolivia|bosnia|bosnia and herzegovina|botswana|brazil|brunei|bulgaria|burkina faso
    |burundi|cambodia|cameroon|canada|chad|chile|china|colombia|congo|costa rica|croatia|cuba
    |cyprus|czech republic|czechia|denmark|djibouti|dominican republic|ecuador|egypt
    |el salvador|eritrea|estonia|eswatini|ethiopia|fiji|finland|france|gabon|gambia|georgia
    |germany|ghana|greece|guatemala|guinea|guyana|haiti|honduras|hungary|iceland|india
    |indonesia|iran|iraq|ireland|israel|italy|ivory coast|jamaica|japan|jordan|kazakhstan
    |kenya|kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|lesotho|liberia|libya|liechtenstein
    |lithuania|luxembourg|madagascar|malawi|malaysia|maldives|mali|malta|mauritania|mauritius
    |mexico|moldova|monaco|mongolia|montenegro|morocco|mozambique|myanmar|burma|namibia|nepal
    |netherlands|holland|new zealand|nicaragua|niger|nigeria|north korea|south korea|korea
    |north macedonia|macedonia|norway|oman|pakistan|palestine|panama|papua new guinea
    |paraguay|peru|philippines|poland|portugal|qatar|romania|russia|rwanda|saudi arabia
    |senegal|serbia|sierra leone|singapore|slovakia|slovenia|somalia|south africa|south sudan
    |spain|sri lanka|sudan|suriname|sweden|switzerland|syria|taiwan|tajikistan|tanzania
    |thailand|timor leste|east timor|togo|tonga|trinidad|tunisia|turkey|turkmenistan|uganda
    |ukraine|united arab emirates|uae|united kingdom|uk|britain|great britain|england
    |scotland|wales|northern ireland|united states|us|usa|america|uruguay|uzbekistan
    |vatican|venezuela|vietnam|viet nam|yemen|zambia|zimbabwe|dprk|rok|prc|soviet union
    |ussr|yugoslavia|tibet|hong kong|macau|macao|gaza|gaza strip|west bank|crimea|kashmir
    |chechnya|kurdistan|greenland|puerto rico|europe|asia|africa|antarctica|australasia
    |middle east|latin america|south america|north america|central america|caribbean
    |balkans|scandinavia|siberia|pacific|atlantic|arctic|mediterranean|persian gulf
    |korean peninsula|southeast asia|east asia|south asia|central asia|west africa
    |east africa|north africa|sahara|kabul|tirana|algiers|luanda|buenos aires|yerevan
    |canberra|sydney|melbourne|vienna|baku|manama|dhaka|minsk|brussels|sarajevo|brasilia
    |rio de janeiro|sao paulo|sofia|phnom penh|ottawa|toronto|montreal|vancouver|santiago
    |beijing|shanghai|guangzhou|shenzhen|dandong|wuhan|chongqing|bogota|havana|nicosia|prague
    |copenhagen|cairo|addis ababa|helsinki|paris|marseille|lyon|tbilisi|berlin|munich
    |frankfurt|hamburg|accra|athens|budapest|reykjavik|new delhi|delhi|mumbai|kolkata|jakarta
    |tehran|baghdad|basra|mosul|dublin|jerusalem|tel aviv|rome|milan|naples|tokyo|osaka
    |kyoto|amman|astana|nairobi|pristina|kuwait city|bishkek|vientiane|riga|beirut|tripoli
    |benghazi|vilnius|kuala lumpur|mexico city|chisinau|ulaanbaatar|rabat|casablanca|yangon
    |rangoon|naypyidaw|kathmandu|amsterdam|the hague|hague|rotterdam|wellington|auckland|managua
    |abuja|lagos|pyongyang|oslo|muscat|islamabad|karachi|lahore|panama city|lima|manila
    |warsaw|lisbon|doha|bucharest|moscow|st petersburg|kigali|riyadh|jeddah|mecca|dakar
    |belgrade|freetown|bratislava|ljubljana|mogadishu|pretoria|johannesburg|cape town|seoul
    |busan|madrid|barcelona|colombo|khartoum|stockholm|geneva|zurich|bern|damascus|aleppo
    |taipei|dushanbe|dar es salaam|bangkok|tunis|ankara|istanbul|kampala|kyiv|kiev|odesa
    |abu dhabi|dubai|london|manchester|edinburgh|washington|new york|los angeles|chicago
    |houston|san francisco|boston|miami|seattle|tashkent|caracas|hanoi|ho chi minh city
    |saigon|haiphong|da nang|sanaa|aden|lusaka|harare|alabama|alaska|arizona|arkansas
    |california|colorado|connecticut|delaware|florida|hawaii|idaho|illinois|indiana|iowa
    |kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi
    |missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|north carolina
    |north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota
    |tennessee|texas|utah|vermont|virginia|west virginia|wisconsin|wyoming"""
)
_ORGANISATIONS = _phrases(
    """united nations|un|european union|eu|nato|imf|world bank|wto|opec|asean|african union
    |fbi|cia|nsa|pentagon|kremlin|white house|downing street|congress|senate|interpol
    |red cross|amnesty international|human rights watch|greenpeace|reuters|ap|afp|bbc|cnn
    |xinhua|yonhap|kyodo|tass|itar tass|al jazeera|associated press|new york times
    |al qaeda|al qaida|taliban|hamas|hezbollah|islamic jihad|khmer rouge|plo|ira|eta|farc
    |washington post|google|apple|microsoft|amazon|facebook|twitter|meta|samsung|toyota"""
)
# Words after which "of" stays inside a name: "Bank of Korea", "Republic of Korea".
_OF_HEADS = (
    _ORGANISATION_WORDS
    | _PLACE_SUFFIXES
    | _PLACE_PREFIXES
    | _COUNTRY_WORDS
    | _TITLE_HEADS
    | _words("duke duchess isle house states people's peoples")
)
_NAME_PARTICLES = frozenset(_LEADING_PARTICLES.split("|"))
_CONNECTORS = frozenset(_PARTICLES.split("|")) | {"the", "&"}
_TITLE_WORDS = _TITLE_HEADS | _HONORIFICS | _TITLE_MODIFIERS | _GROUP_WORDS
_CUT_WORDS = _CALENDAR_WORDS | _EXCLUDED_WORDS
_KEYWORDS = _ORGANISATION_WORDS | _PLACE_SUFFIXES | _COUNTRY_WORDS | _EVENT_WORDS | _TITLE_HEADS


class _Token(NamedTuple):
    """A word of a run: where it is in the run and how it reads for look-ups."""

    start: int
    end: int  # after any possessive or abbreviation dot has been cut off
    text: str
    norm: str  # case-folded, without diacritics, dots or apostrophes
    possessive: bool
    acronym: bool


class _Name(NamedTuple):
    """A name found in a run of capitalised words, at offsets into the run."""

    start: int
    end: int
    key: str
    titled: bool  # a person's title or an honorific preceded it
    possessive: bool
    parts: tuple[str, str] | None  # "Trump-Kim" -> ("Trump", "Kim")


class _Mention(NamedTuple):
    """One naming of an entity in one sentence, with its context's votes for each kind."""

    doc: int
    sent: Sentence
    surface: str
    key: str
    votes: tuple[float, float, float]  # person, place, organisation
    parts: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class _WordStats:
    """How often a story writes each word in lower case, and capitalised mid-sentence."""

    lower: Counter[str]
    capitalised: Counter[str]

    def ordinary(self, norm: str) -> bool:
        return self.lower[norm] > self.capitalised[norm]


class _Memo:
    """What one extraction has worked out already: how written words and runs read.

    News reports repeat their names ("Kim", "U.S. President Donald Trump"), so a run is read
    once per story (twice if it also begins a sentence).
    """

    def __init__(self, stats: _WordStats) -> None:
        self.stats = stats
        self._folded: dict[str, str] = {}
        self._words: dict[str, tuple[str, int, str, bool, bool]] = {}
        self._runs: dict[tuple[str, bool], list[_Name]] = {}

    def fold(self, text: str) -> str:
        """Case-folded, without diacritics, dots or apostrophes: how spellings are compared."""
        found = self._folded.get(text)
        if found is None:
            decomposed = unicodedata.normalize("NFKD", text.casefold())
            found = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
            found = found.replace("đ", "d").replace("ł", "l").replace("ø", "o").replace("ß", "ss")
            found = found.replace(".", "").replace("'", "").replace("’", "")
            self._folded[text] = found
        return found

    def key(self, surface: str) -> str:
        """The key spellings of one name share: "Kim Jong-un", "KIM JONG UN" -> "kim jong un"."""
        return " ".join(self.fold(surface).replace("-", " ").replace("‐", " ").split())

    def word(self, written: str) -> tuple[str, int, str, bool, bool]:
        """The word without possessive or abbreviation dot, how many characters were cut, its
        folded form, whether it was possessive and whether it is an acronym."""
        found = self._words.get(written)
        if found is None:
            word, cut, possessive = written, 0, False
            if word[-1] in "'’" or word[-2:] in ("'s", "’s"):
                if word.casefold() not in _POSSESSIVE_NAMES:
                    cut = 1 if word[-1] in "'’" else 2
                    word, possessive = word[:-cut], True
            elif word.endswith(".") and not _DOTTED.fullmatch(word):
                word, cut = word[:-1], 1
            letters = word.replace(".", "")
            acronym = len(letters) >= 2 and letters.isupper() and letters.isalpha()
            found = (word, cut, self.fold(word), possessive, acronym)
            self._words[written] = found
        return found

    def names(self, run: str, *, initial: bool) -> list[_Name]:
        """The names in a run of capitalised words."""
        found = self._runs.get((run, initial))
        if found is None:
            found = _read_run(run, initial=initial, memo=self)
            self._runs[(run, initial)] = found
        return found

    def tokens(self, run: str) -> list[_Token]:
        """The words of a run of capitalised words."""
        tokens = []
        for match in _TOKEN.finditer(run):
            word, cut, norm, possessive, acronym = self.word(match.group())
            tokens.append(_Token(match.start(), match.end() - cut, word, norm, possessive, acronym))
        return tokens


def extract_entities(documents: Sequence[Document]) -> tuple[Entity, ...]:
    """People, places and organisations the documents' sentences name, most widely reported first.

    Entities are ranked by the number of documents naming them, then of sentences. Each cites
    every sentence naming it, once per sentence. Entities named in only one sentence are left
    out unless there is a single document.
    """
    sentences = [(number, sent) for number, doc in enumerate(documents) for sent in doc.sentences]
    stats, headline = _count_words([sent.text for _, sent in sentences])
    memo = _Memo(stats)
    mentions = [
        mention
        for (number, sent), is_headline in zip(sentences, headline, strict=True)
        if not is_headline
        for mention in _sentence_mentions(number, sent, memo=memo)
    ]
    known = {mention.key for mention in mentions}
    mentions.extend(
        mention
        for (number, sent), is_headline in zip(sentences, headline, strict=True)
        if is_headline
        for mention in _headline_mentions(number, sent, known=known, memo=memo)
    )
    min_sentences = 2 if len(documents) > 1 else 1
    return _resolve(mentions, documents, min_sentences=min_sentences, memo=memo)


# Recognition: names in sentences.


def _count_words(texts: Sequence[str]) -> tuple[_WordStats, list[bool]]:
    """Word counts of a story, and which of its sentences are in headline case.

    A sentence is in headline case (or all capitals) when it has at least four capitalised
    words, no lower-case word but the small ones headlines leave in lower case ("in", "for"),
    and is no list (three commas or more).
    """
    headline = [
        _CONTENT_WORD.search(text) is None  # most sentences stop at their first few words
        and len(_CAPITAL_WORD.findall("\n" + text)) >= 4
        and text.count(",") < 3  # no list: "Brunei, Chile, Mexico, Papua New Guinea, Peru"
        for text in texts
    ]
    lower = Counter(_LOWER_WORD.findall("\n" + "\n".join(texts)))
    running = "\n".join(
        text for text, is_headline in zip(texts, headline, strict=True) if not is_headline
    )
    capitalised = Counter(map(str.casefold, _MID_CAPITAL.findall(running)))
    return _WordStats(lower=lower, capitalised=capitalised), headline


def _sentence_mentions(number: int, sent: Sentence, *, memo: _Memo) -> list[_Mention]:
    text = sent.text
    mentions: list[_Mention] = []
    for run in _RUN.finditer(text):
        start = run.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "'’_"):
            continue  # a capital inside a word: "iPhone"
        end = run.end()
        if text[end : end + 1] in ("'", "’") and _CONTRACTION.match(text, end):
            end = text.rfind(" ", start, end)  # "Don't", "Can't": no name
            if end < 0:
                continue
        if text[max(0, start - 4) : start].endswith(_PARTICLE_ENDINGS):
            particle = _LEADING_PARTICLE.search(text, max(0, start - 5), start)
            if particle is not None:
                start = particle.start()
        previous = start - 1
        while previous >= 0 and text[previous] == " ":
            previous -= 1
        initial = previous < 0 or text[previous] in _OPENERS
        for name in memo.names(text[start:end].rstrip(), initial=initial):
            name_start, name_end = start + name.start, start + name.end
            person, place, organisation = _context_votes(
                text, name_start, name_end, locative=not (name.possessive or name.titled)
            )
            votes = (person + 3.0 if name.titled else person, place, organisation)
            surface = text[name_start:name_end]
            mentions.append(_Mention(number, sent, surface, name.key, votes, name.parts))
    return mentions


def _headline_mentions(
    number: int, sent: Sentence, *, known: set[str], memo: _Memo
) -> Iterator[_Mention]:
    """Names in a sentence in headline case or capitals ("KIM JONG UN ARRIVES IN HANOI"), where
    capitals say nothing: the longest word sequences spelling a name found elsewhere."""
    text = sent.text
    for run in _RUN.finditer(text):
        tokens = memo.tokens(run.group())
        position = 0
        while position < len(tokens):
            for end in range(min(len(tokens), position + 6), position, -1):
                key = memo.key(" ".join(token.norm for token in tokens[position:end]))
                if key in known:
                    start = run.start() + tokens[position].start
                    stop = run.start() + tokens[end - 1].end
                    votes = _context_votes(text, start, stop, locative=True)
                    yield _Mention(number, sent, text[start:stop], key, votes)
                    position = end
                    break
            else:
                position += 1


def _read_run(run: str, *, initial: bool, memo: _Memo) -> list[_Name]:
    names: list[_Name] = []
    for segment in _segments(memo.tokens(run), initial=initial, stats=memo.stats):
        for piece, titled in _pieces(segment):
            name = _name(run, piece, titled=titled, memo=memo)
            if name is not None:
                names.append(name)
    return names


def _segments(tokens: list[_Token], *, initial: bool, stats: _WordStats) -> Iterator[list[_Token]]:
    """Cut a run of capitalised words where a name cannot go on."""
    segment: list[_Token] = []
    known = _known_positions(tokens)
    for position, token in enumerate(tokens):
        norm = token.norm
        if norm in _CONNECTORS:
            if norm == "of" and not (segment and segment[-1].norm in _OF_HEADS):
                yield segment  # "Trump of the United States": two names
                segment = []
            elif segment or (position == 0 and norm in _NAME_PARTICLES):
                segment.append(token)
            continue
        first = initial and position == 0
        if position not in known and _is_cut(
            token, first=first, alone=len(tokens) == 1, stats=stats
        ):
            yield segment
            segment = []
            continue
        stem, _, suffix = token.text.rpartition("-")
        if stem and suffix in _HYPHEN_SUFFIXES:  # "US-led": the name ends, as at a possessive
            segment.append(
                _Token(
                    token.start,
                    token.start + len(stem),
                    stem,
                    norm.rpartition("-")[0],
                    possessive=True,
                    acronym=len(stem) >= 2 and stem.isupper(),
                )
            )
            yield segment
            segment = []
            continue
        segment.append(token)
        if token.possessive:
            yield segment
            segment = []
    yield segment


def _known_positions(tokens: list[_Token]) -> set[int]:
    """Positions of words of a known name of two or three words: "New Zealand"."""
    known: set[int] = set()
    for size in (2, 3):
        for start in range(len(tokens) - size + 1):
            name = " ".join(token.norm for token in tokens[start : start + size])
            if name in _PLACES or name in _ORGANISATIONS:
                known.update(range(start, start + size))
    return known


def _is_cut(token: _Token, *, first: bool, alone: bool, stats: _WordStats) -> bool:
    """Whether a capitalised word is no part of a name: a month, "The", or a sentence's first
    word that the story never capitalises elsewhere and that it writes in lower case too or
    that stands alone ("Analysts say")."""
    norm = token.norm
    if norm in _CUT_WORDS or (not token.acronym and norm in _FUNCTION_WORDS):
        return True
    if norm in _TITLE_WORDS:
        return False
    if not first or stats.capitalised[norm] or norm in _PLACES or norm in _ORGANISATIONS:
        return False
    return alone or stats.lower[norm] > 0


# The prefixes of ships' names (motor vessel, steamship, Her Majesty's Ship, ...), folded.
_SHIP_PREFIXES = _words("mv ss hms usns uss rms hmas hmcs hmnzs")


def _pieces(segment: list[_Token]) -> Iterator[tuple[list[_Token], bool]]:
    """Split a segment into names; say whether a person's title or an honorific preceded each."""
    while segment and segment[-1].norm in _CONNECTORS:
        segment = segment[:-1]
    if not segment:
        return
    # "DPRK Stephen Biegun", "U.S. President Donald Trump": an acronym before a name; not a
    # ship's prefix ("MV Kalemela" is one name).
    if (
        len(segment) > 1
        and segment[0].acronym
        and not segment[1].acronym
        and segment[-1].norm not in _ORGANISATION_WORDS
        and segment[0].norm not in _SHIP_PREFIXES
    ):
        yield segment[:1], False
        segment = segment[1:]
    # "Government Office Mai Tien Dung": an organisation's name before a person's.
    for position, token in enumerate(segment[:-2]):
        rest = segment[position + 1 :]
        if token.norm in _ORGANISATION_WORDS and not any(
            other.norm in _KEYWORDS or other.norm in _TITLE_WORDS or other.norm in _CONNECTORS
            for other in rest
        ):
            yield from _pieces(segment[: position + 1])
            segment = rest
            break
    yield _strip_title(segment)


def _strip_title(segment: list[_Token]) -> tuple[list[_Token], bool]:
    """Remove a leading title ("Russian Foreign Minister", "Mr"); say whether there was one."""
    last_head = -1
    for position, token in enumerate(segment):
        norm = token.norm
        if norm in _HONORIFICS or norm in _TITLE_HEADS:
            last_head = position
        elif not (norm in _TITLE_MODIFIERS or norm in _GROUP_WORDS):
            break
    if last_head < 0:
        return _strip_adjectives(segment), False
    rest = segment[last_head + 1 :]
    if rest and rest[0].norm == "of":
        position = 1
        while position < len(rest) and rest[position].norm in _TITLE_OF_WORDS:
            position += 1
        if 1 < position < len(rest) and rest[position - 1].norm != "the":
            return rest[position:], True  # "Secretary of State Mike Pompeo"
        skip = 2 if len(rest) > 1 and rest[1].norm == "the" else 1
        return rest[skip:], False  # "Chairman of the Government Office"
    if any(token.norm in _ORGANISATION_WORDS or token.norm in _PLACE_SUFFIXES for token in rest):
        return segment, False  # "General Motors", "Prince Edward Island"
    return rest, bool(rest)


def _strip_adjectives(segment: list[_Token]) -> list[_Token]:
    """Remove "Former", "Senior" or a nationality before a name: "Rwandan Tutsi" -> "Tutsi"."""
    position = 0
    while position < len(segment) - 1 and (
        segment[position].norm in _LEADING_ADJECTIVES or segment[position].norm in _DEMONYMS
    ):
        position += 1
    if not position:
        return segment
    known = " ".join(token.norm for token in segment)
    if known in _PLACES or known in _ORGANISATIONS:
        return segment  # "Saudi Arabia", "Khmer Rouge"
    rest = segment[position:]
    return segment if any(token.norm in _KEYWORDS for token in rest) else rest


def _name(run: str, piece: list[_Token], *, titled: bool, memo: _Memo) -> _Name | None:
    """The name a piece of a run is, or None when it is none."""
    if not piece:
        return None
    norms = [token.norm for token in piece]
    if norms[-1] in _TITLE_HEADS or _TITLE_WORDS.issuperset(norms):
        return None  # a title without a name: "Party General Secretary", "North Korean"
    if len(piece) == 1:
        norm = norms[0]
        if norm in _COMPASS_WORDS or len(norm) < 2 or norm.isdigit():
            return None
        if norm in _KEYWORDS and norm not in _ORGANISATIONS:
            return None  # a common noun capitalised: "the Cabinet", "Radio"
        if not piece[0].acronym and memo.stats.ordinary(norm):
            return None  # a common word capitalised for emphasis: "Summit"
    key = " ".join(norms)
    if "-" in key or "‐" in key:
        key = memo.key(key)
    if not key or key[0].isdigit() or _is_group(key):
        return None
    start, end = piece[0].start, piece[-1].end
    surface = run[start:end]
    parts = _hyphen_parts(surface) if "-" in surface else None
    return _Name(start, end, key, titled, piece[-1].possessive, parts)


def _context_votes(
    text: str, start: int, end: int, *, locative: bool
) -> tuple[float, float, float]:
    """Votes for person, place and organisation from the words around a name."""
    person = place = organisation = 0.0
    before = text[max(0, start - 40) : start].rsplit(None, 3)[-3:]
    if before and before[-1].casefold() == "the":
        before.pop()
    previous = before[-1].casefold().rstrip(",") if before else ""
    if previous in _PERSON_NOUNS:  # "sister Kim Yo Jong"
        person += 2.0
    elif previous in _ORGANISATION_NOUNS:  # "news agency Yonhap"
        organisation += 2.0
    elif previous in _PLACE_NOUNS or (  # "the capital, Hanoi", "the town of Dong Dang"
        previous == "of" and len(before) > 1 and before[-2].casefold() in _PLACE_NOUNS
    ):
        place += 2.0
    elif previous in ("said", "says") and len(before) > 1 and before[-2][-1] in ',"”’':
        person += 1.0  # '"...," said Mai Tien Dung'
    elif previous == "by" and len(before) > 1 and before[-2].casefold() in _COMPANY_ACTS:
        organisation += 2.0  # "operated by Skerra Line"
    elif locative and previous in _LOCATIVES:
        place += 1.0
    elif locative and previous in _DIRECTIONS:
        place += 0.25  # "ties to bin Laden" as often as "travelled to Dandong"
    after = text[end : end + 30]
    comma = after.startswith(",")
    following = after.lstrip(" ,").split(" ", 1)[0].rstrip(",.;:").casefold()
    described = comma and (following in ("who", "whose") or following.isdigit())
    if following in _SPEECH_VERBS or described:  # "Kim said", "Kim, who", "Kim, 35,"
        person += 1.0
    elif not comma and following in _COMPANY_ROLES:  # "Skerra Line chief executive"
        organisation += 2.0  # as sure a sign as "news agency Yonhap"
    elif comma and following == "where" and locative:
        place += 1.0
    return person, place, organisation


def _is_group(key: str) -> bool:
    """Whether a name is a nationality or a group of people rather than an entity."""
    if key in _PLACES or key in _ORGANISATIONS:
        return False
    if key in _GROUP_WORDS or (key.endswith("s") and key[:-1] in _GROUP_WORDS):
        return True
    words = key.split()  # "Swiss-Chilean"
    return len(words) > 1 and all(word in _GROUP_WORDS for word in words)


def _hyphen_parts(surface: str) -> tuple[str, str] | None:
    """The two names a hyphen may join: "Trump-Kim", "US-North Korea"."""
    match = _INNER_HYPHEN.search(surface)
    if match is None:
        return None
    return surface[: match.start()], surface[match.end() :]


# Typing: what kind of entity a name is.


def _name_kind(key: str) -> str | None:
    """The kind a name's own words give away, or None when they do not."""
    if key in _PLACES:
        return PLACE
    if key in _ORGANISATIONS:
        return ORGANISATION
    words = key.split()
    if len(words) > 1:
        if words[-1] in _EVENT_WORDS or words[0] in _EVENT_PREFIXES:
            return OTHER
        if words[-1] in _PLACE_SUFFIXES or words[0] in _PLACE_PREFIXES:
            return PLACE
    if any(word in _ORGANISATION_WORDS for word in words):
        return ORGANISATION
    if any(word in _COUNTRY_WORDS for word in words):
        return PLACE
    return None


def _vote_kind(votes: Sequence[float]) -> str:
    """The kind with the most votes, if it has at least one and more than any other."""
    best = max(range(len(_KINDS)), key=votes.__getitem__)
    runner_up = max(votes[other] for other in range(len(_KINDS)) if other != best)
    return _KINDS[best] if votes[best] >= 1.0 and votes[best] > runner_up else OTHER


def _sum_votes(mentions: Sequence[_Mention]) -> tuple[float, float, float]:
    person = sum(mention.votes[0] for mention in mentions)
    place = sum(mention.votes[1] for mention in mentions)
    organisation = sum(mention.votes[2] for mention in mentions)
    return person, place, organisation


# Merging: spellings of one entity.


class _Groups:
    """Keys (spellings) joined into entities: each key leads to its group's root key."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._parent = {key: key for key in keys}

    def root(self, key: str) -> str:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def join(self, key: str, *, into: str) -> None:
        source, target = self.root(key), self.root(into)
        if source != target:
            self._parent[source] = target


def _resolve(
    mentions: Sequence[_Mention],
    documents: Sequence[Document],
    *,
    min_sentences: int,
    memo: _Memo,
) -> tuple[Entity, ...]:
    """Merge the mentions' spellings into entities and rank them."""
    mentions = _split_hyphenated(mentions, memo)
    by_key: dict[str, list[_Mention]] = {}
    for mention in mentions:
        by_key.setdefault(mention.key, []).append(mention)
    spelled = Counter((mention.key, mention.surface) for mention in mentions)
    usual: dict[str, str] = {}  # each key's most written spelling
    for (key, surface), count in spelled.items():
        if key not in usual or count > spelled[(key, usual[key])]:
            usual[key] = surface
    name_kinds = {key: _name_kind(key) for key in by_key}
    kinds = {key: name_kinds[key] or _vote_kind(_sum_votes(found)) for key, found in by_key.items()}
    groups = _Groups(list(by_key))
    _join_middle_initials(by_key, groups)
    _join_event_names(by_key, groups)
    _join_acronyms(usual, by_key, groups)
    _join_partial_names(kinds, name_kinds, groups)
    members: dict[str, list[str]] = {}
    for key in sorted(by_key, key=lambda key: -len(by_key[key])):
        members.setdefault(groups.root(key), []).append(key)
    ranked: list[tuple[int, int, Entity]] = []
    for root, keys in members.items():
        found = [mention for key in keys for mention in by_key[key]]
        sentences = {(mention.doc, mention.sent.index): mention.sent for mention in found}
        if len(sentences) < min_sentences:
            continue
        entity = _entity(root, keys, found, sentences, documents, name_kinds=name_kinds)
        articles = len({doc for doc, _ in sentences})
        ranked.append((articles, len(sentences), entity))
    ranked.sort(key=lambda item: (-item[0], -item[1], item[2].name))
    return tuple(entity for _, _, entity in ranked)


def _entity(
    root: str,
    keys: Sequence[str],
    mentions: Sequence[_Mention],
    sentences: dict[tuple[int, int], Sentence],
    documents: Sequence[Document],
    *,
    name_kinds: dict[str, str | None],
) -> Entity:
    """An entity from its mentions, named by the spelling of its full name that the most
    documents use (then the most sentences): "Kim Jong Un" over "Kim Jong-un" and "KIM JONG UN"."""
    spellings = Counter(mention.surface for mention in mentions)
    articles: dict[str, set[int]] = {}
    for mention in mentions:
        if mention.key == root:
            articles.setdefault(mention.surface, set()).add(mention.doc)
    name = max(
        articles,
        key=lambda s: (len(articles[s]), spellings[s], not s.isupper() or _is_acronym(s)),
    )
    kind = next((name_kinds[key] for key in keys if name_kinds[key] is not None), None)
    if kind is None:
        kind = _vote_kind(_sum_votes(mentions))
        if kind != PERSON and name.isupper() and name.replace(".", "").isalpha():
            kind = ORGANISATION  # "at APEC" says nothing of a place
    citations = tuple(
        cite(sent, documents[doc].article.text) for (doc, _), sent in sorted(sentences.items())
    )
    aliases = tuple(spelling for spelling, _ in spellings.most_common() if spelling != name)
    return Entity(name=name, kind=kind, aliases=aliases, mentions=citations)


def _split_hyphenated(mentions: Sequence[_Mention], memo: _Memo) -> list[_Mention]:
    """Read "Trump-Kim" as two names when the story names both halves on their own."""
    known = {mention.key for mention in mentions if mention.parts is None}
    result: list[_Mention] = []
    for mention in mentions:
        if mention.parts is not None:
            keys = [memo.key(part) for part in mention.parts]
            if all(key in known or key in _PLACES or key in _ORGANISATIONS for key in keys):
                result.extend(
                    _Mention(mention.doc, mention.sent, part, key, (0.0, 0.0, 0.0))
                    for part, key in zip(mention.parts, keys, strict=True)
                )
                continue
        result.append(mention)
    return result


def _join_middle_initials(by_key: dict[str, list[_Mention]], groups: _Groups) -> None:
    """Join "Donald J Trump" to "Donald Trump" when the story also writes the latter."""
    for key in by_key:
        words = key.split()
        if len(words) > 2:
            shorter = " ".join([words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]])
            if shorter != key and shorter in by_key:
                groups.join(key, into=shorter)


def _join_event_names(by_key: dict[str, list[_Mention]], groups: _Groups) -> None:
    """Join "Tropical Storm Mitch" to "Hurricane Mitch": one event named by its stages."""
    by_base: dict[str, list[str]] = {}
    for key in by_key:
        words = key.split()
        position = 0
        while position < len(words) - 1 and words[position] in _EVENT_PREFIXES:
            position += 1
        if position:
            by_base.setdefault(" ".join(words[position:]), []).append(key)
    for keys in by_base.values():
        keys.sort(key=lambda key: -len(by_key[key]))
        for key in keys[1:]:
            groups.join(key, into=keys[0])


def _join_acronyms(
    usual: dict[str, str], by_key: dict[str, list[_Mention]], groups: _Groups
) -> None:
    """Join an acronym ("KCNA") to the longer name with its initials.

    When several names have them ("Asia-Pacific ...", "Asian Pacific ..."), the acronym joins
    the most written one if it is written at least three times as often as the next.
    """
    expansions: dict[str, list[str]] = {}
    for key, surface in usual.items():
        initials = _initials(surface)
        if initials is not None:
            expansions.setdefault(initials, []).append(key)
    for key, surface in usual.items():
        if not _is_acronym(surface):
            continue
        sizes = Counter[str]()
        for other in expansions.get(key.replace(" ", ""), ()):
            sizes[groups.root(other)] += len(by_key[other])
        ranked = sizes.most_common(2)
        if len(ranked) == 1 or (ranked and ranked[0][1] >= 3 * ranked[1][1]):
            groups.join(key, into=ranked[0][0])


def _initials(surface: str) -> str | None:
    """The initials of a name's capitalised words ("kcna"); None for a name of one word or
    with an acronym in it."""
    words = surface.replace("-", " ").split()
    if len(words) < 2 or any(word.isupper() and len(word) > 1 for word in words):
        return None
    return "".join(word[0] for word in words if word[0].isupper()).casefold()


def _is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _join_partial_names(
    kinds: dict[str, str], name_kinds: dict[str, str | None], groups: _Groups
) -> None:
    """Join a partial name ("Trump", "Mitch") to the one full name containing it.

    Only full names of people or events take part, and only partial names that their own
    words do not type: "Washington" (a place) never joins "George Washington", nor "Lang Son"
    "Lang Son Province". A partial name contained in the full names of several people ("Kim")
    stays apart.
    """
    names = [
        tuple(key.split())
        for key in kinds
        if name_kinds[key] in (None, OTHER) and not any(word in _KEYWORDS for word in key.split())
    ]
    containing: dict[str, list[tuple[str, ...]]] = {}
    for words in names:
        if len(words) > 1 and kinds[" ".join(words)] in (PERSON, OTHER):
            for word in set(words):
                containing.setdefault(word, []).append(words)
    for words in sorted(names, key=len, reverse=True):
        roots = {
            groups.root(" ".join(longer))
            for longer in containing.get(words[0], ())
            if len(longer) > len(words) and _contains(longer, words)
        }
        if len(roots) == 1:
            groups.join(" ".join(words), into=roots.pop())


def _contains(longer: tuple[str, ...], words: tuple[str, ...]) -> bool:
    size = len(words)
    return any(longer[i : i + size] == words for i in range(len(longer) - size + 1))
