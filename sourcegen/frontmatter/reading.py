"""Reading the YAML an editor writes: strictly, with the line of every key.

No anchors, aliases or tags; nesting at most `MAX_DEPTH` deep; no key twice;
a date stays the text written. Every mistake is a SourcegenError naming the
file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..errors import SourcegenError

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
