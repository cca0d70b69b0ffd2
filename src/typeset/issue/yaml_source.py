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
        diagnostics.error(where, f"YAML syntax: {error.problem or error.context}")
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
            self.diagnostics.error(self.where(node), f"YAML tag '{node.tag}' is not allowed")
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        """The typed value; an impossible date such as 2025-13-40 stays text for the schema
        to reject, and a tag that safe loading refuses is an error here."""
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            self.diagnostics.error(self.where(node), f"YAML: {error.problem}")
        except ValueError:
            pass
        return node.value

    def mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node)
            if not isinstance(key, (str, int)):
                self.diagnostics.error(self.where(key_node), "a key must be a plain word")
                continue
            if key in result:
                self.diagnostics.error(self.where(key_node), f"duplicate key '{key}'")
                continue
            self.document.keys[(*path, key)] = self.where(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result
