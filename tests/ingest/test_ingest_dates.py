from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.dates import EARLIEST_YEAR, LATEST_YEAR, parse_published


@pytest.mark.parametrize(
    ("line", "utc", "zone"),
    [
        ("2019.02.26 09:15 GMT+8", datetime(2019, 2, 26, 1, 15), "UTC+08:00"),
        ("February 25, 2019 | 04:59 pm PT", datetime(2019, 2, 26, 0, 59), "America/Los_Angeles"),
        ("2019-02-26T09:15:00+07:00", datetime(2019, 2, 26, 2, 15), "UTC+07:00"),
        ("2019-02-26T09:15:00Z", datetime(2019, 2, 26, 9, 15), "UTC"),
        ("2019-02-26 09:15:00-05:30", datetime(2019, 2, 26, 14, 45), "UTC-05:30"),
        ("Tue, 26 Feb 2019 09:15:00 GMT", datetime(2019, 2, 26, 9, 15), "UTC"),
        ("Tue, 26 Feb 2019 09:15:00 +0700", datetime(2019, 2, 26, 2, 15), "UTC+07:00"),
        ("26 February 2019 14:30 CET", datetime(2019, 2, 26, 13, 30), "UTC+01:00"),
        ("26 July 2019 14:30 CEST", datetime(2019, 7, 26, 12, 30), "UTC+02:00"),
        ("Feb. 26, 2019 8:15 a.m. ET", datetime(2019, 2, 26, 13, 15), "America/New_York"),
        ("July 4, 2019 8:15 p.m. ET", datetime(2019, 7, 5, 0, 15), "America/New_York"),
        (
            "Updated: Tuesday 26 February 2019, 14:30 ICT",
            datetime(2019, 2, 26, 7, 30),
            "Asia/Ho_Chi_Minh",
        ),
        ("26.02.2019 10:00 KST", datetime(2019, 2, 26, 1, 0), "Asia/Seoul"),
        ("Feb 26 2019 10:00 (AEDT)", datetime(2019, 2, 25, 23, 0), "UTC+11:00"),
        ("Posted on March 3rd, 2019 at 10:00 UTC", datetime(2019, 3, 3, 10, 0), "UTC"),
        # Standard and summer time abbreviations are fixed offsets (RFC 822), in any season.
        ("Tue, 12 Mar 2024 18:00:00 EST", datetime(2024, 3, 12, 23, 0), "UTC-05:00"),
        ("Fri, 12 Jul 2024 18:00:00 EST", datetime(2024, 7, 12, 23, 0), "UTC-05:00"),
        ("Fri, 12 Jan 2024 18:00:00 PDT", datetime(2024, 1, 13, 1, 0), "UTC-07:00"),
        ("26 July 2019 14:30 CET", datetime(2019, 7, 26, 13, 30), "UTC+01:00"),
    ],
)
def test_date_lines_are_converted_to_utc_keeping_the_source_zone(
    line: str, utc: datetime, zone: str
) -> None:
    assert parse_published(line) == (utc.replace(tzinfo=UTC), zone)


def test_a_date_without_a_time_is_midnight_in_its_zone() -> None:
    assert parse_published("26 February 2019 PT") == (
        datetime(2019, 2, 26, 8, 0, tzinfo=UTC),
        "America/Los_Angeles",
    )


@pytest.mark.parametrize("line", ["2019-02-26", "26 February 2019", "February 26, 2019 09:15"])
def test_a_date_without_a_zone_is_taken_as_utc_with_no_zone(line: str) -> None:
    published = parse_published(line)
    assert published is not None
    assert published[0].tzinfo is UTC
    assert published[1] is None


@pytest.mark.parametrize(
    "line",
    [
        "",
        "Politics",
        "1. ITV Report",
        "CGTN",
        "Kim Jong Un arrives in Vietnam for summit with Trump",
        "Leaders meet in Hanoi on February 27, 2019 for a second summit",
        "32/13/2019",
        "February 30, 2019",
        "2019-13-01",
        "January 1, 9999",
        "9999-01-01T00:00:00Z",
        "February 2019",
        "2019",
        "26 February",
        "12:00 PT",
        "25:61 26 Feb 2019",
        "x" * 500,
    ],
)
def test_lines_that_are_not_a_full_possible_date_give_none(line: str) -> None:
    assert parse_published(line) is None


@given(st.text(max_size=120))
def test_any_line_gives_none_or_an_aware_utc_moment_in_range(line: str) -> None:
    published = parse_published(line)
    if published is not None:
        moment, _ = published
        assert moment.tzinfo is UTC
        assert EARLIEST_YEAR - 1 <= moment.year <= LATEST_YEAR + 1


_DATE_TOKENS = st.one_of(
    st.sampled_from(
        ["Feb", "February", "Tue,", "PT", "GMT+8", "+0700", "a.m.", "pm", "|", "Z", "T", "-", "/"]
    ),
    st.integers(min_value=-99999, max_value=99999).map(str),
    st.from_regex(r"\d{1,4}[-/.:]\d{1,4}([-/.:]\d{1,5})?", fullmatch=True),
)


@given(st.lists(_DATE_TOKENS, max_size=8).map(" ".join))
def test_date_like_lines_never_raise(line: str) -> None:
    published = parse_published(line)
    if published is not None:
        assert published[0].tzinfo is UTC
