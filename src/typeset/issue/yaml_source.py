"""YAML loaded safely, with the line and column of every key and value kept.

PyYAML's composed node tree carries positions but its constructed Python data does not;
validation errors need both, so this walks the node tree once and records a mark per path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from typeset.diagnostics import Diagnostics, Location, read_source

PathKey = tuple[str | int, ...]
_DATE = re.compile(r"\d{4}-\d\d?-\d\d?")  # impossible dates are left to the schema
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


@dataclass
class YamlDocument:
    """Plain data of a YAML file and where each part of it was written."""

    path: Path
    data: Any
    values: dict[PathKey, Location] = field(default_factory=dict)
    keys: dict[PathKey, Location] = field(default_factory=dict)
    written: dict[PathKey, str] = field(default_factory=dict)  # scalars as typed

    def locate(self, path: PathKey, *, key: bool = False) -> Location:
        """The nearest recorded place for `path`, walking up to its parents."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            if path[:end] in table:
                return table[path[:end]]
            if path[:end] in self.values:
                return self.values[path[:end]]
        return Location(self.path)


# Limits that keep loading linear in the file's size; an issue needs a fraction of each.
MAX_YAML_CHARACTERS = 200_000  # PyYAML reads about 100,000 a second; an issue, 10,000
MAX_DEPTH = 32  # nesting of mappings and lists
MAX_VALUES = 100_000  # values with aliases expanded: a "billion laughs" stops here


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node | yaml.Event, message: str) -> None:
        super().__init__(message)
        self.node = node


def load_yaml(path: Path, diagnostics: Diagnostics) -> YamlDocument | None:
    """Parse `path`; syntax errors, duplicate keys and what passes the limits go to
    `diagnostics`."""
    text = read_source(path, diagnostics)
    if text is None:
        return None
    if len(text) > MAX_YAML_CHARACTERS:
        diagnostics.error(
            Location(path), f"YAML file too large: more than {MAX_YAML_CHARACTERS:,} characters"
        )
        return None
    try:
        root = yaml.compose(text, Loader=_DepthLimitedLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        diagnostics.error(where, syntax_message(error, text))
        return None
    except yaml.reader.ReaderError as error:  # a control character or a bad byte
        diagnostics.error(
            _at_offset(path, text, error.position),
            f"YAML: character U+{error.character:04X} is not allowed ({error.reason})"
            if isinstance(error.character, int)
            else f"YAML: {error.reason}",
        )
        return None
    except _TooLarge as error:
        diagnostics.error(_where(path, error.node), str(error))
        return None
    document = YamlDocument(path, None)
    if root is not None:
        builder = _Builder(document, diagnostics)
        try:
            document.data = builder.build(root, ())
        except _TooLarge as error:
            diagnostics.error(_where(path, error.node), str(error))
            return None
    return document


class _DepthLimitedLoader(yaml.SafeLoader):
    """PyYAML composes nested lists and mappings recursively: 20,000 `[` would exhaust
    Python's stack, so composing stops past MAX_DEPTH levels."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                message = f"YAML nested too deep: more than {MAX_DEPTH} levels"
                raise _TooLarge(self.peek_event(), message)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _at_offset(path: Path, text: str, offset: int) -> Location:
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _where(path: Path, node: yaml.Node | yaml.Event) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self, document: YamlDocument, diagnostics: Diagnostics) -> None:
        self.document = document
        self.diagnostics = diagnostics
        self.constructor = yaml.SafeLoader("")
        self.values = 0
        self.open: set[int] = set()  # the nodes being built: an alias to one is a loop

    def where(self, node: yaml.Node) -> Location:
        return _where(self.document.path, node)

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _TooLarge(
                node, f"YAML too large: more than {MAX_VALUES:,} values, aliases expanded"
            )
        if len(path) > MAX_DEPTH:
            raise _TooLarge(node, f"YAML nested too deep: more than {MAX_DEPTH} levels")
        if id(node) in self.open:
            self.diagnostics.error(self.where(node), "YAML: an alias refers to its own value")
            return None
        self.document.values[path] = self.where(node)
        if isinstance(node, yaml.ScalarNode):
            self.document.written[path] = node.value
            return self.scalar(node)
        if node.tag not in _PLAIN_TAGS:
            self.diagnostics.error(
                self.where(node),
                f"'{node.tag}' is not allowed: write plain values, lists and keys only",
            )
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        """The typed value; an impossible date such as 2025-13-40 stays text for the schema
        to reject, and a value its tag cannot read (`!!bool maybe`) is an error here."""
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            self.diagnostics.error(
                self.where(node), f"'{node.tag}' is not allowed: write plain values only"
            )
        # PyYAML's constructors fail on bad input with whatever error comes up.
        except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError):
            if not (node.tag.endswith(":timestamp") and _DATE.fullmatch(node.value)):
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
                self.diagnostics.error(self.where(node), f"YAML: '{shown}' is not a valid {tag}")
        return node.value

    def mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                self.diagnostics.error(
                    self.where(key_node), "a key must be a plain word such as 'headline'"
                )
                continue
            if key in result:
                first = self.document.keys[(*path, key)]
                self.diagnostics.error(
                    self.where(key_node),
                    f"duplicate key '{key}' (first at line {first.line}); keep one of them",
                )
                continue
            self.document.keys[(*path, key)] = self.where(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result


# PyYAML's words for its syntax errors, in the words of someone editing issue.yaml; the
# hint says what to change. Matched on the start of PyYAML's `problem` text.
_SYNTAX = {
    "mapping values are not allowed": "a ':' where no key can start: put a value that "
    "holds ': ' in quotes, or indent this line like the keys above it",
    "could not find expected ':'": "a line without 'key: value': add the ':' after the key, "
    "or join this line to the value above it",
    "found character '\\t' that cannot start any token": "a tab: indent with spaces only",
    "found character '\\t'": "a tab: indent with spaces only",
    "expected <block end>": "this line's indentation does not match the lines above it: "
    "indent it like its neighbours",
    "did not find expected key": "this line's indentation does not match the lines above "
    "it: indent it like its neighbours",
    "expected '<document start>'": "a line that starts a new key at the left margin "
    "while the lines above it are not finished: check their indentation and quotes",
    "did not find expected '-' indicator": "a list item without '- ' or indented wrongly",
    "found unexpected end of stream": "the file ends inside a quoted value: close the quote",
    "did not find expected ',' or ']'": "a list in [ ] is not closed: add the ']'",
    "did not find expected ',' or '}'": "a mapping in { } is not closed: add the '}'",
    "expected ',' or ']'": "a list in [ ] is not closed: add the ']'",
    "expected ',' or '}'": "a mapping in { } is not closed: add the '}'",
    "found undefined alias": "'*' starts a YAML alias: put a value starting with '*' in quotes",
    "found character '@' that cannot start any token": "a value cannot start with '@': "
    "put it in quotes",
    "found character '`' that cannot start any token": "a value cannot start with '`': "
    "put it in quotes",
    "found unknown escape character": "an unknown '\\' escape in double quotes: use "
    "single quotes, or write '\\\\'",
}


def syntax_message(error: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's syntax error in this project's words, with what to change."""
    problem = error.problem or error.context or ""
    mark = error.problem_mark or error.context_mark
    if mark is not None:
        fullwidth = _fullwidth_colon(text.splitlines()[: mark.line + 1])
        if fullwidth:
            return fullwidth
    for start, message in _SYNTAX.items():
        if problem.startswith(start):
            return f"YAML cannot be read here: {message}"
    return f"YAML cannot be read here ({problem}); check the quotes and indentation"


def _fullwidth_colon(lines: list[str]) -> str:
    """A key followed by a Chinese '：' makes the whole line one value: the usual cause of
    the errors on the lines after it."""
    for number in range(len(lines) - 1, max(len(lines) - 3, -1), -1):
        head = lines[number].split("#")[0]
        if "：" in head and ":" not in head.split("：")[0]:
            return (
                f"line {number + 1} has a full-width '：' after its key: YAML needs a "
                "half-width ':' followed by a space"
            )
    return ""
