"""A corpus of hostile input files, for fuzzing ``storyline ingest`` and ``storyline digest``.

    python benchmarks/hostile_corpus.py OUT_DIR [--count N] [--seed S] [--huge-mb MB]

Every file is made by one of ``CATEGORIES`` (taken in turn, so that any ``count`` of at least
``len(CATEGORIES)`` covers them all): empty and whitespace-only files, random bytes named ".txt",
binary signatures, NUL bytes, UTF-16/UTF-32 with and without a BOM, cp1252, mixed encodings, BOMs
in odd places, control characters, long single lines built to trip quadratic code, deeply nested
and broken HTML, truncated and invalid JSON and JSON Lines (deep nesting, huge numbers, lone
surrogates, line separators inside strings), feeds with missing fields and impossible dates,
entity bombs, valid, truncated and corrupted WARC and WARC.gz files, right-to-left and
emoji-heavy text, impossible dates ("32/13/2019", year 9999), odd file names, symbolic links
that lead nowhere or to themselves, and copies of other files. Most files are hostile; a few are
good articles, so that the stages after reading (cleaning, clustering, the store) run too.

The corpus is a pure function of ``seed`` and ``count``: file ``i`` is made from its own random
generator seeded with ``(seed, i)``. Each file's name starts with its number and category
("00042-deep-html.html"), and every web address and record id in it contains that stem, so any
article or rejection can be traced back to its file.

``--huge-mb`` also writes one single-line text file of that many megabytes (``write_huge_line``),
streamed to disk; a run's ``max_file_bytes`` (50,000,000 by default) decides whether it is read.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import io
import json
import os
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_SUBJECTS = (
    "The council",
    "Rescue teams",
    "The ferry operator",
    "Dock workers",
    "The health ministry",
    "Farmers in the valley",
    "The mayor of Lindholm",
    "Police",
    "The weather service",
    "Investors",
)
_VERBS = (
    "said on Tuesday that",
    "warned on Friday that",
    "announced late on Sunday that",
    "confirmed that",
    "reported that",
)
_CLAUSES = (
    "the bridge would stay closed for eight more months",
    "the river had risen by 2.5 metres overnight",
    "more than 1,200 people had left their homes",
    "the talks would resume next week in the capital",
    "prices rose 3.4 percent in the year to March",
    "the harbour would reopen once the storm had passed",
    "the vote had been delayed until the end of the month",
    "a second team was sent to the mountain pass",
)
_RTL_WORDS = (
    "الحكومة",
    "قالت",
    "المدينة",
    "الأربعاء",
    "שלום",
    "העיר",
    "אמר",
    "ביום",
)
_EMOJI = ("😀", "🔥", "👍🏽", "🇺🇦", "👩‍👩‍👧‍👦", "🏳️‍🌈", "❤️", "🚀", "\u200d", "\ufe0f")
_BIDI_MARKS = ("\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066")
_BAD_DATES = (
    "32/13/2019",
    "9999-12-31",
    "9999-12-31T23:59:59+14:00",
    "0000-00-00",
    "February 30, 2019",
    "2019-02-26T25:61:61Z",
    "Feb 29 2100",
    "2019-02-26 10:00 GMT+99",
    "2019-02-26 10:00 +99:99",
    "31/12/1899",
    "Mon, 32 Foo 2019 99:99:99 +9999",
    "1e400",
    "2019-13-45",
    "the 5th of never",
    "2019-02-26T10:00:60Z",
    "Tue, 26 Feb 2019 10:00:60 GMT",
    "2019\u200f-02-26",
    "١٢/٠٢/٢٠١٩",
    "-0001-01-01",
    "99999999999999999999-01-01",
)
_SIGNATURES = (b"%PDF-1.4", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\x7fELF", b"\xff\xd8\xff\xe0")


def sentence(rng: random.Random) -> str:
    """One plausible news sentence, made up."""
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_CLAUSES)}."


def paragraph(rng: random.Random, *, sentences: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def article_text(rng: random.Random, *, paragraphs: int = 3) -> str:
    return "\n\n".join(paragraph(rng) for _ in range(paragraphs))


@dataclass(frozen=True, slots=True)
class Hostile:
    """One file to write: its name's ending and bytes, or a special kind of file instead."""

    suffix: str
    data: bytes = b""
    special: str | None = None  # "dangling-link", "link-loop" or "fifo": no bytes written


Maker = Callable[[random.Random, str], Hostile]
"""Makes one hostile file from a random generator and the file's stem (for addresses and ids)."""


# Plain bytes and encodings.


def _empty(rng: random.Random, stem: str) -> Hostile:
    return Hostile(rng.choice([".txt", ".html", ".json", ".jsonl", ".rss", ".warc", ".xml"]))


def _whitespace(rng: random.Random, stem: str) -> Hostile:
    blank = "".join(
        rng.choice(" \t\r\n\u00a0\u2028\u3000\ufeff") for _ in range(rng.randint(1, 500))
    )
    return Hostile(rng.choice([".txt", ".json", ".html"]), blank.encode("utf-8"))


def _random_bytes(rng: random.Random, stem: str) -> Hostile:
    return Hostile(".txt", rng.randbytes(rng.randint(1, 20_000)))


def _signature(rng: random.Random, stem: str) -> Hostile:
    return Hostile(".txt", rng.choice(_SIGNATURES) + rng.randbytes(rng.randint(0, 2000)))


def _nul_bytes(rng: random.Random, stem: str) -> Hostile:
    text = bytearray(article_text(rng).encode("utf-8"))
    for _ in range(rng.randint(1, 5)):
        text.insert(rng.randrange(len(text) + 1), 0)
    return Hostile(rng.choice([".txt", ".json", ".html", ".rss"]), bytes(text))


def _utf16(rng: random.Random, stem: str) -> Hostile:
    encoding = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
    data = article_text(rng).encode(encoding)
    if rng.random() < 0.3:
        data = data[: rng.randrange(len(data))]  # an odd number of bytes, a cut character
    return Hostile(rng.choice([".txt", ".html", ".json"]), data)


def _cp1252(rng: random.Random, stem: str) -> Hostile:
    text = article_text(rng).replace("said", "“said”").replace("the", "thé")
    return Hostile(".txt", (text + " – café €5").encode("cp1252"))


def _mixed_encodings(rng: random.Random, stem: str) -> Hostile:
    parts = [
        paragraph(rng).encode(rng.choice(["utf-8", "cp1252", "latin-1", "koi8-r", "utf-16-le"]))
        for _ in range(rng.randint(2, 5))
    ]
    parts.insert(rng.randrange(len(parts)), "naïve café".encode("cp1252"))
    return Hostile(".txt", b"\n\n".join(parts))


def _boms(rng: random.Random, stem: str) -> Hostile:
    boms = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
    text = article_text(rng).encode("utf-8")
    cut = rng.randrange(len(text))
    data = rng.choice(boms) + rng.choice([b"", *boms]) + text[:cut] + rng.choice(boms) + text[cut:]
    return Hostile(rng.choice([".txt", ".json", ".html", ".rss"]), data)


def _control_characters(rng: random.Random, stem: str) -> Hostile:
    text = "".join(
        char if rng.random() > 0.05 else chr(rng.choice([*range(1, 32), 127, 0x85, 0x2028]))
        for char in article_text(rng)
    )
    return Hostile(".txt", text.encode("utf-8"))


# Long lines: each pattern trips a different piece of quadratic code if there is one.
_LONG_LINE_UNITS = (
    "Mr. Smith ",  # abbreviations followed by capitals: a sentence that never ends
    ".",  # one run of full stops
    "!?",
    "@",  # one token of at-signs
    "a.",  # one dotted token
    '"',
    "“",
    "word ",
    "/ A ",
    "(photo ",
    "x",  # one word with no space at all
    "By Name ",
    "\u202e\u0627 ",
)


def _long_line(rng: random.Random, stem: str, *, max_chars: int = 400_000) -> Hostile:
    unit = rng.choice(_LONG_LINE_UNITS)
    size = rng.randint(max_chars // 8, max_chars)
    body = unit * (size // len(unit))
    if rng.random() < 0.5:
        body = sentence(rng) + " " + body + " " + sentence(rng)
    return Hostile(rng.choice([".txt", ".txt", ".html"]), body.encode("utf-8"))


# HTML.


def _deep_html(rng: random.Random, stem: str) -> Hostile:
    depth = rng.randint(300, 30_000)
    tag = rng.choice(["div", "span", "b", "table><tr><td", "ul><li", "section", "p"])
    closing = rng.random() < 0.5
    opened = f"<{tag}>" * depth
    inner = f"<p>{paragraph(rng)}</p>"
    closed = "".join(f"</{part}>" for part in reversed(tag.split("><"))) * depth if closing else ""
    page = f"<!DOCTYPE html><html><head><title>Deep</title></head><body>{opened}{inner}{closed}"
    return Hostile(".html", page.encode("utf-8"))


def _broken_html(rng: random.Random, stem: str) -> Hostile:
    good = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Report {stem}</title>"
        f"<meta property='article:published_time' content='{rng.choice(_BAD_DATES)}'>"
        f"</head><body><article><h1>Report</h1><p>{paragraph(rng)}</p><p>{paragraph(rng)}</p>"
        "</article></body></html>"
    )
    damage = rng.choice(
        [
            lambda page: page[: rng.randrange(len(page))],
            lambda page: page.replace("<p>", "<p " + "a=" * rng.randint(1, 5000), 1),
            lambda page: page.replace("<body>", "<body><!--" * rng.randint(1, 3)),
            lambda page: page.replace("<body>", "<body>" + "&amp;#" * 2000 + "&#xFFFFFFFF;&#0;"),
            lambda page: page.replace("utf-8", rng.choice(["idna", "utf-7", "x-bogus", "zlib"])),
            lambda page: "<script>" + page,
            lambda page: page.replace("<p>", "<p><" * 2000, 1),
            lambda page: page + "<svg>" * 500 + "<math>" * 500,
            lambda page: page.replace("<article>", "<article><![CDATA[" + "]" * 1000),
            lambda page: page.replace("Report", "\u202e" + "".join(_EMOJI) * 50),
        ]
    )
    return Hostile(rng.choice([".html", ".htm", ".xml", ".txt"]), damage(good).encode("utf-8"))


# JSON and JSON Lines.


def _record(rng: random.Random, stem: str, number: int) -> dict[str, object]:
    return {
        "id": f"{stem}-{number}",
        "text": article_text(rng, paragraphs=2),
        "title": sentence(rng),
        "url": f"https://hostile.example/{stem}/{number}",
        "published": f"2021-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00Z",
    }


def _bad_json_value(rng: random.Random, stem: str) -> str:
    depth = rng.randint(1_000, 200_000)
    return rng.choice(
        [
            "[" * depth + "]" * depth,
            '{"a":' * depth + "1" + "}" * depth,
            "[" * depth,
            '{"id": ' + "9" * rng.randint(4_400, 20_000) + ', "text": "x"}',
            '{"id": "x", "text": 1e999999}',
            '{"id": "x", "text": NaN, "title": Infinity}',
            '{"id": "x", "text": "lone \\ud800 surrogate in a sentence of enough words"}',
            '{"id": "\\udfff", "text": "' + paragraph(rng) + '"}',
            '{"id": "x", "text": "' + paragraph(rng) + '", "title": "\\udbff"}',
            '{"id": "x", "text": "a\\u0000b \\u0000 ' + paragraph(rng) + '"}',
            '{"id": "x", "text": "'
            + paragraph(rng)
            + '", "published": "'
            + rng.choice(_BAD_DATES)
            + '"}',
            '{"id": true, "text": []}',
            '{"id": "c", "articles": {"id": "x"}}',
            '{"id": "c", "articles": [1, null, "x", {"text": 5}]}',
            "null",
            '"just a string"',
            "{}",
            "[]",
            "[[]]",
            '{"id": "c", "articles": []}',
            '{"id": "x", "id": "y", "text": "' + paragraph(rng) + '"}',
            "\ufeff" + json.dumps(_record(rng, stem, 0)),
        ]
    )


def _json_file(rng: random.Random, stem: str) -> Hostile:
    if rng.random() < 0.5:
        text = _bad_json_value(rng, stem)
    else:
        text = json.dumps([_record(rng, stem, n) for n in range(rng.randint(1, 4))])
        text = text[: rng.randrange(len(text))]  # truncated
    return Hostile(".json", text.encode("utf-8"))


def _jsonl_file(rng: random.Random, stem: str) -> Hostile:
    lines: list[str] = []
    for number in range(rng.randint(1, 12)):
        roll = rng.random()
        if roll < 0.4:
            record = _record(rng, stem, number)
            if rng.random() < 0.3:
                record["text"] = str(record["text"]) + "\u2028" + rng.choice(_EMOJI) + "\u0085x"
            lines.append(json.dumps(record, ensure_ascii=rng.random() < 0.5))
        elif roll < 0.8:
            lines.append(_bad_json_value(rng, stem)[:300_000])
        else:
            lines.append(rng.choice(["", "   ", "\r", "{", "}", "[]", "\x1e{}", "\x00"]))
    text = rng.choice(["\n", "\r\n"]).join(lines)
    if rng.random() < 0.3:
        text = text[: rng.randrange(len(text) + 1)]
    return Hostile(rng.choice([".jsonl", ".ndjson"]), text.encode("utf-8", "surrogatepass"))


# Feeds.


def _feed_item(rng: random.Random, stem: str, number: int) -> str:
    fields = {
        "title": f"<title>{rng.choice([sentence(rng), '', '<b>bold</b>', '&bogus;'])}</title>",
        "link": f"<link>{rng.choice([f'https://hostile.example/{stem}/{number}', 'javascript:alert(1)', 'http://[broken', ''])}</link>",
        "guid": f"<guid>{rng.choice([f'{stem}-{number}', '', 'tag:x'])}</guid>",
        "date": f"<pubDate>{rng.choice((*_BAD_DATES, 'Tue, 26 Feb 2019 10:00:00 GMT'))}</pubDate>",
        "description": rng.choice(
            [
                f"<description>{paragraph(rng)}</description>",
                f"<description><![CDATA[<p>{paragraph(rng)}</p><script>x</script>]]></description>",
                "<description></description>",
                f"<description>&lt;div&gt;{'&lt;div&gt;' * 3000}{paragraph(rng)}</description>",
            ]
        ),
    }
    kept = [value for value in fields.values() if rng.random() < 0.75]
    return "<item>" + "".join(kept) + "</item>"


def _feed(rng: random.Random, stem: str) -> Hostile:
    kind = rng.random()
    if kind < 0.6:
        items = "".join(_feed_item(rng, stem, n) for n in range(rng.randint(0, 6)))
        title = rng.choice(["<title>Hostile News</title>", "", "<title></title>"])
        text = f"<?xml version='1.0'?><rss version='2.0'><channel>{title}{items}</channel></rss>"
    elif kind < 0.8:
        entries = "".join(
            f"<entry><id>{stem}-{n}</id><updated>{rng.choice(_BAD_DATES)}</updated>"
            f"<content type='{rng.choice(['html', 'text', 'xhtml', 'bogus'])}'>{paragraph(rng)}</content></entry>"
            for n in range(rng.randint(0, 4))
        )
        text = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>A</title>{entries}</feed>"
    else:
        text = (
            "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'aaaaaaaaaa'>"
            + "".join(
                f"<!ENTITY {chr(98 + n)} '{('&' + chr(97 + n) + ';') * 10}'>" for n in range(8)
            )
            + "]><rss version='2.0'><channel><item><description>&i;</description></item>"
            "</channel></rss>"
        )
    if rng.random() < 0.3:
        text = text[: rng.randrange(len(text))]
    return Hostile(rng.choice([".rss", ".xml", ".atom", ".txt"]), text.encode("utf-8"))


# Web archives.


def _warc(rng: random.Random, stem: str) -> Hostile:
    gzipped = rng.random() < 0.5
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record(f"{stem}.warc", {"software": "hostile"}))
    for number in range(rng.randint(1, 5)):
        body = rng.choice(
            [
                f"<html><head><title>T</title></head><body><p>{paragraph(rng)}</p></body></html>",
                "<div>" * 2000 + paragraph(rng),
                article_text(rng),
                "",
            ]
        ).encode(rng.choice(["utf-8", "utf-16", "cp1252"]))
        content_type = rng.choice(
            ["text/html", "text/html; charset=idna", "text/html; charset=utf-7", "image/png", None]
        )
        headers = [("Content-Type", content_type)] if content_type else []
        http = StatusAndHeaders(
            rng.choice(["200 OK", "404 Not Found", "200"]), headers, protocol="HTTP/1.1"
        )
        uri = f"https://hostile.example/{stem}/{number}"
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
            )
        )
    data = out.getvalue()
    damage = rng.random()
    if damage < 0.3:
        data = data[: rng.randrange(len(data))]
    elif damage < 0.5:
        spoiled = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            spoiled[rng.randrange(len(spoiled))] = rng.randrange(256)
        data = bytes(spoiled)
    elif damage < 0.6:
        data = (
            gzip.compress(rng.randbytes(rng.randint(0, 5000)))
            if gzipped
            else b"WARC/1.0\r\n" + rng.randbytes(500)
        )
    return Hostile(".warc.gz" if gzipped else rng.choice([".warc", ".txt"]), data)


# Scripts, dates and names.


def _rtl_text(rng: random.Random, stem: str) -> Hostile:
    words = [rng.choice(_RTL_WORDS + _BIDI_MARKS) for _ in range(rng.randint(20, 400))]
    text = " ".join(words) + ". " + paragraph(rng)
    return Hostile(rng.choice([".txt", ".html"]), text.encode("utf-8"))


def _emoji_text(rng: random.Random, stem: str) -> Hostile:
    text = " ".join(
        rng.choice(_EMOJI) * rng.randint(1, 30) if rng.random() < 0.6 else sentence(rng)
        for _ in range(rng.randint(5, 200))
    )
    zalgo = "".join(chr(rng.randint(0x300, 0x36F)) for _ in range(rng.randint(0, 3000)))
    return Hostile(".txt", (text + "Z" + zalgo + "\U0010fffd\ufffe").encode("utf-8"))


def _bad_date_header(rng: random.Random, stem: str) -> Hostile:
    header = f"World\n{rng.choice(_BAD_DATES)}\nStorm closes the coast road again\nHostile Post\n\n"
    return Hostile(".txt", (header + article_text(rng)).encode("utf-8"))


def _good_article(rng: random.Random, stem: str) -> Hostile:
    header = f"Tue, 26 Feb 2019 10:{rng.randint(10, 59)} GMT\nA report of the day {stem}\n\n"
    return Hostile(".txt", (header + article_text(rng, paragraphs=rng.randint(2, 6))).encode())


def _odd_name(rng: random.Random, stem: str) -> Hostile:
    name = rng.choice([" spaces  .txt", "\u202etxt.exe", "😀.txt", "new\nline.txt", "\xff.txt"])
    return Hostile(name, article_text(rng).encode("utf-8"))


def _special(rng: random.Random, stem: str) -> Hostile:
    return Hostile(".txt", special=rng.choice(["dangling-link", "link-loop", "fifo"]))


CATEGORIES: dict[str, Maker] = {
    "empty": _empty,
    "whitespace": _whitespace,
    "random-bytes": _random_bytes,
    "signature": _signature,
    "nul-bytes": _nul_bytes,
    "utf16-utf32": _utf16,
    "cp1252": _cp1252,
    "mixed-encodings": _mixed_encodings,
    "boms": _boms,
    "control-characters": _control_characters,
    "long-line": _long_line,
    "deep-html": _deep_html,
    "broken-html": _broken_html,
    "json": _json_file,
    "jsonl": _jsonl_file,
    "feed": _feed,
    "warc": _warc,
    "rtl": _rtl_text,
    "emoji": _emoji_text,
    "bad-date": _bad_date_header,
    "good": _good_article,
    "odd-name": _odd_name,
    "special": _special,
    "copy": _good_article,  # replaced by a copy of an earlier file when there is one
}


def write_hostile_corpus(
    directory: Path, count: int, seed: int, *, line_chars: int = 400_000
) -> list[Path]:
    """Write ``count`` hostile files into ``directory`` (created if absent); their paths in order.

    The same arguments give the same files byte for byte. Special files (symbolic links, named
    pipes) are among the paths: they are inputs too. ``line_chars`` bounds the long single
    lines (from an eighth of it to all of it): quadratic code shows at 40,000 already.
    """
    if count < 0:
        raise ValueError(f"'count' must be an int >= 0; got {count}")
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    categories = list(CATEGORIES.items())
    for index in range(count):
        name, maker = categories[index % len(categories)]
        stem = f"{index:05d}-{name}"
        rng = random.Random(f"{seed}:{index}")
        if name == "long-line":
            hostile = _long_line(rng, stem, max_chars=line_chars)
        elif name == "copy" and paths:
            source = rng.choice(
                [path for path in paths if path.is_file() and not path.is_symlink()]
            )
            hostile = Hostile(source.suffix or ".txt", source.read_bytes())
        else:
            hostile = maker(rng, stem)
        path = _write(directory, stem, hostile)
        paths.append(path)
    return paths


def _write(directory: Path, stem: str, hostile: Hostile) -> Path:
    path = directory / os.fsdecode(os.fsencode(stem) + _name_bytes(hostile.suffix))
    if hostile.special == "dangling-link":
        path.symlink_to(directory / f"{stem}-missing.txt")
    elif hostile.special == "link-loop":
        path.symlink_to(path.name)
    elif hostile.special == "fifo":
        os.mkfifo(path)
    else:
        path.write_bytes(hostile.data)
    return path


def _name_bytes(suffix: str) -> bytes:
    """A name's ending as bytes; "\\xff" stands for that byte, which is not UTF-8."""
    return b"\xff.txt" if suffix == "\xff.txt" else suffix.encode("utf-8")


def write_huge_line(path: Path, *, size_bytes: int, seed: int) -> Path:
    """A text file of ``size_bytes`` bytes on one line: news sentences with no line break."""
    rng = random.Random(seed)
    block = " ".join(sentence(rng) for _ in range(2_000)).encode("utf-8") + b" "
    with path.open("wb") as handle:
        written = 0
        while written < size_bytes:
            chunk = block[: size_bytes - written]
            handle.write(chunk)
            written += len(chunk)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="directory to write the files into")
    parser.add_argument("--count", type=int, default=2_000, help="how many files (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--line-chars", type=int, default=400_000, help="longest single lines (default 400000)"
    )
    parser.add_argument(
        "--huge-mb",
        type=float,
        default=0.0,
        help="also write one single-line text file of this many megabytes (10^6 bytes)",
    )
    options = parser.parse_args(argv)
    paths = write_hostile_corpus(
        options.out, options.count, options.seed, line_chars=options.line_chars
    )
    if options.huge_mb > 0:
        huge = options.out / "huge-single-line.txt"
        paths.append(
            write_huge_line(huge, size_bytes=int(options.huge_mb * 1_000_000), seed=options.seed)
        )
    print(f"wrote {len(paths)} files to {options.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
