"""Reading untrusted files and writing outputs atomically.

Outputs go to a temporary file in the same folder and are renamed over the
target, so a crash or a failing run leaves each file either as it was or
complete, never half-written.
"""

from __future__ import annotations

import codecs
import os
import stat
import tempfile
from pathlib import Path

from .errors import SourcegenError

MAX_BYTES = 20 * 1024 * 1024
"""Largest raw article accepted; a real interview is a few tens of kilobytes."""


def read_bytes(path: Path, *, limit: int = MAX_BYTES) -> bytes:
    """Read a file an editor named, turning every OS failure into a one-line error.

    Only a regular file is read: a named pipe or a device (``/dev/zero``)
    would block or never end. At most ``limit`` bytes are read even if the
    file grows after its size was checked.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourcegenError(path, None, "no such file") from None
    except OSError as exc:
        raise SourcegenError(path, None, f"cannot read: {exc.strerror}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise SourcegenError(path, None, "expected a file, found a directory")
    if not stat.S_ISREG(info.st_mode):
        kind = "a named pipe" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
        raise SourcegenError(path, None, f"expected a regular file, found {kind}")
    too_big = f"expected at most {limit:,} bytes (an article)"
    if info.st_size > limit:
        raise SourcegenError(path, None, f"file is {info.st_size:,} bytes; {too_big}")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise SourcegenError(path, None, f"cannot read: {exc.strerror}") from exc
    if len(data) > limit:
        raise SourcegenError(path, None, f"file grew past {limit:,} bytes while read; {too_big}")
    return data


def decode_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (or UTF-16 with a BOM) and report what was repaired.

    Returns the text with LF line ends and the list of repairs made, so the
    importer can record them. Binary and undecodable input is an error naming
    the first bad byte's line.
    """
    repairs: list[str] = []
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourcegenError(path, None, f"invalid UTF-16: {exc.reason}") from exc
        repairs.append("decoded from UTF-16")
    else:
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
            repairs.append("removed UTF-8 byte order mark")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise SourcegenError(
                path,
                line,
                f"expected UTF-8 text, found byte 0x{data[exc.start]:02x} that is not valid UTF-8",
            ) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourcegenError(path, line, "expected text, found a NUL byte (binary file?)")
    if "\r" in text:
        repairs.append("normalised CRLF/CR line ends")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, repairs


def read_text(path: Path) -> str:
    """Read an editor's UTF-8 file (interview.md, a note) with the same clear errors."""
    text, _ = decode_text(read_bytes(path), path)
    return text


def write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` via a temporary file and a rename.

    Returns False, touching nothing, when the file already holds exactly this
    text, so `mkdocs serve` reloads only what changed.
    """
    return write_atomic_bytes(path, text.encode("utf-8"))


def _umask() -> int:
    """The process's umask, read without changing it where Linux says it (changing it
    to read it, the only portable way, would race with other threads' files)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else what
    `open` would give a new file (0666 less the umask). `tempfile.mkstemp` makes
    its file 0600, which left generated pages unreadable to a web server."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def cannot(path: Path, doing: str, exc: OSError) -> SourcegenError:
    """A file system failure (full disk, no permission) as the one error type the
    core raises, naming the file: every write and move converts here."""
    return SourcegenError(path, None, f"cannot {doing}: {exc.strerror or exc}")


def write_atomic_bytes(path: Path, data: bytes) -> bool:
    """`write_atomic` for bytes (raw.txt is stored exactly as scraped)."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    try:
        _replace(path, data)
    except OSError as exc:
        raise cannot(path, "write", exc) from exc
    return True


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
