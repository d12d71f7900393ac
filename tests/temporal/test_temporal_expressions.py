"""Time expressions found in a sentence and placed on the calendar."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.errors import InputError
from storyline.model import Sentence
from storyline.temporal import find_time_mentions

# Tuesday 26 February 2019, 09:15 in the article's zone (UTC+08:00); 01:15 UTC.
PUBLISHED = datetime(2019, 2, 26, 1, 15, tzinfo=UTC)
ZONE = "UTC+08:00"


def sentence(text: str, *, start: int = 0) -> Sentence:
    return Sentence(article_id="a1", index=0, start=start, end=start + len(text), text=text)


def mentions(
    text: str, *, published: datetime | None = PUBLISHED, zone: str | None = ZONE
) -> list[tuple[str, str, str, bool]]:
    found = find_time_mentions(sentence(text), published=published, zone=zone)
    return [(m.text, m.when, m.granularity, m.relative) for m in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoy arrived in Hanoi on Tuesday.", ("Tuesday", "2019-02-26")),
        ("Officials arrived Tuesday at the border.", ("Tuesday", "2019-02-26")),
        ("The delegation left Pyongyang on Saturday.", ("Saturday", "2019-02-23")),
        ("Her brother was in the city on Wednesday.", ("Wednesday", "2019-02-20")),
        ("The president will meet him on Wednesday.", ("Wednesday", "2019-02-27")),
        ("The talks are scheduled for Thursday.", ("Thursday", "2019-02-28")),
        ("The minister is due to fly home on Friday.", ("Friday", "2019-03-01")),
        ("The company plans to open the line on Monday.", ("Monday", "2019-03-04")),
        ("A second round is expected Thursday in the capital.", ("Thursday", "2019-02-28")),
        ("She said that would be followed by a dinner on Thursday.", ("Thursday", "2019-02-28")),
        # What is announced has its own tense: the announcement is the nearest Monday.
        ("The announcement on Monday that it will pay was welcomed.", ("Monday", "2019-02-25")),
        ("The summit on Monday that will settle it is near.", ("Monday", "2019-03-04")),
        ("They will sign the deal next Wednesday.", ("next Wednesday", "2019-02-27")),
        ("They will sign the deal next Tuesday.", ("next Tuesday", "2019-03-05")),
        ("The ferry sank last Tuesday.", ("last Tuesday", "2019-02-19")),
        ("The focus this Monday is trade.", ("this Monday", "2019-03-04")),
        ("The ferry sank this Monday.", ("this Monday", "2019-02-25")),
        ("The ferry sank last Sunday.", ("last Sunday", "2019-02-24")),
        (
            "The convoy passed the bridge on Saturday night (local time).",
            ("Saturday night (local time)", "2019-02-23"),
        ),
        ("The envoys met on Sunday afternoon.", ("Sunday afternoon", "2019-02-24")),
        ("The boat reaches the harbour Wednesday morning.", ("Wednesday morning", "2019-02-27")),
        ("Rescuers resumed the search today.", ("today", "2019-02-26")),
        ("Rescuers found the wreck yesterday.", ("yesterday", "2019-02-25")),
        ("The divers go down again tomorrow.", ("tomorrow", "2019-02-27")),
        ("The mayor speaks tonight.", ("tonight", "2019-02-26")),
        ("The storm hit this morning.", ("this morning", "2019-02-26")),
        ("Looters struck last night.", ("last night", "2019-02-25")),
        ("Fighting resumed the day before yesterday.", ("the day before yesterday", "2019-02-24")),
        ("The market fell yesterday afternoon.", ("yesterday afternoon", "2019-02-25")),
        ("The bridge was closed three days ago.", ("three days ago", "2019-02-23")),
        ("The bridge was closed two weeks ago.", ("two weeks ago", "2019-02-12")),
    ],
)
def test_days_are_read_from_the_local_publication_date_and_the_tense(
    text: str, expected: tuple[str, str]
) -> None:
    assert mentions(text) == [(*expected, "day", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The first summit took place last June in Singapore.", ("last June", "2018-06")),
        ("Elections are due next June.", ("next June", "2019-06")),
        ("Prices will rise this June.", ("this June", "2019-06")),
        ("The dam was finished in June.", ("June", "2018-06")),
        ("The dam will be finished in June.", ("June", "2019-06")),
        ("The bank cut rates in January.", ("January", "2019-01")),
        ("Sales figures by March look strong.", ("March", "2019-03")),
        ("Sales figures by August look strong.", ("August", "2018-08")),
        ("The law passed in early June.", ("early June", "2018-06")),
        ("The census will start in mid-May.", ("mid-May", "2019-05")),
        ("Output fell last month.", ("last month", "2019-01")),
        ("Output will rise next month.", ("next month", "2019-03")),
        ("Earlier this month the fund paid out.", ("this month", "2019-02")),
        ("Kim went to Beijing in March of last year.", ("March of last year", "2018-03")),
        ("Kim went to Beijing in March last year.", ("March last year", "2018-03")),
        ("The loan was approved five months ago.", ("five months ago", "2018-09")),
    ],
)
def test_months_without_a_year_follow_the_tense(text: str, expected: tuple[str, str]) -> None:
    assert mentions(text) == [(*expected, "month", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Profits fell this year.", ("this year", "2019")),
        ("The two leaders met last year in Singapore.", ("last year", "2018")),
        ("The line will open next year.", ("next year", "2020")),
        ("The site was dismantled last summer.", ("last summer", "2018")),
        ("The plant was built five years ago.", ("five years ago", "2014")),
    ],
)
def test_relative_years(text: str, expected: tuple[str, str]) -> None:
    assert mentions(text) == [(*expected, "year", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The treaty was signed June 12.", ("June 12", "2018-06-12")),
        ("The treaty will be signed June 12.", ("June 12", "2019-06-12")),
        ("The treaty was signed on 12 June.", ("12 June", "2018-06-12")),
        ("The court will rule on the 12th of June.", ("12th of June", "2019-06-12")),
        ("The envoy landed on Feb. 26.", ("Feb. 26", "2019-02-26")),
        ("The envoy will land on Feb. 27.", ("Feb. 27", "2019-02-27")),
        ("The envoy landed on Feb. 27.", ("Feb. 27", "2019-02-27")),
        ("The vote took place on Dec. 30.", ("Dec. 30", "2018-12-30")),
        ("The quake struck on Wednesday, Feb. 20.", ("Wednesday, Feb. 20", "2019-02-20")),
        ("The quake struck on Tuesday, Feb. 20.", ("Tuesday, Feb. 20", "2019-02-20")),
        ("The vote will be held on Tuesday, Jan. 1.", ("Tuesday, Jan. 1", "2019-01-01")),
        ("The vote will be held on Jan. 1.", ("Jan. 1", "2020-01-01")),
    ],
)
def test_month_and_day_without_a_year_take_the_year_from_tense_and_publication(
    text: str, expected: tuple[str, str]
) -> None:
    assert mentions(text) == [(*expected, "day", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The report came out on February 26, 2019.", ("February 26, 2019", "2019-02-26", "day")),
        ("The report came out on Feb. 26, 2019.", ("Feb. 26, 2019", "2019-02-26", "day")),
        ("The report came out on 26 February 2019.", ("26 February 2019", "2019-02-26", "day")),
        (
            "The report came out on Tuesday, 26 Feb 2019.",
            ("Tuesday, 26 Feb 2019", "2019-02-26", "day"),
        ),
        ("The file is dated 2019-02-26.", ("2019-02-26", "2019-02-26", "day")),
        ("The file is dated 26/02/2019.", ("26/02/2019", "2019-02-26", "day")),
        ("The file is dated 02/26/2019.", ("02/26/2019", "2019-02-26", "day")),
        ("The file is dated 26.02.2019.", ("26.02.2019", "2019-02-26", "day")),
        ("His grandfather visited Hanoi in 1958.", ("1958", "1958", "year")),
        ("His grandfather visited Hanoi in late 1958.", ("late 1958", "1958", "year")),
        ("Prices have risen since 2016.", ("2016", "2016", "year")),
        ("The war ended in July 1953.", ("July 1953", "1953-07", "month")),
        ("The war ended in the summer of 1953.", ("summer of 1953", "1953", "year")),
        ("Growth slowed in mid-2018.", ("mid-2018", "2018", "year")),
        (
            "The talks were held two days after February 24, 2019.",
            ("two days after February 24, 2019", "2019-02-26", "day"),
        ),
        (
            "The ban came five weeks after April 20, 2010.",
            ("five weeks after April 20, 2010", "2010-05-25", "day"),
        ),
        # Tokenised text puts a space before the comma.
        ("The tanker ran aground on March 24 , 1989 .", ("March 24 , 1989", "1989-03-24", "day")),
        (
            "It opened on Wednesday , 26 May , 2010 .",
            ("Wednesday , 26 May , 2010", "2010-05-26", "day"),
        ),
        ("The war ended in July , 1953 .", ("July , 1953", "1953-07", "month")),
    ],
)
def test_explicit_dates_are_absolute(text: str, expected: tuple[str, str, str]) -> None:
    assert mentions(text) == [(*expected, False)]
    assert mentions(text, published=None) == [(*expected, False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The train arrived at the station at 8h15.", ("8h15", "2019-02-26T08:15:00+08:00", True)),
        ("The car left at 8:15 a.m.", ("8:15 a.m.", "2019-02-26T08:15:00+08:00", True)),
        ("The car left at 9 pm.", ("9 pm", "2019-02-26T21:00:00+08:00", True)),
        ("The car left at 21:00.", ("21:00", "2019-02-26T21:00:00+08:00", True)),
        ("The car left at noon.", ("noon", "2019-02-26T12:00:00+08:00", True)),
        (
            "The motorcade left at 8:15 a.m. on Tuesday.",
            ("8:15 a.m. on Tuesday", "2019-02-26T08:15:00+08:00", True),
        ),
        (
            "He reached the border city after 21:00 local time (13:00 GMT) on Saturday.",
            ("21:00 local time (13:00 GMT) on Saturday", "2019-02-23T21:00:00+08:00", True),
        ),
        (
            "The meeting ended at 13:00 GMT on Saturday.",
            ("13:00 GMT on Saturday", "2019-02-23T13:00:00+00:00", True),
        ),
        (
            "Polls close at 8 p.m. ET on Feb. 26, 2019.",
            ("8 p.m. ET on Feb. 26, 2019", "2019-02-26T20:00:00-05:00", False),
        ),
        (
            "Polls close at 8 p.m. ET on July 4, 2019.",
            ("8 p.m. ET on July 4, 2019", "2019-07-04T20:00:00-04:00", False),
        ),
        (
            "The ship docked 0800 GMT on Feb. 26, 2019.",
            ("0800 GMT on Feb. 26, 2019", "2019-02-26T08:00:00+00:00", False),
        ),
        (
            "The log reads 2019-02-26T08:15:00+07:00 for the arrival.",
            ("2019-02-26T08:15:00+07:00", "2019-02-26T08:15:00+07:00", False),
        ),
    ],
)
def test_clock_times_carry_the_offset_of_their_zone(
    text: str, expected: tuple[str, str, bool]
) -> None:
    mention_text, when, relative = expected
    assert mentions(text) == [(mention_text, when, "time", relative)]


def test_a_clock_time_takes_the_day_the_sentence_names() -> None:
    assert mentions("On Saturday the train left, and at 9 p.m. it crossed the river.") == [
        ("Saturday", "2019-02-23", "day", True),
        ("9 p.m.", "2019-02-23T21:00:00+08:00", "time", True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The delegation reached the capital two days later.",
        "The summit comes eight months after their first meeting.",
        "Trade talks made progress last week.",
        "Kim may visit the capital soon.",
        "June Carter sang at the hall.",
        "2019 people attended the rally.",
        "Results of Super Tuesday came in.",
        "He quoted John 3:16 to the crowd.",
        "The line was built more than 60 years ago.",
        "The Korean War of 1950-53 never formally ended.",
        "Output has doubled over the last year.",
        "The file is dated 05/03/2019.",
        "The wreck lay fifty-three years ago unseen.",
        "He read USA Today on the plane.",
        "Kim waited in the afternoon sun.",
    ],
)
def test_phrases_that_are_not_placeable_times_give_no_mention(text: str) -> None:
    assert mentions(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The envoy arrived on Tuesday.",
        "The treaty was signed June 12.",
        "The first summit took place last June.",
        "Rescuers found the wreck yesterday.",
        "The car left at 8:15 a.m.",
    ],
)
def test_without_a_publication_date_relative_expressions_are_skipped(text: str) -> None:
    assert mentions(text, published=None) == []


# Monday 25 February 2019, 16:59 in Los Angeles; already Tuesday 00:59 in UTC.
LOS_ANGELES = "America/Los_Angeles"
EVENING_IN_LOS_ANGELES = datetime(2019, 2, 26, 0, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rescuers resumed the search today.", ("today", "2019-02-25", "day")),
        ("Rescuers found the wreck yesterday.", ("yesterday", "2019-02-24", "day")),
        ("The train reaches the border Tuesday morning.", ("Tuesday morning", "2019-02-26", "day")),
        ("The train will reach the border on Tuesday.", ("Tuesday", "2019-02-26", "day")),
        ("The train reached the border on Tuesday.", ("Tuesday", "2019-02-19", "day")),
        ("The train reached the border on Monday.", ("Monday", "2019-02-25", "day")),
        ("The car left at 8:15 a.m.", ("8:15 a.m.", "2019-02-25T08:15:00-08:00", "time")),
    ],
)
def test_relative_expressions_use_the_local_date_not_the_utc_date(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert mentions(text, published=EVENING_IN_LOS_ANGELES, zone=LOS_ANGELES) == [(*expected, True)]


def test_an_article_without_a_zone_is_read_in_utc() -> None:
    assert mentions("Rescuers resumed the search today.", zone=None) == [
        ("today", "2019-02-26", "day", True)
    ]


def test_offsets_point_into_the_article_text() -> None:
    article_text = "HANOI - Kim arrived on Tuesday. He left Pyongyang on Saturday."
    start = article_text.index("He left")
    sent = sentence(article_text[start:], start=start)
    [mention] = find_time_mentions(sent, published=PUBLISHED, zone=ZONE)
    assert article_text[mention.start : mention.end] == mention.text == "Saturday"
    assert (mention.article_id, mention.sentence) == ("a1", 0)


def test_an_unknown_zone_is_an_input_error_naming_the_article() -> None:
    with pytest.raises(InputError, match=r"a1: unknown time zone 'Mars/Olympus'"):
        find_time_mentions(sentence("today"), published=PUBLISHED, zone="Mars/Olympus")


def test_several_expressions_in_one_sentence_come_in_text_order() -> None:
    text = "Trump will meet Kim on Wednesday and Thursday, eight months after their summit in June."
    assert mentions(text) == [
        ("Wednesday", "2019-02-27", "day", True),
        ("Thursday", "2019-02-28", "day", True),
        ("eight months after their summit in June", "2019-02", "month", True),
        ("June", "2018-06", "month", True),
    ]


def test_a_distance_after_a_date_a_few_words_on_counts_from_that_date() -> None:
    text = "The talks resumed two days after the attack on March 3."
    assert mentions(text)[0][:2] == ("two days after the attack on March 3", "2018-03-05")


def test_the_end_of_a_span_is_the_nearest_such_day() -> None:
    # Published Friday 2025-03-14: "until Sunday" is two days ahead, though the verb is past.
    from datetime import UTC, datetime

    from builders import make_article

    from storyline.pipeline import build_document

    text = "The operator has cancelled all sailings to the island until Sunday."
    document = build_document(make_article(text, published=datetime(2025, 3, 14, 12, tzinfo=UTC)))
    (sent,) = document.sentences
    (mention,) = find_time_mentions(sent, published=document.article.published, zone=None)
    assert mention.when == "2025-03-16"
