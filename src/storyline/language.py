"""Which language a text is in, from its most frequent function words (offline, no model).

Covers English, German, French, Spanish, Italian, Portuguese and Dutch; answers ``None`` when the
text is too short or no language clearly leads.
"""

from __future__ import annotations

import re
from itertools import islice

# Frequent function words, chosen to be as distinctive as possible between the seven languages.
STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that was for it with as on be by this are from at have has "
        "had not but they were which will said would their been who an its after",
        "de": "der die das und ist nicht ein eine einen dem den des mit sich auf für von zu im "
        "auch es wird werden sind wurde hat noch nach bei aus wie oder über dass",
        "fr": "le la les et est une des du dans pour pas que qui sur au aux ce cette il elle sont "
        "ont avec par plus été être mais ses leur nous fait",
        "es": "el la los las y es una del que en por con para se no su al lo como más pero sus "
        "fue ha este esta son entre también desde donde muy",
        "it": "il di che è la le gli per una del della con non sono nel alla dei delle anche "
        "più ha come questo stato degli nella tra ma",
        "pt": "o os as e é um uma do da dos das que em no na para com não por se mais foi são "
        "ao pelo pela também já seu sua nos",
        "nl": "de het een en van is dat op te zijn niet met voor in die er als bij ook aan maar "
        "werd om hij wordt deze nog naar heeft",
    }.items()
}
MIN_WORDS = 8  # below this, no language is named
MIN_HITS = 4  # function words of the winning language needed
MIN_LEAD = 1.3  # the winner's hits over the runner-up's
MIN_HIT_SHARE = 0.15  # function words are a third or more of running text in these languages
MAX_WORDS_READ = 2000

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def identify_language(text: str) -> str | None:
    """The ISO 639-1 code of the language of ``text``, or ``None`` when unsure."""
    words = [match.group().lower() for match in islice(_WORD.finditer(text), MAX_WORDS_READ)]
    if len(words) < MIN_WORDS:
        return None
    hits = {lang: sum(word in stopwords for word in words) for lang, stopwords in STOPWORDS.items()}
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    (best, best_hits), (_, second_hits) = ranked[0], ranked[1]
    if best_hits < max(MIN_HITS, MIN_HIT_SHARE * len(words)) or best_hits < MIN_LEAD * second_hits:
        return None
    return best
