"""Invariants of time mentions on generated text."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Sentence
from storyline.temporal import find_time_mentions

FRAGMENTS = [
    "on Tuesday",
    "Saturday night (local time)",
    "last June",
    "next month",
    "in 1958",
    "Feb. 26",
    "February 26, 2019",
    "26/02/2019",
    "2019-02-26T08:15:00+07:00",
    "at 8:15 a.m.",
    "8h15",
    "21:00 local time (13:00 GMT)",
    "three days ago",
    "two days after",
    "yesterday",
    "tonight",
    "the day before yesterday",
    "mid-May",
    "this year",
    "will meet",
    "arrived",
    "was",
    "the envoy",
    ",",
    ";",
    "(",
    ")",
    "-",
    "May",
    "12",
    "2019",
]

words = st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=12))
moments = st.one_of(
    st.none(),
    st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(UTC)
    ),
)
zones = st.sampled_from(
    [None, "UTC", "UTC+08:00", "UTC-03:30", "America/Los_Angeles", "Asia/Seoul"]
)


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.text(max_size=30),
    body=st.lists(words, max_size=20),
    published=moments,
    zone=zones,
)
def test_every_mention_is_the_article_slice_at_its_offsets(
    prefix: str, body: list[str], published: datetime | None, zone: str | None
) -> None:
    text = " ".join(body)
    article_text = prefix + text + " The end."
    sent = Sentence(
        article_id="a1", index=3, start=len(prefix), end=len(prefix) + len(text), text=text
    )
    mentions = find_time_mentions(sent, published=published, zone=zone)
    for mention in mentions:
        assert article_text[mention.start : mention.end] == mention.text
        assert sent.start <= mention.start < mention.end <= sent.end
        assert mention.granularity in ("year", "month", "day", "time")
        assert (mention.article_id, mention.sentence) == ("a1", 3)
    starts = [mention.start for mention in mentions]
    assert starts == sorted(starts)
    if published is None:
        assert not any(mention.relative for mention in mentions)
