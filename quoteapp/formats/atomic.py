"""Atomic writes of text files, and setting aside a file that cannot be read.

Every file quoteapp saves (attribution files, the speaker registry, autosave copies, exports) goes
through `atomic_write_text` or `atomic_write_bytes`: a temp file in the same folder, flushed and
fsynced, then renamed over the target, so a crash mid-save never leaves a half-written file. Temp
files a killed save left behind are cleaned on the next write to their folder. `set_aside` renames
an unreadable file to `.bad` so a new one can be started without losing the old. Kept apart from
the attribution format because nothing here knows what the text holds.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from pathlib import Path

#: a temp file of `atomic_write_text` ("." + target name + "." + 8 hex digits + ".tmp")
TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[0-9a-f]{8}\.tmp")
#: a temp file older than this was left by a killed save: the next write to its folder removes it
STALE_TEMP_SECONDS = 600.0


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace `path` with `text` (UTF-8) all at once: a crash mid-save never leaves a half-written file.

    Raises OSError (or UnicodeEncodeError for text that is not valid Unicode) and writes nothing then.
    """
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` with `data` all at once (a DocBin, or text already encoded).

    Writes a temp file in the same folder (so `os.replace` is atomic), flushes and fsyncs it, then
    renames it over the target. On any failure the temp file is removed and the old file is untouched.
    Raises OSError and writes nothing then.
    """
    target = Path(os.path.realpath(path))  # write through a symlink instead of replacing it
    remove_stale_temp_files(target.parent)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 lets the umask decide a new file's mode, like open() would (mkstemp would force 0o600).
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _copy_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


_last_cleaned: dict[Path, float] = {}


def remove_stale_temp_files(folder: Path, *, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove the temp files a killed save left in `folder`: ours by name, regular files, older than `older_than` s.

    Done at most once per `older_than` seconds per folder and process, so that writing thousands of
    files into one folder does not list it thousands of times. A younger temp file may be another
    process's save in progress and is left alone. Best effort: returns what it removed.
    """
    now = time.monotonic()
    last = _last_cleaned.get(folder)
    if last is not None and now - last < older_than:
        return []
    _last_cleaned[folder] = now
    removed = []
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not TEMP_NAME.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _copy_mode(source: Path, dest: Path) -> None:
    """Keep the permissions of the file being replaced."""
    with contextlib.suppress(OSError):
        os.chmod(dest, stat.S_IMODE(source.stat().st_mode))


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the OS allows it (POSIX); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


BAD_SUFFIX = ".bad"


def set_aside(path: Path) -> Path:
    """Rename an unreadable file to `<name>.bad` (`<name>.2.bad`... if taken) and return the new path.

    The app can then start a new file without losing the old one for good: the user can mend the
    `.bad` file and rename it back. Raises OSError when it cannot be renamed.
    """
    target = path.with_name(path.name + BAD_SUFFIX)
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{n}{BAD_SUFFIX}")
    os.replace(path, target)
    return target
