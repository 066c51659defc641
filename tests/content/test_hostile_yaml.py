"""Hostile files made on the spot: too large, alias bombs, Python tags, endless input."""

from __future__ import annotations

import os

import pytest

from devices.yamlsource import MAX_BYTES, MAX_NODES, SourceError, parse, read
from kiosk.workshop import load_workshop


def bomb(levels: int = 9) -> str:
    """The "billion laughs": each level repeats the one before nine times."""
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghijklmnop"[: levels - 1]:
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    return text


def problems(path) -> list[str]:
    with pytest.raises(SourceError) as err:
        read(path)
    return [str(p) for p in err.value.problems]


def test_a_50_megabyte_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.write(b"id: big\nsummary: ")
        f.write(b"x" * (50 * 1024 * 1024))
    size = path.stat().st_size
    assert problems(path) == [
        f"{path}:1:1: file is too large ({size:,} bytes; at most {MAX_BYTES:,})"
    ]


def test_a_pipe_or_a_device_is_refused_unopened(tmp_path):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)  # opening it would wait for a writer forever
    assert problems(pipe) == [f"{pipe}:1:1: is not a regular file"]
    assert problems("/dev/zero") == ["/dev/zero:1:1: is not a regular file"]


@pytest.mark.parametrize("levels", [9, 12])
def test_an_alias_bomb_is_refused(tmp_path, levels):
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb(levels))
    found = problems(path)
    assert len(found) == 1
    assert found[0].endswith(f"too many values (over {MAX_NODES:,}; aliases expanding?)")


def test_aliases_within_the_limit_still_work():
    doc = parse(b"base: &b {nl: Hallo, en: Hello}\ncopy: *b\nmerged:\n  <<: *b\n  en: Hi\n", "x")
    assert doc.data["copy"] == {"nl": "Hallo", "en": "Hello"}
    assert doc.data["merged"] == {"nl": "Hallo", "en": "Hi"}


PYTHON_TAGS = [
    '!!python/object/apply:os.system ["touch {marker}"]',
    '!!python/object/apply:subprocess.call [["touch", "{marker}"]]',
    '!!python/object/new:os.system ["touch {marker}"]',
    "!!python/name:os.system",
    "!!python/module:os",
    '!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {marker}"]',
]


@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_python_tags_are_never_constructed(tmp_path, tag, kit):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f"id: {tag.format(marker=marker)}\nversion: '1'\n")
    workshop, found = load_workshop(path, kit)
    assert workshop is None
    assert not marker.exists()
    assert len(found) == 1
    assert (found[0].line, found[0].column) == (1, 5)
    assert found[0].message.startswith("tag !!python/") and found[0].message.endswith("not allowed")


def test_a_tag_on_a_key_or_a_custom_tag_is_refused():
    with pytest.raises(SourceError) as err:
        parse(b"steps:\n  - !vraag {id: a}\n", "x.yaml")
    assert [str(p) for p in err.value.problems] == ["x.yaml:2:5: tag !vraag is not allowed"]


@pytest.mark.parametrize(
    ("raw", "where", "message"),
    [
        (b"id: caf\xe9\n", "1:8", "not UTF-8 text (byte 0xe9); save the file as UTF-8"),
        (b"id: a\nb: \xff\xfe\n", "2:4", "not UTF-8 text (byte 0xff); save the file as UTF-8"),
        (b"id: a\nb: x\x00y\n", "2:5", "character U+0000 is not allowed in a YAML file"),
        (b'id: "\\ud800"\n', "1:5", "text holds an invalid character (U+D800)"),
        (b"\n\n   \n", "1:1", "file is empty"),
        (b"# only a comment\n", "1:1", "file is empty"),
        (b"a: 1\n---\nb: 2\n", "2:1", "a file holds one document: remove this '---' line"),
        (
            b"a: " + b"[" * 100_000,
            "1:54",
            "lists and mappings are nested too deeply (more than 50 levels)",
        ),
        (
            b"a: " + b"9" * 5000 + b"\n",
            "1:4",
            "'9999999999999999999999999999999999999999...' is not a valid whole number",
        ),
        (b"a: " + b"x" * 10_001 + b"\n", "1:4", "text is too long (10,001 characters)"),
        (b"? [a, b]\n: 1\n", "1:3", "a key must be plain text"),
    ],
)
def test_bytes_that_are_not_a_user_file_give_one_positioned_problem(raw, where, message):
    with pytest.raises(SourceError) as err:
        parse(raw, "f.yaml")
    assert [str(p) for p in err.value.problems] == [f"f.yaml:{where}: {message}"]


def test_a_utf8_byte_order_mark_is_fine():
    assert parse("\ufeffid: één\n".encode(), "x").data == {"id": "één"}


def test_a_folder_or_a_missing_file_is_a_problem_not_a_traceback(tmp_path):
    assert problems(tmp_path) == [f"{tmp_path}:1:1: is a folder, not a file"]
    gone = tmp_path / "gone.yaml"
    assert problems(gone) == [f"{gone}:1:1: cannot read: No such file or directory"]
