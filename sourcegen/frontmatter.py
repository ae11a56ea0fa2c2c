"""YAML front matter with line numbers and a small schema.

Editors write front matter by hand, so every mistake is reported with the
file, the line of the offending key, what was expected and what was found.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from .dates import iso_problem
from .errors import SourcegenError

MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted; front matter needs three."""

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.1's resolver without dates: a date is read as the text written, so that
    an impossible one (2019-02-30) is a clear error here, not a ValueError inside
    PyYAML, and a glossary entry that looks like a date stays text."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}


class _Composer(yaml.composer.Composer):
    """Builds the node tree, refusing what an editor's file never needs and a hostile
    one uses: anchors and aliases (an alias bomb of a few hundred bytes expands
    ninefold a level), explicit tags (``!!timestamp``, ``!!python/...``), and nesting
    deeper than `MAX_DEPTH` (a RecursionError, or a crash in libyaml's composer).
    It works on the parser's events, so nothing is expanded before it is refused."""

    _depth = 0
    peek_event: Callable[[], Any]  # the parser's, in the loader classes below

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        problem = None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            problem = "an anchor or alias (`&name`, `*name`); expected each value written out"
        elif getattr(event, "tag", None) not in (None, "!"):
            problem = f"an explicit tag `{event.tag}`; expected plain values"
        elif self._depth >= MAX_DEPTH:
            problem = f"lists or mappings nested more than {MAX_DEPTH} deep"
        if problem:
            raise yaml.composer.ComposerError(None, None, "found " + problem, event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_CParser: Any = None
"""libyaml's parser, when PyYAML was built with it."""
try:
    import yaml.cyaml

    _CParser = yaml.cyaml.CParser  # type: ignore[attr-defined]
except (ImportError, AttributeError):  # pragma: no cover - PyYAML without libyaml
    pass

if _CParser is not None:

    class _Loader(_Composer, _CParser, yaml.constructor.SafeConstructor, _Resolver):  # type: ignore[misc]
        """libyaml's scanner and parser (faster than PyYAML's own) under `_Composer`."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)
            _Composer.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        _Composer,
        yaml.constructor.SafeConstructor,
        _Resolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            _Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Mapping[str, Any]) -> str:
    """YAML for front matter: keys in the order given, Unicode as is, no line folding."""
    text: str = yaml.dump(
        dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000
    )
    return text


Check = Callable[[Any], str | None]
"""Returns None when the value is fine, else a description of what was expected."""


def load(
    text: str, path: Path, first_line: int = 2, what: str = "front matter"
) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse a YAML mapping; return it and the line of each top-level key.

    ``what`` names the text in errors ("front matter", "the glossary")."""
    loader = None
    try:
        loader = _Loader(text)
        # One pass: the node tree gives each key's line, the same tree gives the data.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else None
        raise SourcegenError(path, line, f"{what} is not valid YAML: {exc.problem}") from exc
    except yaml.reader.ReaderError as exc:
        line = first_line + text[: exc.position].count("\n")
        raise SourcegenError(
            path,
            line,
            f"{what} is not valid YAML: found character #x{exc.character:04x}, "
            "which YAML does not allow (a control character?)",
        ) from exc
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        problem = " ".join(str(exc).split())
        raise SourcegenError(path, first_line, f"{what} is not valid YAML: {problem}") from exc
    finally:
        if loader is not None:
            loader.dispose()
    if node is not None:
        _no_duplicate_keys(node, path, first_line)
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise SourcegenError(
            path, first_line, f"{what}: expected a mapping of keys, found {type(data).__name__}"
        )
    lines = {k.value: first_line + k.start_mark.line for k, _ in node.value if hasattr(k, "value")}
    return data, lines


def _no_duplicate_keys(node: yaml.Node, path: Path, first_line: int) -> None:
    """YAML keeps the last of two equal keys; an editor's other value would vanish."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = getattr(key, "value", None)
            if isinstance(name, str):
                if name in seen:
                    raise SourcegenError(
                        path,
                        first_line + key.start_mark.line,
                        f"expected each key once, found `{name}` a second time",
                    )
                seen.add(name)
            _no_duplicate_keys(value, path, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _no_duplicate_keys(item, path, first_line)


def validate(
    data: Mapping[str, Any],
    lines: Mapping[str, int],
    schema: Mapping[str, tuple[Check, bool]],
    path: Path,
    default_line: int = 1,
) -> None:
    """Check keys against ``schema`` (key → (check, required))."""
    for key in data:
        if key not in schema:
            known = ", ".join(sorted(schema))
            raise SourcegenError(
                path, lines.get(key, default_line), f"unknown key `{key}`; expected one of: {known}"
            )
    for key, (check, required) in schema.items():
        if key not in data:
            if required:
                raise SourcegenError(
                    path,
                    default_line,
                    f"`{key}`: expected this key in the front matter, found none",
                )
            continue
        problem = check(data[key])
        if problem:
            found = data[key]
            shown = repr(found) if not isinstance(found, (dict, list)) else type(found).__name__
            raise SourcegenError(
                path, lines.get(key, default_line), f"`{key}`: expected {problem}, found {shown}"
            )


def text(nullable: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if value is None and nullable:
            return None
        if isinstance(value, str) and value.strip():
            return None
        return "a non-empty string" + (" or null" if nullable else "")

    return check


def iso_date(*words: str, nullable: bool = False) -> Check:
    """A date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` that exists (the rule is
    `dates.iso_problem`'s), or one of ``words`` (``undated``), or null if ``nullable``.
    A bare year reads as a YAML integer; ``yes``/``no`` read as booleans and are
    refused (they rendered as "dated True")."""
    others = [*(f"`{w}`" for w in words), *(["null"] if nullable else [])]
    also = f" (or {' or '.join(others)})" if others else ""

    def check(value: Any) -> str | None:
        if value is None and nullable:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return "a date written YYYY-MM-DD, YYYY-MM or YYYY" + also
        if value in words:
            return None
        why = iso_problem(value)
        return None if why is None else why + also

    return check


_URL_CHARS = re.compile(r"[!#-;=?-\[\]_a-z~%]+", re.IGNORECASE)
"""Printable ASCII less space, ``"``, ``<``, ``>``, backslash, `````, ``^``, ``{``, ``|``, ``}``."""


def is_url(value: Any) -> bool:
    """An absolute http(s) address with a host, in printable ASCII with no spaces,
    quotes, angle brackets or backslashes. It is written into Markdown links and
    autolinks, where these would end it early or start markup; the parentheses
    and brackets it may hold are percent-encoded there (`link_url`)."""
    if not (isinstance(value, str) and _URL_CHARS.fullmatch(value)):
        return False
    try:
        parts = urllib.parse.urlsplit(value)
    except ValueError:  # an unbalanced IPv6 bracket
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def link_url(value: str) -> str:
    """``value`` as it is kept for the pages: the characters Markdown reads as the end
    of a link or the start of another (``(``, ``)``, ``[``, ``]``) percent-encoded,
    so the URL stays one link to one address in any template, a site's own too."""
    return re.sub(r"[()\[\]]", lambda m: f"%{ord(m.group()):02X}", value)


def url(nullable: bool = False) -> Check:
    """An http(s) address (see `is_url`)."""

    def check(value: Any) -> str | None:
        if value is None and nullable:
            return None
        if is_url(value):
            return None
        return (
            "an http(s) URL with a host and without spaces, quotes, angle brackets or backslashes"
            + (" or null" if nullable else "")
        )

    return check


def flag(value: Any) -> str | None:
    """`true` or `false` (YAML's yes/no/on/off too, which PyYAML reads as booleans)."""
    return None if isinstance(value, bool) else "true or false"


def string_list(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return None
    return "a list of non-empty strings"


def string_map(value: Any) -> str | None:
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
        for k, v in value.items()
    ):
        return None
    return "a mapping of text to text"


_ABBREVIATION = re.compile(r"[\w&./'’+-]+(?: [\w&./'’+-]+)*")
ABBREVIATION_RULE = "letters, digits, & . / ' + - and single spaces, on one line"


def is_abbreviation(value: Any) -> bool:
    """A word an abbreviation tooltip may be defined for. It is written into the
    ``*[ABBR]: text`` line appended to every page: a line break, ``]`` or ``<`` in
    it would put raw Markdown and HTML (a script) on every page of the site."""
    return isinstance(value, str) and len(value) <= 40 and bool(_ABBREVIATION.fullmatch(value))


def abbr_map(value: Any) -> str | None:
    """A note's ``abbr:``: abbreviation → tooltip text."""
    if string_map(value) is None and all(is_abbreviation(k) for k in value):
        return None
    return f"a mapping of abbreviations ({ABBREVIATION_RULE}, at most 40) to text"


def records(fields: Mapping[str, tuple[Check, bool]]) -> Check:
    """A list of mappings, each with the given fields."""

    def check(value: Any) -> str | None:
        expected = "a list of mappings with keys " + ", ".join(fields)
        if not isinstance(value, list):
            return expected
        for i, item in enumerate(value, 1):
            if not isinstance(item, dict):
                return f"{expected} (item {i} is not a mapping)"
            for key in item:
                if key not in fields:
                    return f"{expected} (item {i} has unknown key `{key}`)"
            for key, (sub, required) in fields.items():
                if key not in item:
                    if required:
                        return f"{expected} (item {i} lacks `{key}`)"
                    continue
                problem = sub(item[key])
                if problem:
                    return f"{expected} (item {i}: `{key}` should be {problem})"
        return None

    return check


def as_text(value: Any) -> str:
    """A checked date (`iso_date`) as text: a bare year is read as an integer."""
    return str(value)


def split(source: str, path: Path) -> tuple[str, str, int]:
    """Split ``---`` front matter from the body: (yaml, body, line the body starts on)."""
    if not source.startswith("---\n"):
        raise SourcegenError(path, 1, "expected front matter starting with `---` on the first line")
    end = source.find("\n---\n", 3)
    if end == -1:
        if source.endswith("\n---"):
            end = len(source) - 4
        else:
            raise SourcegenError(
                path, 1, "front matter is not closed: expected a line `---` after it"
            )
    yaml_text = source[4 : end + 1]
    body = source[end + 5 :]
    body_line = yaml_text.count("\n") + 3
    return yaml_text, body, body_line
