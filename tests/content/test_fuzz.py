"""Whatever an editor does to a workshop, the loader answers with problems, never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devices.yamlsource import SourceError, parse
from kiosk.library import shipped_dir
from kiosk.workshop import load_workshop

SOURCE = (shipped_dir() / "reactiespel.yaml").read_bytes()
LINES = SOURCE.splitlines(keepends=True)
NASTY = [b"\t", b":", b"- ", b"{", b"}", b"[", b'"', b"'", b"&a ", b"*a", b"!!python/none ", b"#",
         b"\xff", b"\x00", b"<<: ", b"? ", b"---\n", b"\n", b"  ", b"\xc3", b"|", b">"]  # fmt: skip


def edits():
    """One edit: insert a nasty fragment, delete a slice, or duplicate a line."""
    at = st.integers(0, len(SOURCE))
    insert = st.tuples(st.just("insert"), at, st.sampled_from(NASTY))
    delete = st.tuples(st.just("delete"), at, st.integers(1, 40))
    dup = st.tuples(st.just("dup"), st.integers(0, len(LINES) - 1), st.just(b""))
    return st.lists(st.one_of(insert, delete, dup), min_size=1, max_size=4)


def apply(raw: bytes, changes) -> bytes:
    for kind, at, extra in changes:
        if kind == "insert":
            raw = raw[:at] + extra + raw[at:]
        elif kind == "delete":
            raw = raw[:at] + raw[at + extra :]
        else:
            lines = raw.splitlines(keepends=True)
            at = min(at, max(len(lines) - 1, 0))
            raw = b"".join(lines[: at + 1] + lines[at:])
    return raw


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=edits())
def test_an_edited_workshop_loads_or_gives_positioned_problems(tmp_path_factory, kit, changes):
    raw = apply(SOURCE, changes)
    path = tmp_path_factory.mktemp("fuzz") / "w.yaml"
    path.write_bytes(raw)
    workshop, problems = load_workshop(path, kit)
    assert (workshop is None) == bool(problems)
    last_line = raw.count(b"\n") + 1
    for p in problems:
        assert p.path == str(path)
        assert 1 <= p.line <= last_line and p.column >= 1, p
        assert p.message and "\n" not in p.message, p


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_parse_or_give_problems(raw):
    try:
        parse(raw, "x.yaml")
    except SourceError as err:
        assert err.problems and all(p.line >= 1 and p.column >= 1 for p in err.problems)
