"""A program's lines cut for a width of so many characters (the code panel, the printed card):
numbered, each split into its code and its comment, long lines wrapped under themselves.

The program's strings never hold a "#" (a word to show cannot), so a line's comment starts at its
first "#".
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=32)
def wrapped(code: str, cols: int) -> tuple[tuple[int, str, str], ...]:
    """Every screen line: (the program's line number, or 0 under a wrapped line; its code;
    its comment), no line longer than `cols` characters."""
    out = []
    for number, line in enumerate(code.rstrip("\n").split("\n"), 1):
        for k, piece in enumerate(_pieces(line, max(12, cols))):
            hash_at = piece.find("#")
            code_part, comment = (piece, "") if hash_at < 0 else (piece[:hash_at], piece[hash_at:])
            out.append((0 if k else number, code_part, comment))
    return tuple(out)


def _pieces(line: str, cols: int) -> list[str]:
    """A line cut at spaces (a word longer than a line: anywhere) into pieces of at most `cols`;
    the rest indented under it, a comment's rest starting with "# " again."""
    indent = " " * (len(line) - len(line.lstrip()))
    start = len(indent)  # where a piece's own text begins
    pieces = []
    while len(line) > cols:
        cut = line.rfind(" ", start + 1, cols + 1)
        if cut <= start:
            cut = max(cols, start + 1)
        head, rest = line[:cut].rstrip(), line[cut:].lstrip()
        pieces.append(head)
        mark = "# " if "#" in head else "    "
        prefix = indent + mark if len(indent + mark) <= cols // 2 else mark
        line, start = prefix + rest, len(prefix)
    return [*pieces, line]
