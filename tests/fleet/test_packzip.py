"""A pack's zip is untrusted: nothing escapes the folder it is unpacked into, no link or special
file is made, a zip bomb is refused before it is inflated, and building one is deterministic."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest

from kiosk.packzip import MAX_FILES, PackRefused, build, unpack
from tests.fleet.packs import bomb_pack, dotdot_pack, good_pack, link_pack, workshop
from tests.listing.packs import pack_zip


def unpacked(tmp_path, data: bytes):
    archive = tmp_path / "pack.zip"
    archive.write_bytes(data)
    return unpack(archive, tmp_path / "out")


def refusal(tmp_path, data: bytes) -> str:
    with pytest.raises(PackRefused) as caught:
        unpacked(tmp_path, data)
    assert (
        not (tmp_path / "escape.yaml").exists() and not (tmp_path.parent / "escape.yaml").exists()
    )
    return str(caught.value.problem)


def files(folder) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_workshops_at_the_root_or_in_one_top_folder(tmp_path):
    root = unpacked(tmp_path, good_pack("a-spel", "b-spel", picture=True))
    assert root == tmp_path / "out"
    assert files(root) == {"a-spel.yaml", "b-spel.yaml", "img/knop.png"}
    (tmp_path / "top").mkdir()
    root = unpacked(tmp_path / "top", good_pack("a-spel", top="voorjaar/"))
    assert root == tmp_path / "top" / "out" / "voorjaar"
    assert files(root) == {"a-spel.yaml"}
    assert stat.S_IMODE(root.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("data", "where", "why"),
    [
        (dotdot_pack(), "../../escape.yaml", "'..'"),
        (pack_zip({"/etc/escape.yaml": "x"}), "/etc/escape.yaml", "absolute"),
        (link_pack(), "passwd.yaml", "a link"),
        (bomb_pack(), "img/big.png", "zip bomb"),
        (pack_zip({"a\\..\\b.yaml": "x"}), "a\\..\\b.yaml", "not a usable file name"),
        (pack_zip({"ok/./x.yaml": "x"}), "ok/./x.yaml", "'..'"),
    ],
    ids=["dotdot", "absolute", "link", "bomb", "backslash", "dot"],
)
def test_a_hostile_entry_refuses_the_pack_before_anything_is_written(tmp_path, data, where, why):
    problem = refusal(tmp_path, data)
    assert problem.startswith(f"{where}:1:1: ") and why in problem
    assert not (tmp_path / "out").exists()  # refused before a byte was unpacked


def test_special_files_duplicates_and_too_many_entries_are_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        fifo = zipfile.ZipInfo("pipe.yaml")
        fifo.create_system, fifo.external_attr = 3, (stat.S_IFIFO | 0o644) << 16
        zf.writestr(fifo, "")
    assert "special file" in refusal(tmp_path, out.getvalue())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf, pytest.warns(UserWarning):
        zf.writestr("a.yaml", "x")
        zf.writestr("a.yaml", "y")  # zipfile warns, and writes it twice all the same
    assert "twice" in refusal(tmp_path, out.getvalue())
    many = pack_zip({f"f{i}.yaml": "x" for i in range(MAX_FILES + 1)})
    assert f"more than {MAX_FILES}" in refusal(tmp_path, many)


def test_not_a_zip_and_a_damaged_entry_are_refused(tmp_path):
    assert "not a zip archive" in refusal(tmp_path, b"<html>captive portal</html>")
    damaged = bytearray(pack_zip({"a.yaml": workshop("a-spel")}))
    damaged[30 + len("a.yaml") + 10] ^= 0xFF  # a byte of the deflated data, past its header
    assert refusal(tmp_path, bytes(damaged)).startswith("a.yaml:1:1: damaged in the zip")


def test_a_header_that_understates_an_entry_is_refused(tmp_path):
    """A zip whose header says 10 bytes for 5 MiB: zipfile stops at the header's size and the
    checksum fails, so the bytes beyond are never written."""
    data = bytearray(pack_zip({"a.yaml": b"x" * (5 * 1024 * 1024)}))
    for marker in (b"PK\x03\x04", b"PK\x01\x02"):  # local header and central directory
        at = data.index(marker)
        size_at = at + (22 if marker == b"PK\x03\x04" else 24)
        data[size_at : size_at + 4] = (10).to_bytes(4, "little")
    problem = refusal(tmp_path, bytes(data))
    assert problem.startswith("a.yaml:1:1: ") and ("damaged" in problem or "larger" in problem)
    written = tmp_path / "out" / "a.yaml"
    assert not written.exists() or written.stat().st_size <= 10


def test_building_twice_gives_the_same_bytes(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "a.yaml").write_text(workshop("a-spel"))
    (tmp_path / "img" / "k.png").write_bytes(b"png")
    entries = [("img/k.png", tmp_path / "img" / "k.png"), ("a.yaml", tmp_path / "a.yaml")]
    build(entries, tmp_path / "one.zip")
    (tmp_path / "a.yaml").touch()  # a new time on disk changes nothing in the pack
    build(list(reversed(entries)), tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as zf:
        assert zf.namelist() == ["a.yaml", "img/k.png"]
