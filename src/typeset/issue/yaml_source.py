"""YAML loaded safely, with the line and column of every key and value kept.

PyYAML's composed node tree carries positions but its constructed Python data does not;
validation errors need both, so this walks the node tree once and records a mark per path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from typeset.diagnostics import Diagnostics, Location, read_source

PathKey = tuple[str | int, ...]
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


def load_yaml(path: Path, diagnostics: Diagnostics) -> YamlDocument | None:
    """Parse `path`; syntax errors and duplicate keys go to `diagnostics`."""
    text = read_source(path, diagnostics)
    if text is None:
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        diagnostics.error(where, syntax_message(error, text))
        return None
    document = YamlDocument(path, None)
    if root is not None:
        document.data = _Builder(document, diagnostics).build(root, ())
    return document


class _Builder:
    def __init__(self, document: YamlDocument, diagnostics: Diagnostics) -> None:
        self.document = document
        self.diagnostics = diagnostics
        self.constructor = yaml.SafeLoader("")

    def where(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.document.path, mark.line + 1, mark.column + 1)

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.document.values[path] = self.where(node)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            self.diagnostics.error(
                self.where(node),
                f"'{node.tag}' is not allowed: write plain values, lists and keys only",
            )
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        self.document.written[path] = node.value
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        """The typed value; an impossible date such as 2025-13-40 stays text for the schema
        to reject, and a tag that safe loading refuses is an error here."""
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            self.diagnostics.error(
                self.where(node), f"'{node.tag}' is not allowed: write plain values only"
            )
        except ValueError:
            pass
        return node.value

    def mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node)
            if not isinstance(key, (str, int)):
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
