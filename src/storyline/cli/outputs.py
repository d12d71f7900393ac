"""The paths of a command line: the inputs named, and output files checked before any work is
done for them, so that a path that cannot be written fails at once rather than after the run."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from storyline.errors import StorylineError


def input_paths(arguments: Sequence[str]) -> list[str | Path]:
    """The paths given on the command line; an empty one stays an empty string, which the
    reader rejects ("not-found"), instead of becoming Path("") (the current directory)."""
    return [Path(argument) if argument else argument for argument in arguments]


def named(inputs: Sequence[str | Path]) -> list[Path]:
    """The inputs that name a path (not the empty string)."""
    return [item for item in inputs if isinstance(item, Path)]


def output_file(name: str | None) -> Path | None:
    """The output file a command line names (None: none named); a name ending with a path
    separator ("out/") names a folder, which is refused rather than written as a file "out"."""
    if name is None:
        return None
    if name.endswith(("/", os.sep)):
        raise StorylineError(f"cannot write {name}: it names a directory; give a file name")
    return Path(name)


def check_writable(path: Path | None, *, keep: Sequence[Path] = ()) -> None:
    """``check_folder``, and check that the file can be written; raises ``StorylineError``."""
    if path is None:
        return
    check_folder(path, keep=keep)
    existed = path.exists()
    try:
        with path.open("a", encoding="utf-8"):  # appends nothing: the file is left as it was
            pass
    except OSError as e:
        raise StorylineError(f"cannot write {path}: {e.strerror}") from e
    if not existed:
        path.unlink()  # written when the run ends


def check_folder(path: Path, *, keep: Sequence[Path] = ()) -> None:
    """Make the folders a file goes in; raise ``StorylineError`` when it is a directory, lies
    under a file, or would overwrite one of the files to ``keep`` (the run's inputs, files in its
    input folders, the store)."""
    if path.is_dir():
        raise StorylineError(f"cannot write {path}: it is a directory")
    if any(_overwrites(path, other) for other in keep):
        raise StorylineError(f"cannot write {path}: it is an input or the story store of this run")
    blocking = next((folder for folder in path.parents if folder.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise StorylineError(f"cannot write {path}: {blocking} is a file, not a directory")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StorylineError(f"cannot write {path}: {e.strerror}") from e


def write_output(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as a new file put in its place (``os.replace``): a link at
    ``path``, hard or symbolic, is replaced, never written through, and a reader never sees a
    half-written file. Raises ``OSError``."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _overwrites(path: Path, kept: Path) -> bool:
    """Whether writing ``path`` would overwrite ``kept`` (the same file, through a symbolic or
    a hard link too), or a file in the folder ``kept``."""
    if path.exists() and kept.exists() and not kept.is_dir():
        return os.path.samefile(path, kept)
    target, kept = path.resolve(), kept.resolve()
    return target == kept or (kept.is_dir() and path.exists() and kept in target.parents)
