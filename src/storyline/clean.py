"""Removing web debris from an article while keeping offsets into the text as read.

The cleaner works line by line: every line of the body is either kept as a paragraph span or
recorded as ``Debris`` with its kind. Rules look at the shape of a line (a credit at its end, a
lone time stamp, a list of headline-like lines after "Read more"), not at particular outlets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from storyline.model import Article, Debris, Document, Span
from storyline.scripts import FULL_WIDTH_TERMINALS, word_count

_I = re.IGNORECASE
_CREDIT_WORDS = r"(?:photos?|pictures?|pics?|images?|videos?|footage|illustrations?|graphics?)"
_NAME = r"[^\s.!?][^.!?]{0,70}"

# A credit at the end of a line makes the whole line a caption.
_CAPTION_RULES = (
    re.compile(rf"\b{_CREDIT_WORDS}\s*(?:by|:|credit:?|courtesy(?: of)?)\s+{_NAME}$", _I),
    re.compile(r"/\s*[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2}\s+(?i:photos?|pictures?|images?)\s*$"),
    re.compile(r"\b(?:credit|credits|source|photograph|pictured)\s*:\s*\S.{0,80}$", _I),
    re.compile(
        r"\((?:[^()]{0,60}/)?(?:AP|AFP|Reuters|EPA|Getty)?\s*"
        + _CREDIT_WORDS
        + r"\b[^()]{0,80}\)$",
        _I,
    ),
    re.compile(r"\b(?:Getty Images|AFP via Getty|Shutterstock|Alamy|EPA-EFE|AP Photo)\b"),
    re.compile(rf"^(?:{_CREDIT_WORDS}|caption)\s*:", _I),
)
_RELATED_HEAD = re.compile(
    r"^(?:read (?:more|also|next)|see also|also read|related(?: (?:stories|articles|news|"
    r"coverage|content|links|topics?))?|more (?:on|about) this(?: story)?|more stories|"
    r"you (?:might|may) also (?:like|be interested in)|recommended(?: for you)?|most (?:read|popular)|"
    r"trending(?: now)?|top stories|further reading|latest news|more from \w+)\b\s*[:.]?",
    _I,
)
_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("copyright", re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved", _I)),
    (
        "timestamp",
        re.compile(
            r"^(?:(?:updated|posted|published|last updated|first published)\s*:?\s*)?"
            r"\d{1,2}\s*[h:.]\s*\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?"
            r"(?:\s*(?:GMT|UTC|BST|CET|ET|PT|ICT|KST|local time)(?:[+-]\d{1,2})?)?\.?$",
            _I,
        ),
    ),
    (
        "timestamp",
        re.compile(r"^(?:updated|posted|published|last updated|first published)\b.{0,60}$", _I),
    ),
    (
        "picture-count",
        re.compile(
            r"^(?:\d+\s+(?:photos?|pictures?|images?|videos?|slides?)|(?:photo|picture|image) gallery|gallery)$",
            _I,
        ),
    ),
    (
        "share",
        re.compile(
            r"^(?:share(?: this(?: article| story| page)?)?(?: on \w+)?|share via|tweet|email|print|"
            r"comments?(?: \(\d+\))?|advertisement|skip to (?:main )?content|sign up\b.*|subscribe\b.*|"
            r"follow us\b.*|like us on\b.*|download (?:our|the) app\b.*|click (?:here|next)\b.*|"
            r"watch(?: now| live| video)?:?.{0,60}|listen(?: to this article)?\b.{0,30}|newsletter\b.*|"
            r"cookie\w*\b.*|accept (?:all )?cookies.*|back to top|leave a comment.*)$",
            _I,
        ),
    ),
    (
        "byline",
        re.compile(
            r"^(?:[Bb]y\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|al))*(?:\s*[,|/].{0,60})?|"
            r"\(?(?i:(?:additional )?(?:reporting|writing|editing|compiled|edited|written) by)\b.{0,120})$",
        ),
    ),
    ("embed", re.compile(r"^.{1,60}\(@\w{1,30}\)\s*.{0,40}$")),
    ("embed", re.compile(r"pic\.twitter\.com/|https?://t\.co/")),
    # An address splits at its first "@" after the first character: trying every "@" of a long
    # token of at-signs was quadratic (the lines that match are the same).
    ("link", re.compile(r"^(?:https?://|www\.)\S+$|^\S[^\s@]*@\S+\.\w+$", _I)),
    # A blog's or a comment section's disclaimer: "Views expressed in the comments do not
    # represent those of Reuters.", "Any views expressed here are her own."
    (
        "disclaimer",
        re.compile(
            r"^(?:(?:any|the) )?(?:views|opinions)(?: and opinions)? expressed\b.{0,120}?"
            r"(?:\bown|\bnot (?:necessarily )?(?:represent|reflect)\b.*|\bthose of\b.*)\W*$",
            _I,
        ),
    ),
    # A page speaking to its reader about the page itself: comments, feeds, sharing, forms.
    (
        "reader-prompt",
        re.compile(
            r"\b(?:(?:leave|post|send|add|submit) (?:a |your )?comments?\b|your comments\b|"
            r"comment on this (?:blog|post|article|story|page)\b|we welcome (?:your )?comments\b|"
            r"(?:reading|read this|subscribe) (?:via|by|to) (?:the |our |this )?(?:rss|feed)|"
            r"via (?:these|our|this|the) (?:rss )?feeds?\b|copy (?:the|this) (?:url|link)\b|"
            r"click on the (?:\w+ )?(?:below|above)\b|click on the \w+ below\b|"
            r"using the form below\b|emails? will be published\b|takes your calls\b|"
            r"(?:follow|find) (?:us|me) on (?:twitter|facebook)\b|delivered to your inbox\b|"
            r"^(?:follow|read|see) (?:our|the) live (?:coverage|updates|blog)\b|"
            r"(?:explore|browse|view|see) all (?:of )?our\b)",
            _I,
        ),
    ),
    # A reader's comment under a page: "At 18:55 29th Apr 2009 , ceedee99 wrote : ...".
    ("comment", re.compile(r"\d{1,2}[:.]\d{2}\b[^.!?\n]{0,40}?[\w.\-]{2,40}\s+wrote\s*:")),
)
# A page describing its outlet, a sentence of its own: the same on every page of a site, it would
# make the site's pages on different events one story. Only in the forms of a blurb: an outlet
# called independent, nonprofit, reader-funded ... (or a newsroom) doing what newsrooms do; a
# note that the piece first appeared elsewhere; a plea for support. A sentence reporting speech
# ("..., the director said") is news, and so is one about an outlet's owner or politics.
_QUALIFIED_OUTLET = (
    r"(?:independent|nonprofit|non-profit|not-for-profit|nonpartisan|non-partisan|"
    r"reader-(?:funded|supported)|member-(?:funded|supported)|award-winning|"
    r"pulitzer[\w-]*|investigative|501\(c\)\(3\)|community-(?:funded|based))"
)
_OUTLET_NAME = r"(?:The\s+)?[A-Za-z][\w&.'’-]*(?:\s+[A-Z0-9][\w&.'’-]*){0,5}"
_SOME_WORDS = r"(?:[\w’'()-]+,?\s+)"
_OUTLET_BLURB = re.compile(
    r"^(?!.*\b(?:said|says|told|according to|urged|added)\b)(?:"
    # "Harbour Times is an independent newsroom covering ...", "X is a nonprofit news
    # organization that covers ...", "X is the region's only independent newsroom."
    + _OUTLET_NAME
    + r"\s+is\s+(?:an?|the)\s+(?:"
    + _SOME_WORDS
    + r"{0,7}?newsroom|"
    + _SOME_WORDS
    + r"{0,6}?"
    + _QUALIFIED_OUTLET
    + r",?\s+"
    + _SOME_WORDS
    + r"{0,5}?(?:newsroom|news(?:paper)?|journalism(?: organi[sz]ation)?|(?:news|media) (?:organi[sz]ation|outlet|"
    r"site|service|agency|network|website|publication|company)))\b(?: and \w+)?(?:\s*[.!]?$|"
    r",?\s+(?:that|which|who)\s+\w+|,?\s+(?:covering|reporting|producing|informing|dedicated|"
    r"focused|focusing|serving|based|sourced|funded|supported|run by)\b)|"
    # "This article was originally published by CalMatters.", "A version of this story first
    # appeared in ...", "Republished with permission from ...", "This article appeared on p29 of
    # the Main section of the Guardian ...", "... was published on guardian.co.uk at ...".
    r"(?:A version of )?[Tt]his (?:article|story|piece|post|report|content) (?:was |is |has been )?"
    r"(?:(?:originally|first) (?:published|appeared|produced)|republished|reprinted with "
    r"permission) (?:by|in|on|from|with)\s+(?:the\s+)?[A-Z]|"
    r"This (?:article|story) appeared on p\.?\s?\d+\b|"
    r"This (?:article|story) was published on (?:www\.)?[a-z0-9-]+\s?\.\s?[a-z]|"
    r"Republished (?:with permission )?from\s+(?:the\s+)?[A-Z]|"
    # "Our reporting is made possible by readers like you.", "We rely on readers like you."
    r"(?:Our|This) (?:reporting|journalism|coverage|work) is (?:made possible|funded|supported|"
    r"paid for) by\b|"
    r"We (?:rely|depend) on (?:readers|members|subscribers|your support) like you\b|"
    r"Support (?:our|independent|local|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}) journalism\b|"
    + _OUTLET_NAME
    + r"\s+is (?:funded|supported|made possible) by (?:its )?(?:readers|members|subscribers)\b|"
    + _OUTLET_NAME
    + r"\s+is (?:a member|part) of\s+[^.]{0,80}?\b(?i:nonprofit news|independent news|"
    r"news network|newsrooms)\b)"
)
# Rules that can match only where one of these lower-case strings occurs: a substring test is much
# cheaper than the search, and most lines and sentences are not debris.
_NEEDLES: dict[re.Pattern[str], tuple[str, ...]] = {
    _CAPTION_RULES[0]: ("pic", "photo", "image", "video", "footage", "illustration", "graphic"),
    _CAPTION_RULES[1]: ("/",),
    # "credit:", "source :", ...: one of the words must occur (a colon alone is in most lines).
    _CAPTION_RULES[2]: ("credit", "source", "photograph", "pictured"),
    _CAPTION_RULES[3]: (")",),
    _CAPTION_RULES[4]: ("getty", "shutterstock", "alamy", "epa-efe", "ap photo"),
    _CAPTION_RULES[5]: (
        *("pic", "photo", "image", "video", "footage", "illustration", "graphic"),
        "caption",
    ),
    _LINE_RULES[0][1]: ("copyright", "©", "(c)", "all rights reserved"),
    _LINE_RULES[3][1]: ("photo", "picture", "image", "video", "slide", "gallery"),
    _LINE_RULES[6][1]: ("(@",),
    _LINE_RULES[7][1]: ("pic.twitter.com/", "t.co/"),
    _LINE_RULES[8][1]: ("http", "www.", "@"),
    _LINE_RULES[9][1]: ("expressed",),
    _LINE_RULES[10][1]: (
        *("comment", "rss", " feed", "copy th", "click on", "form below", "will be published"),
        *("your calls", "follow", "inbox", "all our", "all of our"),
    ),
    _LINE_RULES[11][1]: ("wrote",),
    _OUTLET_BLURB: (
        *(" is a ", " is an ", " is the ", "newsroom", "this ", "republished"),
        *("our ", "we rely", "we depend", "journalism"),
    ),
}
# Words glued together ("reportedThe"): a word of three or more lower-case letters runs into a
# capitalised one. The look-behind starts a match only where a word starts, so names written in
# camel case ("YouTube", "InfoCision", "WikiLeaks") are not glue, and the search is linear.
_GLUE = re.compile(r"(?<![^\W\d_])[a-z]{3,}[A-Z][a-z]")
_GLUE_MIN = 2
"""Glued words that make a line debris, at least; and at least one per ``_GLUE_WORDS_EACH``
words: two slips in a long paragraph (an article scraped as one line) leave it content."""
_GLUE_WORDS_EACH = 40
# Where a glued word ends and the next starts ("dTh"): every _GLUE match holds one, and searching
# for it alone is much faster (from the capital, which is rare), so a line with fewer than two is
# not searched for glue.
_GLUE_SEAM = re.compile(r"[A-Z](?<=[a-z][A-Z])[a-z]")
_BULLET = re.compile(r"^(?:[•·▪●◦‣*\-–—]|\d{1,2}[.)])\s+")
_CLOSERS = "\"'”’)]"
_QUOTES = ('"', "'", "”", "’")
_TERMINALS = (".", "!", "?", "…", *FULL_WIDTH_TERMINALS)
_HEADING_MAX_WORDS = 20
_LIST_ITEM_MAX_WORDS = 22


def clean_article(article: Article) -> Document:
    """Split the body of ``article`` into kept paragraphs and debris, keeping offsets."""
    paragraphs: list[Span] = []
    debris: list[Debris] = []
    in_related_list = False
    for start, end in _nonblank_lines(article.text, article.body_start):
        line = article.text[start:end]
        kind = line_debris_kind(line)
        if kind == "related-links":
            in_related_list = True
        elif in_related_list and _looks_like_list_item(line):
            kind = "related-links"
        else:
            in_related_list = False
        if kind is None:
            paragraphs.append(Span(start, end))
        elif kind == "embed" and paragraphs and _is_embedded_post(paragraphs[-1], debris):
            # An attribution line ("- Name (@handle) date") closes an embedded post: the text
            # just above it is the post, not the report.
            post = paragraphs.pop()
            debris.extend((Debris(post.start, post.end, kind), Debris(start, end, kind)))
        else:
            debris.append(Debris(start, end, kind))
    return Document(article=article, paragraphs=tuple(paragraphs), debris=tuple(debris))


def _is_embedded_post(paragraph: Span, debris: list[Debris]) -> bool:
    """The kept paragraph is the post an attribution line refers to when nothing lies between."""
    return not debris or debris[-1].end < paragraph.start


def line_debris_kind(line: str) -> str | None:
    """The kind of debris a whole line is ("caption", "byline", ...), or None for content."""
    stripped = _strip_bullet(line.strip())
    if not stripped:
        return "empty"
    if _RELATED_HEAD.match(stripped) and word_count(stripped) <= 8:
        return "related-links"
    kind = _LINE_CHECKS.first_kind(stripped)
    if kind is not None:
        return kind
    if len(_GLUE_SEAM.findall(stripped)) >= _GLUE_MIN and len(_GLUE.findall(stripped)) >= max(
        _GLUE_MIN, word_count(stripped) // _GLUE_WORDS_EACH
    ):
        return "glued-text"
    if _is_heading(stripped):
        return "heading"
    return None


def sentence_debris_kind(sentence: str) -> str | None:
    """Debris that hides inside a kept paragraph, judged one sentence at a time."""
    return _SENTENCE_CHECKS.first_kind(sentence.strip())


def sentence_debris_judge(paragraph: str) -> Callable[[str], str | None]:
    """``sentence_debris_kind`` for the sentences of ``paragraph``, faster: the rules whose
    needles do not occur in the paragraph cannot match any of its sentences, and most
    paragraphs leave none."""
    checks = _SENTENCE_CHECKS.within(paragraph)
    return lambda sentence: checks.first_kind(sentence.strip())


class _Checks:
    """Debris rules tried in order; the kind of the first that matches.

    A rule with needles (``_NEEDLES``) is tried only on text containing one of them (substring
    tests, much cheaper than a regular expression of all the needles)."""

    def __init__(self, rules: list[tuple[str, re.Pattern[str], frozenset[str]]]) -> None:
        self._all = rules
        self._needled = any(needles for _, _, needles in rules)

    @classmethod
    def of(cls, rules: list[tuple[str, re.Pattern[str]]]) -> _Checks:
        """Checks of ``rules`` (kind, rule), with their needles."""
        return cls([(kind, rule, frozenset(_NEEDLES.get(rule, ()))) for kind, rule in rules])

    def within(self, text: str) -> _Checks:
        """The rules that can match in ``text`` or any part of it: those without needles, and
        those with a needle in it (a part of a text, lower-cased, is a part of the lower-cased
        text)."""
        present = _needles_in(text)
        return _Checks(
            [check for check in self._all if not check[2] or not check[2].isdisjoint(present)]
        )

    def first_kind(self, text: str) -> str | None:
        if not self._all:
            return None
        present = _needles_in(text) if self._needled else frozenset()
        for kind, rule, needles in self._all:
            if needles and needles.isdisjoint(present):
                continue
            if rule.search(text) is not None:
                return kind
        return None


_ALL_NEEDLES = tuple(sorted({needle for needles in _NEEDLES.values() for needle in needles}))


def _needle_tree(needles: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The needles that hold no other (roots), and each other needle with the longest needle it
    holds (its parent), parents first: a needle can only occur where its parent does."""
    held = {
        needle: [other for other in needles if other != needle and other in needle]
        for needle in needles
    }
    parent = {needle: max(others, key=len) for needle, others in held.items() if others}

    def depth(needle: str) -> int:
        return 0 if needle not in parent else 1 + depth(parent[needle])

    roots = tuple(needle for needle in needles if needle not in parent)
    return roots, tuple((parent[needle], needle) for needle in sorted(parent, key=depth))


_ROOT_NEEDLES, _DEPENDENT_NEEDLES = _needle_tree(_ALL_NEEDLES)
# The needles found in the texts checked last: a kept line is checked again as a paragraph
# (``sentence_debris_judge``), after the rest of its article's lines.
_NEEDLES_FOUND: dict[str, frozenset[str]] = {}
_NEEDLES_FOUND_KEPT = 256


def _needles_in(text: str) -> frozenset[str]:
    """The needles (of any rule) that occur in ``text``, lower-cased."""
    found = _NEEDLES_FOUND.get(text)
    if found is None:
        lowered = text.lower()
        present = {needle for needle in _ROOT_NEEDLES if needle in lowered}
        for parent, needle in _DEPENDENT_NEEDLES:  # only where the needle it holds occurs
            if parent in present and needle in lowered:
                present.add(needle)
        found = frozenset(present)
        if len(_NEEDLES_FOUND) >= _NEEDLES_FOUND_KEPT:
            _NEEDLES_FOUND.clear()
        _NEEDLES_FOUND[text] = found
    return found


_LINE_CHECKS = _Checks.of([*_LINE_RULES, *(("caption", rule) for rule in _CAPTION_RULES)])
_SENTENCE_CHECKS = _Checks.of(
    [
        *(("caption", rule) for rule in _CAPTION_RULES),
        *(
            (kind, rule)
            for kind, rule in _LINE_RULES
            if kind
            in {
                "copyright",
                "embed",
                "link",
                "picture-count",
                "disclaimer",
                "reader-prompt",
                "comment",
            }
        ),
        ("outlet-blurb", _OUTLET_BLURB),
    ]
)


def _is_heading(line: str) -> bool:
    """A short line (``line`` is stripped) that does not end a sentence: no terminal mark,
    possibly followed by closing quotes or brackets, and no closing quote at its end; or a short
    question."""
    if line.endswith("?"):
        return word_count(line) <= 12
    if line.endswith(_QUOTES) or line.rstrip(_CLOSERS).endswith(_TERMINALS):
        return False
    return word_count(line) <= _HEADING_MAX_WORDS


def _looks_like_list_item(line: str) -> bool:
    stripped = _strip_bullet(line.strip())
    if word_count(stripped) > _LIST_ITEM_MAX_WORDS:
        return False
    return not stripped.endswith(".") or word_count(stripped) <= 4


def _strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1)


def _nonblank_lines(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Lines of ``text`` from ``start`` on, trimmed of surrounding white space, blank ones skipped."""
    pos = start
    length = len(text)
    while pos < length:
        newline = text.find("\n", pos)
        line_end = length if newline == -1 else newline
        left, right = pos, line_end
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        if left < right:
            yield left, right
        pos = line_end + 1
