"""Safe, position-aware reading of the YAML files people write (kit, workshops, tour, config).

Every problem becomes a `Problem` with `path:line:column: message`; nothing here raises a traceback.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

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
    "tag:yaml.org,2002:timestamp",  # tour dates: `date: 2026-02-12`
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
    """Plain Python data read from one YAML file, plus where each value stood in it."""

    path: str
    data: Any
    values: dict[KeyPath, tuple[int, int]]
    keys: dict[KeyPath, tuple[int, int]]

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
    return Document(name, data, builder.values, builder.keys)


def _compose(text: str) -> yaml.Node | None:
    """The node graph of one document, by PyYAML's pure-Python parser on purpose: libyaml is
    faster but accepts a slightly different language (e.g. `{nl: Klaar?, en: Done?}`), and a
    file must be valid or invalid the same way on every machine."""
    return yaml.compose(text, Loader=yaml.SafeLoader)


class _Builder:
    """Turns a composed node graph into plain data, refusing anything a user file never needs."""

    def __init__(self, name: str):
        self.name = name
        self.count = 0
        self.values: dict[KeyPath, tuple[int, int]] = {}
        self.keys: dict[KeyPath, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def _at(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, message))

    def build(self, node: yaml.Node, keypath: KeyPath) -> Any:
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
            if not isinstance(key_node, yaml.ScalarNode):
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
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
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
        try:
            return _CONSTRUCTORS[node.tag](_CONSTRUCTOR, node)
        except (ValueError, yaml.YAMLError):
            kind = _TAG_NAMES.get(node.tag.rsplit(":", 1)[-1], "value")
            self._at(node, f"{quoted(node.value)} is not a valid {kind}")
            return None


_TAG_NAMES = {"int": "whole number", "float": "number", "timestamp": "date", "bool": "true/false"}
# The safe loader's own resolution of one scalar (int, float, bool, null, date or str).
_CONSTRUCTOR = yaml.SafeLoader("")
_CONSTRUCTORS = yaml.SafeLoader.yaml_constructors


def quoted(value: Any, limit: int = 40) -> str:
    """A value as an author wrote it, in quotes, shortened so a message stays one line."""
    text = str(value)
    return f"'{text[:limit]}...'" if len(text) > limit else f"'{text}'"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean ...?)' suffix when a close match exists, else ''."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


class Checker:
    """Small typed checks over a Document that collect problems instead of raising."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, keypath: KeyPath, message: str, *, key: bool = False) -> None:
        self.problems.append(self.doc.problem(keypath, message, key=key))

    def absent(self, keypath: KeyPath, value: Any) -> bool:
        """True for a key the file does not have: its parent's mapping() already said so."""
        return value is None and keypath not in self.doc.values

    def mapping(
        self,
        keypath: KeyPath,
        value: Any,
        *,
        required: Iterable[str] = (),
        optional: Iterable[str] | None = (),
        what: str = "",
    ) -> dict | None:
        """Check that value is a mapping with the allowed keys (any key if optional is None)."""
        label = what or _label(keypath)
        if not isinstance(value, dict):
            self.fail(keypath, f"{label} must be a mapping of key: value, not {_kind(value)}")
            return None
        required = list(required)
        allowed = [*required, *(optional or ())]
        for k in value:
            if optional is not None and k not in allowed:
                hint = did_you_mean(k, allowed)
                self.fail((*keypath, k), f"unknown key '{k}' in {label}{hint}", key=True)
        for k in required:
            if k not in value:
                self.fail(keypath, f"{label} needs '{k}'")
        return value

    def sequence(self, keypath: KeyPath, value: Any, *, min_items: int = 0) -> list | None:
        if self.absent(keypath, value):
            return None
        if not isinstance(value, list):
            self.fail(keypath, f"{_label(keypath)} must be a list (lines starting with '- ')")
            return None
        if len(value) < min_items:
            self.fail(keypath, f"{_label(keypath)} needs at least {min_items} item(s)")
        return value

    def text(
        self,
        keypath: KeyPath,
        value: Any,
        *,
        max_len: int = 200,
        pattern: str | None = None,
        hint: str = "",
    ) -> str | None:
        if self.absent(keypath, value):
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(keypath, f"{_label(keypath)} must be text, not {_kind(value)}")
            return None
        if not isinstance(value, str):
            self.fail(keypath, f"{_label(keypath)} must be text: put quotes around {value!r}")
            return None
        if not value.strip():
            self.fail(keypath, f"{_label(keypath)} is empty")
            return None
        if len(value) > max_len:
            self.fail(
                keypath, f"{_label(keypath)} is too long ({len(value)} characters; max {max_len})"
            )
            return None
        if pattern and not re.fullmatch(pattern, value):
            self.fail(keypath, f"{_label(keypath)} {quoted(value)} {hint or 'has the wrong form'}")
            return None
        return value

    def integer(
        self, keypath: KeyPath, value: Any, *, low: int | None = None, high: int | None = None
    ) -> int | None:
        if self.absent(keypath, value):
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(keypath, f"{_label(keypath)} must be a whole number, not {_kind(value)}")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail(keypath, f"{_label(keypath)} must be between {low} and {high}, not {value}")
            return None
        return value

    def number(
        self, keypath: KeyPath, value: Any, *, low: float | None = None, high: float | None = None
    ) -> float | None:
        if self.absent(keypath, value):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(keypath, f"{_label(keypath)} must be a number, not {_kind(value)}")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail(keypath, f"{_label(keypath)} must be between {low} and {high}, not {value}")
            return None
        return float(value)

    def boolean(self, keypath: KeyPath, value: Any) -> bool | None:
        if self.absent(keypath, value):
            return None
        if not isinstance(value, bool):
            self.fail(keypath, f"{_label(keypath)} must be true or false, not {_kind(value)}")
            return None
        return value

    def choice(self, keypath: KeyPath, value: Any, choices: Iterable[str]) -> str | None:
        if self.absent(keypath, value):
            return None
        choices = list(choices)
        if not isinstance(value, str) or value not in choices:
            hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
            self.fail(
                keypath,
                f"{_label(keypath)} {quoted(value)} is not one of: {', '.join(choices)}{hint}",
            )
            return None
        return value

    def langmap(self, keypath: KeyPath, value: Any, *, max_len: int = 200) -> dict | None:
        """A language map {nl: ..., en: ...}: Dutch required, English optional."""
        if self.absent(keypath, value):
            return None
        label = _label(keypath)
        if not isinstance(value, dict):
            self.fail(keypath, f"{label} must be a language map like {{nl: ..., en: ...}}")
            return None
        for k in value:
            if k not in LANGUAGES:
                why = (
                    f"only {' and '.join(LANGUAGES)}"
                    if re.fullmatch(r"[a-z]{2}", k)
                    else "put quotes around text that holds a comma or a colon"
                )
                self.fail((*keypath, k), f"unknown language '{k}' in {label}: {why}", key=True)
        if "nl" not in value:
            self.fail(keypath, f"{label} needs Dutch text: add nl: ...")
        result = {}
        for lang in LANGUAGES:
            if lang in value:
                text = self.text((*keypath, lang), value[lang], max_len=max_len)
                if text is not None:
                    result[lang] = text
        return result if "nl" in result else None


LANGUAGES = ("nl", "en")  # Dutch first (required), English second


def _label(keypath: KeyPath) -> str:
    """How a message names a value: its key, or 'steps item 3' for the third item of a list."""
    if not keypath:
        return "file"
    if isinstance(keypath[-1], int):
        parent = f"{keypath[-2]} " if len(keypath) > 1 else ""
        return f"{parent}item {keypath[-1] + 1}"
    if keypath[-1] in LANGUAGES and len(keypath) > 1:  # the Dutch text of a title: "title (nl)"
        return f"{_label(keypath[:-1])} ({keypath[-1]})"
    return str(keypath[-1])


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: f"text {quoted(value)}",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)
