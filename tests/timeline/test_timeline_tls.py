"""Timeline summarization of a collection: dates chosen by mentions, sentences by centrality."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime

import pytest
from builders import make_article

from storyline.errors import ConfigError
from storyline.model import Article, Sentence, TimeMention
from storyline.pipeline import build_document
from storyline.timeline.tls import no_mentions, summarize_timeline

_TAG = re.compile(r"\[(\d{4}-\d{2}-\d{2})\]")


def tagged_dates(
    sent: Sentence, /, *, published: datetime | None, zone: str | None
) -> Sequence[TimeMention]:
    """A stand-in finder: "[2010-07-15]" in a sentence is a day mention."""
    return [
        TimeMention(
            article_id=sent.article_id,
            sentence=sent.index,
            start=sent.start + match.start(),
            end=sent.start + match.end(),
            text=match.group(),
            when=match.group(1),
            granularity="day",
            relative=False,
        )
        for match in _TAG.finditer(sent.text)
    ]


def article(number: int, text: str, *, day: int = 1) -> Article:
    return make_article(
        text,
        article_id=f"a{number}",
        published=datetime(2010, 8, day, 12, tzinfo=UTC),
        group="oil",
    )


CAPPED = "Engineers finally capped the leaking oil well on [2010-07-15] after many attempts."
SANK = "The burning drilling rig sank into the deep gulf waters on [2010-04-22] at noon."
EXPLODED = "The drilling rig exploded off the coast of Louisiana on [2010-04-20] killing eleven."
ARTICLES = [
    article(1, f"{CAPPED}\n\n{SANK}\n\n{EXPLODED}"),
    article(2, f"{CAPPED}\n\n{SANK}"),
    article(3, f"{CAPPED}\n\nOfficials said the cap held overnight on [2010-07-15] as hoped."),
]


def sentences_of(articles: Sequence[Article]) -> set[str]:
    return {
        " ".join(sent.text.split()) for item in articles for sent in build_document(item).sentences
    }


def test_the_most_mentioned_dates_are_chosen_and_listed_in_date_order() -> None:
    timeline = summarize_timeline(
        ARTICLES, n_dates=2, sentences_per_date=1, find_mentions=tagged_dates
    )
    assert [day for day, _ in timeline] == ["2010-04-22", "2010-07-15"]


def test_each_date_has_at_most_k_sentences_of_the_articles_that_mention_it() -> None:
    timeline = summarize_timeline(
        ARTICLES, n_dates=3, sentences_per_date=2, find_mentions=tagged_dates
    )
    known = sentences_of(ARTICLES)
    for day, sents in timeline:
        assert 1 <= len(sents) <= 2
        for sent in sents:
            assert sent in known
            assert f"[{day}]" in sent


def test_a_repeated_sentence_is_chosen_once() -> None:
    timeline = dict(
        summarize_timeline(ARTICLES, n_dates=3, sentences_per_date=3, find_mentions=tagged_dates)
    )
    assert timeline["2010-07-15"].count(CAPPED) == 1


def test_dates_outside_start_and_end_are_not_chosen() -> None:
    timeline = summarize_timeline(
        ARTICLES,
        n_dates=3,
        sentences_per_date=1,
        start=date(2010, 4, 1),
        end=date(2010, 4, 30),
        find_mentions=tagged_dates,
    )
    assert [day for day, _ in timeline] == ["2010-04-20", "2010-04-22"]


def test_without_mentions_publication_dates_carry_the_timeline() -> None:
    articles = [
        article(1, "Engineers began drilling a relief well to stop the oil leak.", day=2),
        article(2, "A second relief well was started to stop the oil leak for good.", day=2),
        article(3, "The government closed fishing waters in the gulf because of the oil.", day=5),
    ]
    timeline = summarize_timeline(
        articles, n_dates=1, sentences_per_date=1, find_mentions=no_mentions
    )
    assert [day for day, _ in timeline] == ["2010-08-02"]


def test_the_default_finder_reads_dates_written_in_the_text() -> None:
    articles = [
        article(
            1,
            "The Deepwater Horizon rig exploded on April 20, 2010, killing eleven workers on board.",
        ),
        article(
            2,
            "Eleven workers died when the Deepwater Horizon rig exploded on April 20, 2010.",
        ),
    ]
    timeline = summarize_timeline(
        articles, n_dates=1, sentences_per_date=1, start=date(2010, 4, 1), end=date(2010, 4, 30)
    )
    assert [day for day, _ in timeline] == ["2010-04-20"]


def test_no_articles_give_an_empty_timeline() -> None:
    assert summarize_timeline([], n_dates=3, sentences_per_date=1) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"n_dates": 0, "sentences_per_date": 1},
            r"'n_dates' must be an int in \[1, 10000\]; got 0",
        ),
        ({"n_dates": 2, "sentences_per_date": 0}, "'sentences_per_date' must be an int"),
        (
            {
                "n_dates": 2,
                "sentences_per_date": 1,
                "start": date(2010, 5, 1),
                "end": date(2010, 4, 1),
            },
            "'start' must not be after 'end'",
        ),
    ],
)
def test_bad_options_are_config_errors(options: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        summarize_timeline(ARTICLES, **options)  # type: ignore[arg-type]
