from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.config import Config
from storyline.ingest import read_inputs
from storyline.model import IngestResult, Rejection

REPORT = (
    "Storm hits the coast hard\n\n"
    "The storm reached the coast on Tuesday morning and forced thousands of people to leave "
    "their homes, officials said.\n"
)
CP1252_REPORT = (
    "Café owners in the old town said the “worst storm in years” had flooded their cellars, "
    "and the mayor promised help before the weekend.\n"
)


def write_bytes(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def only_rejection(result: IngestResult) -> Rejection:
    assert result.articles == ()
    (rejection,) = result.rejections
    return rejection


def test_seed_files_all_load(seed_paths: list[Path], config: Config) -> None:
    result = read_inputs(seed_paths, config=config)
    assert result.rejections == ()
    assert [article.id for article in result.articles] == [path.stem for path in seed_paths]


def test_a_utf16_file_with_a_bom_loads(tmp_path: Path, config: Config) -> None:
    path = write_bytes(tmp_path / "u16.txt", REPORT.encode("utf-16"))
    (article,) = read_inputs([path], config=config).articles
    assert article.text == REPORT
    assert article.title == "Storm hits the coast hard"


def test_a_utf8_file_with_a_bom_loads_without_it(tmp_path: Path, config: Config) -> None:
    path = write_bytes(tmp_path / "bom.txt", REPORT.encode("utf-8-sig"))
    (article,) = read_inputs([path], config=config).articles
    assert article.text == REPORT


@pytest.mark.parametrize("name", ["saved.htm", "saved.html"])
def test_plain_text_saved_under_a_page_name_is_read_as_text(
    tmp_path: Path, config: Config, name: str
) -> None:
    path = write_bytes(tmp_path / name, REPORT.encode("utf-8"))
    (article,) = read_inputs([path], config=config).articles
    assert article.text == REPORT
    assert article.title == "Storm hits the coast hard"


def test_a_cp1252_file_loads(tmp_path: Path, config: Config) -> None:
    path = write_bytes(tmp_path / "legacy.txt", CP1252_REPORT.encode("cp1252"))
    (article,) = read_inputs([path], config=config).articles
    assert article.text == CP1252_REPORT


RUSSIAN_REPORT = (
    "Сильный шторм обрушился на побережье во вторник утром, и тысячи жителей покинули свои "
    "дома, сообщили власти города.\n"
)
JAPANESE_REPORT = "火曜日の朝、強い嵐が沿岸を襲い、数千人の住民が家を離れたと当局が発表した。\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN_REPORT, "cp1251"),
        (RUSSIAN_REPORT, "koi8-r"),
        (JAPANESE_REPORT * 3, "shift_jis"),
        (JAPANESE_REPORT * 3, "euc-jp"),
        (REPORT, "utf-16-le"),  # no byte-order mark
        (REPORT, "utf-16-be"),
    ],
    ids=["cp1251", "koi8-r", "shift_jis", "euc-jp", "utf-16-le", "utf-16-be"],
)
def test_a_text_file_in_a_legacy_encoding_of_its_script_loads(
    tmp_path: Path, config: Config, text: str, encoding: str
) -> None:
    path = write_bytes(tmp_path / "legacy.txt", text.encode(encoding))
    (article,) = read_inputs([path], config=config).articles
    assert article.text == text


def _page(body: str, *, head: str = "") -> str:
    styles = "<link rel=stylesheet href=/static/css/main.css>" * 40  # mostly ASCII bytes
    return f"<html><head>{head}<title>Шторм</title>{styles}</head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    "head", ['<meta charset="windows-1251">', ""], ids=["declared", "undeclared"]
)
def test_a_page_in_cp1251_is_read_in_it_not_as_cp1252(
    tmp_path: Path, config: Config, head: str
) -> None:
    page = _page(RUSSIAN_REPORT * 2, head=head)
    path = write_bytes(tmp_path / "page.html", page.encode("cp1251"))
    (article,) = read_inputs([path], config=config).articles
    assert "Сильный шторм обрушился на побережье" in article.text
    assert article.language == "ru"


@pytest.mark.parametrize(
    ("name", "data", "reason", "detail"),
    [
        ("empty.txt", b"", "empty", "0 bytes"),
        ("blank.txt", b" \n\n\t\n", "empty", "only whitespace"),
        ("nul.txt", b"Some text\x00\x00\x00 with NUL bytes", "binary", "NUL bytes"),
        ("random.txt", random.Random(7).randbytes(4096), "binary", "not a text file"),
        ("high.txt", bytes(range(0x80, 0x100)) * 8, "binary", "mostly bytes that are not text"),
        ("garbage.txt", b"The storm \x81\x8d\x90 reached the coast.", "encoding", "0x81"),
        ("report.pdf", b"%PDF-1.4 ...", "unsupported-format", "'.pdf' files"),
        ("report.docx", b"PK\x03\x04...", "unsupported-format", "'.docx' files"),
        ("disguised.txt", b"%PDF-1.7\n%binary", "unsupported-format", "is a PDF"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n....", "unsupported-format", "PNG image"),
        ("cut.json", b'{"id": "a", "text": "abc', "parse-error", "invalid JSON"),
        ("nav.html", b"<html><body><nav>Home</nav></body></html>", "no-text", "no main text"),
    ],
)
def test_a_bad_file_becomes_one_rejection_with_a_reason(
    tmp_path: Path, config: Config, name: str, data: bytes, reason: str, detail: str
) -> None:
    path = write_bytes(tmp_path / name, data)
    rejection = only_rejection(read_inputs([path], config=config))
    assert (rejection.source, rejection.reason) == (str(path), reason)
    assert detail in rejection.detail


def test_a_missing_path_is_not_found(tmp_path: Path, config: Config) -> None:
    missing = tmp_path / "nowhere.txt"
    result = read_inputs([missing, ""], config=config)
    assert result.articles == ()
    assert result.rejections == (
        Rejection(str(missing), "not-found", "no file or directory exists at this path"),
        Rejection("", "not-found", "the input path is an empty string"),
    )


def test_a_file_over_the_size_limit_is_too_large(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "big.txt", REPORT.encode())
    rejection = only_rejection(read_inputs([path], config=Config(max_file_bytes=10)))
    assert rejection.reason == "too-large"
    assert f"{len(REPORT.encode())} bytes" in rejection.detail
    assert "max_file_bytes=10" in rejection.detail


def test_directories_are_walked_recursively_in_sorted_order_skipping_hidden(
    tmp_path: Path, config: Config
) -> None:
    for relative in ("b.txt", "a/z.txt", "a/c/d.txt", ".hidden.txt", ".git/e.txt", "a/.f.txt"):
        write_bytes(tmp_path / relative, REPORT.encode())
    result = read_inputs([tmp_path], config=config)
    assert result.rejections == ()
    assert [article.source for article in result.articles] == [
        str(tmp_path / "a" / "c" / "d.txt"),
        str(tmp_path / "a" / "z.txt"),
        str(tmp_path / "b.txt"),
    ]


def test_bad_files_do_not_stop_the_others(tmp_path: Path, config: Config) -> None:
    write_bytes(tmp_path / "1.txt", REPORT.encode())
    write_bytes(tmp_path / "2.txt", b"")
    write_bytes(tmp_path / "3.pdf", b"%PDF")
    write_bytes(tmp_path / "4.txt", REPORT.encode())
    result = read_inputs([tmp_path, tmp_path / "missing"], config=config)
    assert [article.id for article in result.articles] == ["1", "4"]
    assert [rejection.reason for rejection in result.rejections] == [
        "empty",
        "unsupported-format",
        "not-found",
    ]


def test_article_ids_are_unique_across_files(tmp_path: Path, config: Config) -> None:
    paths = [
        write_bytes(tmp_path / sub / "story.txt", f"{REPORT}Filed from desk {sub}.\n".encode())
        for sub in "abc"
    ]
    result = read_inputs(paths, config=config)
    assert [article.id for article in result.articles] == ["story", "story-2", "story-3"]


def test_a_file_named_twice_is_read_once(tmp_path: Path, config: Config) -> None:
    path = write_bytes(tmp_path / "story.txt", REPORT.encode())
    result = read_inputs([path, tmp_path], config=config)
    assert len(result.articles) == 1
    assert [rejection.reason for rejection in result.rejections] == ["duplicate-input"]


def test_html_is_sniffed_in_a_file_without_an_html_name(tmp_path: Path, config: Config) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Storm</title></head><body><article>"
        f"<p>{REPORT.splitlines()[2]}</p></article></body></html>"
    )
    path = write_bytes(tmp_path / "saved", page.encode())
    (article,) = read_inputs([path], config=config).articles
    assert "<p>" not in article.text
    assert article.title == "Storm"


def test_seed_copies_in_a_directory_load_with_their_headers(
    tmp_path: Path, seed_paths: list[Path], config: Config
) -> None:
    for path in seed_paths:
        shutil.copy(path, tmp_path / path.name)
    result = read_inputs([str(tmp_path)], config=config)
    assert [article.title is not None for article in result.articles] == [
        True,
        True,
        True,
        False,
        True,
    ]


@settings(max_examples=60, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda text: text.encode("utf-8")),
        st.text(max_size=300).map(lambda text: text.encode("utf-16")),
    ),
    suffix=st.sampled_from(
        [".txt", ".json", ".jsonl", ".html", "", ".rss", ".atom", ".xml", ".warc", ".warc.gz"]
    ),
)
def test_any_file_content_gives_articles_or_rejections_never_an_error(
    data: bytes, suffix: str
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = write_bytes(Path(directory) / f"input{suffix}", data)
        result = read_inputs([path], config=Config())
    for article in result.articles:
        assert 0 <= article.body_start <= len(article.text)
        assert article.text.strip()
    for rejection in result.rejections:
        assert rejection.reason and rejection.detail
    assert len({article.id for article in result.articles}) == len(result.articles)


def test_a_single_path_string_is_one_input(tmp_path: Path, config: Config) -> None:
    write_bytes(tmp_path / "story.txt", REPORT.encode())
    assert [article.id for article in read_inputs(str(tmp_path), config=config).articles] == [
        "story"
    ]


def test_a_loop_of_symbolic_links_is_rejected_as_unreadable_not_a_crash(
    tmp_path: Path, config: Config
) -> None:
    # Path.resolve raised RuntimeError ("Symlink loop") and the whole run failed.
    loop = tmp_path / "loop.txt"
    loop.symlink_to("loop.txt")
    write_bytes(tmp_path / "story.txt", REPORT.encode())
    result = read_inputs([tmp_path], config=config)
    assert [article.id for article in result.articles] == ["story"]
    assert [(r.source, r.reason) for r in result.rejections] == [(str(loop), "unreadable")]
    assert "Too many levels of symbolic links" in result.rejections[0].detail


def test_a_link_to_a_folder_is_followed_and_a_link_back_up_is_not_walked_twice(
    tmp_path: Path, config: Config
) -> None:
    elsewhere = tmp_path / "elsewhere"
    write_bytes(elsewhere / "linked.txt", REPORT.encode())
    root = tmp_path / "news"
    write_bytes(root / "story.txt", REPORT.replace("storm", "flood").encode())
    (root / "more").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "up").symlink_to(root, target_is_directory=True)  # a loop through two links
    result = read_inputs([root], config=config)
    assert sorted(article.id for article in result.articles) == ["linked", "story"]
    assert result.rejections == ()


def test_a_file_name_that_is_not_utf8_is_named_with_escapes_that_can_be_stored(
    tmp_path: Path, config: Config
) -> None:
    # The name's byte 0xff became a lone surrogate in the article's id and source, and the store
    # failed to encode it, ending the run.
    directory = os.fsencode(tmp_path)
    write_bytes(Path(os.fsdecode(directory + b"/caf\xe9.txt")), REPORT.encode())
    write_bytes(Path(os.fsdecode(directory + b"/empty\xff.txt")), b"")
    result = read_inputs([tmp_path], config=config)
    (article,) = result.articles
    assert (article.id, article.source) == ("caf\\xe9", f"{tmp_path}/caf\\xe9.txt")
    assert [r.source for r in result.rejections] == [f"{tmp_path}/empty\\xff.txt"]


def test_a_folder_that_cannot_be_listed_is_a_rejection_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Permissions do not stop root (the tests may run as root): the listing is refused here.
    write_bytes(tmp_path / "news" / "a.txt", REPORT.encode())
    write_bytes(tmp_path / "news" / "locked" / "b.txt", REPORT.encode())
    locked = str(tmp_path / "news" / "locked")
    listing = os.scandir

    def refusing(path: str | os.PathLike[str] = ".") -> object:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", refusing)
    result = read_inputs([tmp_path / "news"], config=Config())
    assert [article.id for article in result.articles] == ["a"]
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (locked, "unreadable")
    assert rejection.detail == "the folder cannot be listed: Permission denied"


def test_a_dash_is_not_read_as_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no file named "-" here
    (rejection,) = read_inputs(["-"], config=Config()).rejections
    assert (rejection.source, rejection.reason) == ("-", "not-found")
    assert rejection.detail == "standard input is not read: give files or folders"


def test_the_same_record_read_twice_is_skipped_the_second_time(tmp_path: Path) -> None:
    line = '{"id": "storm", "text": "The storm reached the coast on Tuesday morning."}\n'
    other = '{"id": "storm", "text": "Another report under the same id, of a fire."}\n'
    write_bytes(tmp_path / "a.jsonl", (line + other).encode())
    write_bytes(tmp_path / "b.jsonl", line.encode())
    result = read_inputs([tmp_path], config=Config())
    assert [article.id for article in result.articles] == ["storm", "storm-2"]
    (rejection,) = result.rejections
    assert (rejection.reason, rejection.is_failure) == ("duplicate-input", False)
    assert "'storm' was read earlier in this run, with the same text" in rejection.detail
    # The store keeps the ids as given and counts the duplicate itself.
    kept = read_inputs([tmp_path], config=Config(), unique_ids=False)
    assert [article.id for article in kept.articles] == ["storm", "storm", "storm"]
