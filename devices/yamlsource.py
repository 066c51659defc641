"""Safe, position-aware reading of the YAML files people write (kit, workshops, tour, config).

Plain values follow YAML 1.2's core schema (`en: Yes` is text, `010` is ten, dates are text);
every problem becomes a `Problem` (`path:line:column: message`); `yamlcheck` checks the values.
"""

from __future__ import annotations

import math
import os
import re
import stat
from dataclasses import dataclass

import yaml

from devices.yamlerrors import (
    COMPACT_NESTING,
    DEEP,
    MAX_DEPTH,
    Place,
    explain,
    position,
    too_deep,
    too_deep_flow,
)

MAX_BYTES = 1_048_576  # a workshop of 1 MiB is already absurd; a 50 MB file is refused unread
MAX_NODES = 10_000  # values after alias expansion (a big workshop has ~500): stops "billion laughs"
MAX_STRING = 10_000  # characters in one scalar

KeyPath = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:merge",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, pointing at the exact place (1-based line and column)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class SourceError(Exception):
    """A file could not be read at all; carries the problems that say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class Document:
    """Plain Python data read from one YAML file, plus where each value stood in it and, for
    single values, what the author wrote (`1.10` is read as the number 1.1)."""

    path: str
    data: object
    values: dict[KeyPath, tuple[int, int]]
    keys: dict[KeyPath, tuple[int, int]]
    written: dict[KeyPath, str]

    def where(self, keypath: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column of a value (or of its key), else of its nearest known parent."""
        table = self.keys if key else self.values
        for end in range(len(keypath), -1, -1):
            found = table.get(keypath[:end]) or self.values.get(keypath[:end])
            if found:
                return found
        return (1, 1)

    def problem(self, keypath: KeyPath, message: str, *, key: bool = False) -> Problem:
        line, column = self.where(keypath, key=key)
        return Problem(self.path, line, column, message)


def read(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse a YAML file safely; raise SourceError with positioned problems."""
    name = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise SourceError([Problem(name, 1, 1, "is a folder, not a file")])
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device could block or never end
            raise SourceError([Problem(name, 1, 1, "is not a regular file")])
        if info.st_size > max_bytes:
            message = f"file is too large ({info.st_size:,} bytes; at most {max_bytes:,})"
            raise SourceError([Problem(name, 1, 1, message)])
        with open(path, "rb") as f:
            raw = f.read(max_bytes + 1)  # one byte too many: the file grew since stat()
    except OSError as err:
        raise SourceError([Problem(name, 1, 1, f"cannot read: {err.strerror}")]) from None
    if len(raw) > max_bytes:
        message = f"file is too large (more than {max_bytes:,} bytes)"
        raise SourceError([Problem(name, 1, 1, message)])
    return parse(raw, name)


def parse(raw: bytes, name: str) -> Document:
    """Parse YAML bytes (already size-checked) into a Document."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        message = f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8"
        raise SourceError([Problem(name, line, column, message)]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        ln.strip().startswith("#") or not ln.strip() for ln in text.splitlines()
    ):
        raise SourceError([Problem(name, 1, 1, "file is empty")])
    place = None
    if text.count("[") + text.count("{") > MAX_DEPTH:
        place = too_deep_flow(text)  # PyYAML's scanner takes quadratic time on deep [[[[...
    if place is None and (m := COMPACT_NESTING.search(text)):
        place = Place(*position(text, m.start()), DEEP)
    if place is not None:
        raise SourceError([Problem(name, *place)])
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        raise SourceError([Problem(name, *explain(text, err))]) from None
    except yaml.reader.ReaderError as err:
        line, column = position(text, err.position)
        message = f"character U+{err.character:04X} is not allowed in a YAML file"
        raise SourceError([Problem(name, line, column, message)]) from None
    except yaml.YAMLError as err:
        message = " ".join(str(err).split())  # one line, whatever PyYAML wrote
        raise SourceError([Problem(name, 1, 1, f"YAML error: {message}")]) from None
    except RecursionError:  # the composer recurses once per level: find where it went too deep
        raise SourceError([Problem(name, *too_deep(text))]) from None
    if node is None:
        raise SourceError([Problem(name, 1, 1, "file is empty")])
    builder = _Builder(name)
    data = builder.build(node, ())
    if builder.problems:
        raise SourceError(builder.problems)
    return Document(name, data, builder.values, builder.keys, builder.written)


class _CoreLoader(yaml.SafeLoader):
    """PyYAML's safe loader resolving plain scalars by YAML 1.2's core schema instead of 1.1's
    (where `no`, `on` and `Yes` are booleans, `010` is eight and `2026-02-12` a date)."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 (PyYAML's own class-level table)


_CORE_SCHEMA = [  # (tag, pattern, first characters); the YAML 1.2.2 spec, section 10.3.2
    ("null", r"null|Null|NULL|~|", "nN~"),
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        "float",
        r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
        r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
        "-+.0123456789",
    ),
    ("merge", r"<<", "<"),  # not in 1.2, but the `<<: *base` files already use
]
for _tag, _pattern, _first in _CORE_SCHEMA:
    _CoreLoader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}",
        re.compile(f"^(?:{_pattern})$"),
        [*_first, ""] if _tag == "null" else list(_first),
    )


def _compose(text: str) -> yaml.Node | None:
    """The node graph of one document, by PyYAML's pure-Python parser on purpose: libyaml is
    faster but accepts a slightly different language (e.g. `{nl: Klaar?, en: Done?}`), and a
    file must be valid or invalid the same way on every machine."""
    return yaml.compose(text, Loader=_CoreLoader)


class _Builder:
    """Turns a composed node graph into plain data, refusing anything a user file never needs."""

    def __init__(self, name: str):
        self.name = name
        self.count = 0
        self.values: dict[KeyPath, tuple[int, int]] = {}
        self.keys: dict[KeyPath, tuple[int, int]] = {}
        self.written: dict[KeyPath, str] = {}
        self.problems: list[Problem] = []

    def _at(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, message))

    def build(self, node: yaml.Node, keypath: KeyPath) -> object:
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self._at(node, f"too many values (over {MAX_NODES:,}; aliases expanding?)")
            return None
        self.values.setdefault(keypath, (node.start_mark.line + 1, node.start_mark.column + 1))
        if len(keypath) >= MAX_DEPTH:
            self._at(node, DEEP)
            return None
        if node.tag not in _PLAIN_TAGS:
            self._at(node, f"tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, keypath)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*keypath, i)) for i, item in enumerate(node.value)]
        self.written.setdefault(keypath, node.value)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, keypath: KeyPath) -> dict:
        result: dict = {}
        written: set[str] = set()  # keys written out here; merged-in ones (<<) may be overridden
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = self.build(value_node, keypath)
                for part in merged if isinstance(merged, list) else [merged]:
                    if not isinstance(part, dict):
                        self._at(key_node, "'<<' can only merge a mapping (&name of key: value)")
                        break
                    for k, v in part.items():
                        result.setdefault(k, v)
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self._at(key_node, "a key must be plain text")
                continue
            key = self._scalar(key_node)
            key = key if isinstance(key, str) else str(key)
            if key in written:
                self._at(key_node, f"duplicate key '{key}'")
                continue
            written.add(key)
            child = (*keypath, key)
            self.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            self.values.pop(child, None)  # a merged-in value's place gives way to this one
            self.written.pop(child, None)
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> object:
        if len(node.value) > MAX_STRING:
            self._at(node, f"text is too long ({len(node.value):,} characters)")
            return ""
        if not node.value.isascii():
            try:
                node.value.encode("utf-8")
            except UnicodeEncodeError as err:
                bad = ord(node.value[err.start])
                self._at(node, f"text holds an invalid character (U+{bad:04X})")
                return ""
        kind = node.tag.rsplit(":", 1)[-1]
        try:
            return _CONSTRUCTORS[kind](node.value)
        except ValueError:
            self._at(node, f"{quoted(node.value)} is not a valid {_TAG_NAMES.get(kind, kind)}")
            return None


def _integer(text: str) -> int:
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    if not re.fullmatch(r"[-+]?[0-9]+", text):
        raise ValueError(text)
    return int(text, 10)  # leading zeros are decimal: 010 is ten


def _real(text: str) -> float:
    special = text.lower().lstrip("+")
    if special in (".inf", "-.inf", ".nan"):
        return {".inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}[special]
    if "_" in text or not text.strip() or text.strip() != text:
        raise ValueError(text)
    return float(text)


def _boolean(text: str) -> bool:
    if text.lower() not in ("true", "false"):
        raise ValueError(text)  # an explicit `!!bool yes` is not YAML 1.2
    return text.lower() == "true"


def _null(text: str) -> None:
    if text not in ("null", "Null", "NULL", "~", ""):
        raise ValueError(text)


_TAG_NAMES = {"int": "whole number", "float": "number", "bool": "true/false", "null": "null"}
# One plain value by its (resolved or written) tag, by YAML 1.2's core schema.
_CONSTRUCTORS = {"str": str, "int": _integer, "float": _real, "bool": _boolean, "null": _null}


def quoted(value: object, limit: int = 40) -> str:
    """A value as an author wrote it, in quotes, shortened so a message stays one line."""
    text = str(value)
    return f"'{text[:limit]}...'" if len(text) > limit else f"'{text}'"
