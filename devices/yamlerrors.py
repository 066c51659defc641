"""Why PyYAML could not read a file, in words a workshop author can act on, at the right place.

Also the nesting checks that run before PyYAML, whose scanner is slow on deep `[[[[`.
"""

from __future__ import annotations

import re
from collections import namedtuple

import yaml

MAX_DEPTH = 50  # nesting of lists and mappings; a workshop needs about 6
DEEP = f"lists and mappings are nested too deeply (more than {MAX_DEPTH} levels)"
COMPACT_NESTING = re.compile(rf"(?:[-?][ \t]+){{{MAX_DEPTH}}}")  # "- - - - x" on one line
BRACKETS = re.compile(r"[\[\]{}]")


Place = namedtuple("Place", "line column message")  # 1-based; what is wrong there


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def too_deep(text: str) -> Place:
    """The place where nesting first goes deeper than MAX_DEPTH (found without recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return Place(mark.line + 1, mark.column + 1, DEEP)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return Place(1, 1, DEEP)


def too_deep_flow(text: str) -> Place | None:
    """The first '[' or '{' opened more than MAX_DEPTH deep (a quick count that skips quoting)."""
    depth = 0
    for m in BRACKETS.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return Place(*position(text, m.start()), DEEP)
        else:
            depth = max(depth - 1, 0)
    return None


def explain(text: str, err: yaml.MarkedYAMLError) -> Place:
    """A syntax error as the author should read it, where they should look."""
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = err.problem or "syntax error"
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][: max(column, 1)]:
        column = lines[line - 1].index("\t") + 1
        return Place(line, column, "tab character: indent with spaces, not tabs")
    if "\t" in problem or "'\\t'" in problem:
        return Place(line, column, "tab character: indent with spaces, not tabs")
    start = err.context_mark
    if "flow" in (err.context or "") and start and start.line < line - 1:
        opened = lines[start.line][start.column : start.column + 1] or "{"
        closing = {"{": "}", "[": "]"}.get(opened, "}")
        message = f"this '{opened}' is never closed: end it with '{closing}'"
        return Place(start.line + 1, start.column + 1, message)
    if "flow" in (err.context or "") and re.search(r"but got '[?:]'", problem):
        sign = problem[-2]
        return Place(
            line,
            column,
            f"a '{sign}' inside {{...}} or [...] ends the text: put the text in quotes",
        )
    if err.context == "while scanning a quoted scalar" and start:
        return Place(start.line + 1, start.column + 1, "this quote is never closed")
    if "expected <block end>" in problem or "could not find expected ':'" in problem:
        return Place(line, column, "this line's indentation does not match the lines above")
    if "mapping values are not allowed" in problem:
        return Place(
            line, column, "a ':' inside text: put the text in quotes (or fix the indentation)"
        )
    if "another document" in problem:
        return Place(line, column, "a file holds one document: remove this '---' line")
    context = f" ({err.context})" if err.context else ""
    return Place(line, column, f"YAML syntax error: {problem}{context}")
