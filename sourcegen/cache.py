"""A build cache: what each interview gave the last build, keyed by its inputs.

Parsing, annotating and rendering an interview is most of the generator's
work, and on a large archive almost every interview is unchanged from one
build to the next. Each interview's page, index row and note usage are kept
in one JSON file, `.cache/sourcegen/pages.json` (Material's own plugins keep
theirs in `.cache/` too). The Pages workflow does not restore it: a deploy
is a cold build, made from the commit alone.

An entry is used only when everything its page is made from is unchanged:

* the interview.md bytes (the entry's key, per interview folder);
* the build's fingerprint: every note as loaded, the project's and the
  package's templates, the package's code, the versions of Python,
  Jinja2, markdown-it-py, mdit-py-plugins and PyYAML, and this file's format version.

Any other change (a note edited, sourcegen upgraded) makes every entry stale
at once, which is simply a cold build. A missing, unreadable or corrupt cache
file is a cold build too; the cache can always be deleted.

The cache folder is not trusted: it may be restored from CI, shared, or
edited, and a page's text goes into the site as it stands. So every entry
carries an HMAC of everything it says (its interview, its inputs' digests
and its page) under a secret key kept outside the project, in the user's
cache folder (`key_path`). Only this user's own builds can write an entry
that verifies; any other entry is a miss, that interview is parsed and
rendered again, and its entry replaced. Nothing executable is kept: the
templates are compiled from source on every run (see render.py).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import markdown_it
import mdit_py_plugins
import yaml

from .errors import SourcegenError
from .fileio import write_atomic
from .model import Note

FORMAT = 2
"""Bump when an entry's shape changes."""

log = logging.getLogger("mkdocs.plugins.sourcegen")

PACKAGE = Path(__file__).parent


@cache
def _code_digest() -> str:
    """The package's own code and templates: a development checkout changes them."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".j2") and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def fingerprint(notes: Iterable[Note], templates: Path) -> str:
    """What every interview page depends on besides the interview itself."""
    h = hashlib.sha256()
    versions = (FORMAT, sys.version_info[:2], jinja2.__version__, markdown_it.__version__)
    libraries = (mdit_py_plugins.__version__, yaml.__version__)
    h.update(repr((versions, libraries, _code_digest())).encode())
    for note in notes:
        h.update(repr(note).encode() + b"\0")
    if templates.is_dir():
        for path in sorted(templates.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(templates).as_posix().encode() + b"\0")
                h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def key_path() -> Path:
    """Where the key that signs cache entries lives: the user's cache folder, not the
    project's, so that a project folder (its `.cache/` included) carries no key
    with which its entries could be forged."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sourcegen" / "cache-key"


def secret() -> bytes | None:
    """This user's signing key, made on first use; None if it cannot be read or made
    (then no entry is trusted or written: every build is cold)."""
    path = key_path()
    for _ in range(2):
        try:
            data = path.read_bytes()
            if len(data) >= 32:
                return data
            return None  # not a key sourcegen made: trust nothing
        except FileNotFoundError:
            pass
        except OSError:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # another build made it just now: read that one
        except OSError:
            return None
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return None


def _mac(secret: bytes, slug: str, fingerprint: str, entry: dict[str, Any]) -> str:
    """The HMAC of what an entry says, bound to its interview and the build's inputs."""
    shape = json.dumps([entry["row"], entry["usage"]], sort_keys=True, separators=(",", ":"))
    head = "\0".join((slug, fingerprint, str(entry["key"]), shape, ""))
    # The page's text last and as it stands: encoding it as JSON cost more than the rest.
    data = head.encode("utf-8") + str(entry["text"]).encode("utf-8", "surrogatepass")
    return hmac.new(secret, data, hashlib.sha256).hexdigest()


def key(data: bytes) -> str:
    """An interview.md's entry key: the digest of its bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class PageCache:
    """Entries by interview folder name, read once per build and saved at its end."""

    path: Path
    fingerprint: str
    secret: bytes | None = None
    """The key entries are signed with; None: nothing is read or written."""
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def open(cls, path: Path, fingerprint: str) -> PageCache:
        store = cls(path, fingerprint, secret())
        if store.secret is None:
            log.info("sourcegen: no key to sign the build cache with (%s): not used", key_path())
            return store
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return store  # none yet, or unreadable: a cold build
        if (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and data.get("fingerprint") == fingerprint
            and isinstance(data.get("entries"), dict)
        ):
            store.entries = data["entries"]
        else:
            store.changed = True  # stale: replace it at the end of this build
        return store

    @classmethod
    def disabled(cls, path: Path) -> PageCache:
        """A cache that holds nothing and writes nothing (``cache=False``)."""
        return cls(path, "", None)

    @property
    def active(self) -> bool:
        """Whether entries are read and written at all (a key, and not `disabled`)."""
        return self.secret is not None

    def get(self, slug: str, key: str) -> dict[str, Any] | None:
        """The entry for ``slug`` if it was made from these bytes and its HMAC verifies;
        else None. (What it holds is checked by the one who reads it: pages.Page.)"""
        entry = self.entries.get(slug)
        if not (isinstance(entry, dict) and entry.get("key") == key) or self.secret is None:
            return None
        if (
            isinstance(entry.get("text"), str)
            and "row" in entry
            and "usage" in entry
            and isinstance(entry.get("mac"), str)
            and hmac.compare_digest(entry["mac"], _mac(self.secret, slug, self.fingerprint, entry))
        ):
            return entry
        return None

    def put(self, slug: str, entry: dict[str, Any]) -> None:
        if self.secret is None:
            return
        self.entries[slug] = {**entry, "mac": _mac(self.secret, slug, self.fingerprint, entry)}
        self.changed = True

    def retain(self, slugs: set[str]) -> None:
        """Forget interviews that are gone."""
        for slug in set(self.entries) - slugs:
            del self.entries[slug]
            self.changed = True

    def save(self) -> None:
        """Write the cache if anything changed. Called after the build's own outputs
        were written; a cache that cannot be written costs only speed, so that is
        logged, not raised."""
        if not self.changed or self.secret is None:
            return
        data = {"format": FORMAT, "fingerprint": self.fingerprint, "entries": self.entries}
        try:
            write_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        except SourcegenError as exc:  # write_atomic's form of an OSError
            log.info("sourcegen: could not write the build cache %s: %s", self.path, exc)
        self.changed = False
