"""The pack check (`listing.packcheck`) on crafted zips: what is not a well-formed pack is refused
with a clear message; what is one gives its workshops' id, version, title and ages, and notes
on workshop files the listing could not read.
"""

from __future__ import annotations

import io
import stat
import warnings
import zipfile

import pytest

from listing.packcheck import PackRefused, check_pack, read_pack_file
from listing.settings import PACK_MAX_BYTES
from tests.listing.packs import good_pack, pack_zip, workshop_yaml

GOOD = workshop_yaml("lichtshow")


def with_entry(info: zipfile.ZipInfo, content: bytes = b"x", *, files=None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile's own "Duplicate name": what we craft here
        for name, text in (files or {"lichtshow.yaml": GOOD}).items():
            zf.writestr(name, text)
        zf.writestr(info, content)
    return out.getvalue()


def special(name: str, kind: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (kind | 0o644) << 16
    return info


def encrypted() -> bytes:
    data = bytearray(pack_zip({"lichtshow.yaml": GOOD}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # the flag bits
        at = data.find(signature)
        data[at + offset] |= 0x1
    return bytes(data)


REFUSED = [
    ("not a zip", b"just some text, not an archive", "not a zip archive"),
    ("empty", b"", "not a zip archive"),
    (
        "absolute",
        pack_zip({"lichtshow.yaml": GOOD, "/etc/cron.d/x": "x"}),
        "/etc/cron.d/x: an absolute path",
    ),
    ("drive", pack_zip({"lichtshow.yaml": GOOD, "C:/x.png": "x"}), "C:/x.png: an absolute path"),
    (
        "dotdot",
        pack_zip({"lichtshow.yaml": GOOD, "pics/../../evil.yaml": GOOD}),
        "pics/../../evil.yaml: a path with '..'",
    ),
    (
        "symlink",
        pack_zip({"lichtshow.yaml": GOOD}, links={"pic.png": "/etc/passwd"}),
        "pic.png: a link",
    ),
    ("fifo", with_entry(special("pipe", stat.S_IFIFO)), "pipe: a special file"),
    ("backslash", pack_zip({"lichtshow.yaml": GOOD, "pics\\x.png": "x"}), "not a usable file name"),
    (
        "twice",
        with_entry(zipfile.ZipInfo("lichtshow.yaml"), GOOD.encode()),
        "lichtshow.yaml: this name is in the pack twice",
    ),
    ("encrypted", encrypted(), "lichtshow.yaml: encrypted"),
    ("no yaml", pack_zip({"README.txt": "hello", "pics/a.png": "x"}), "no workshop files (*.yaml)"),
    ("yml is not yaml", pack_zip({"lichtshow.yml": GOOD}), "no workshop files (*.yaml)"),
    (
        "two deep",
        pack_zip({"pack/extra/lichtshow.yaml": GOOD}),
        "pack/extra/lichtshow.yaml: workshop files stand",
    ),
    (
        "root and folder",
        pack_zip({"a.yaml": GOOD, "more/b.yaml": GOOD}),
        "more/b.yaml: workshop files stand",
    ),
    (
        "two top folders",
        pack_zip({"a/x.yaml": GOOD, "b/y.yaml": GOOD}),
        "a/x.yaml: workshop files stand",
    ),
    (
        "folder and a file beside it",
        pack_zip({"README.txt": "x", "pack/x.yaml": GOOD}),
        "pack/x.yaml: workshop files stand",
    ),
]


@pytest.mark.parametrize(("content", "said"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_what_is_not_a_well_formed_pack_is_refused_saying_why(content, said):
    with pytest.raises(PackRefused) as refused:
        check_pack(content)
    assert said in str(refused.value)


def test_a_pack_over_50_mib_is_refused(tmp_path):
    with pytest.raises(PackRefused, match="at most 50 MiB"):
        check_pack(b"\0" * (PACK_MAX_BYTES + 1))
    sparse = tmp_path / "huge.zip"
    with sparse.open("wb") as f:
        f.truncate(PACK_MAX_BYTES + 1)  # a hole: no disk, and never read
    with pytest.raises(PackRefused, match="52,428,801 bytes: a pack may have at most 50 MiB"):
        read_pack_file(sparse)


def test_workshops_at_the_root_are_read_with_their_titles_and_ages():
    pack = check_pack(good_pack("theremin", "lichtshow"))
    assert [(w.id, w.version, w.title, w.typical_age_range) for w in pack.workshops] == [
        ("lichtshow", "1.0", {"nl": "Lichtshow", "en": "Lichtshow (en)"}, "10-14"),
        ("theremin", "1.0", {"nl": "Theremin", "en": "Theremin (en)"}, "10-14"),
    ]
    assert pack.notes == () and pack.size == len(good_pack("theremin", "lichtshow"))


def test_workshops_in_the_one_top_folder_are_read_too():
    content = pack_zip(
        {
            "voorjaar/lichtshow.yaml": GOOD,
            "voorjaar/pics/a.png": b"x",
            "voorjaar/pics/notes.txt": "x",
        }
    )
    assert [w.id for w in check_pack(content).workshops] == ["lichtshow"]


def test_a_workshop_file_the_listing_cannot_read_is_noted_not_refused():
    """The kiosks judge workshops: the pack is stored, and `pack add` says what it saw."""
    content = pack_zip(
        {
            "a.yaml": workshop_yaml("a", ages="14-10", version="x" * 40),
            "broken.yaml": "id: broken\ntitle: [unclosed\n",
            "no-id.yaml": "title: {nl: Zonder id}\n",
            "twice.yaml": workshop_yaml("a"),
            "latin1.yaml": "id: caf\xe9".encode("latin-1"),
            "list.yaml": "- just\n- a list\n",
            "untitled.yaml": "id: untitled\nversion: 2.5\ntitle: {en: English only}\n",
        }
    )
    pack = check_pack(content)
    assert [(w.id, w.version, w.title, w.typical_age_range) for w in pack.workshops] == [
        ("a", None, {"nl": "Reactiespel", "en": "Reactiespel (en)"}, None),
        ("untitled", "2.5", None, None),
    ]
    assert pack.notes == (
        "broken.yaml:3:1: not valid YAML: expected ',' or ']', but got '<stream end>'",
        "latin1.yaml:1:1: not UTF-8 text (unexpected end of data)",
        "list.yaml:1:1: no workshop id (lower-case letters, digits, -)",
        "no-id.yaml:1:1: no workshop id (lower-case letters, digits, -)",
        "twice.yaml:1:1: workshop id 'a' is there twice",
    )


def test_a_huge_workshop_file_is_not_read():
    content = pack_zip({"a.yaml": GOOD, "big.yaml": "#" * 2_000_000})
    pack = check_pack(content)
    assert [w.id for w in pack.workshops] == ["lichtshow"]
    assert pack.notes == ("big.yaml:1:1: larger than 1,048,576 bytes, not read",)


def test_aliases_do_not_blow_up_reading():
    laughs = "id: lol\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    laughs += "title: *i\n"
    pack = check_pack(pack_zip({"lol.yaml": laughs}))
    assert [(w.id, w.title) for w in pack.workshops] == [("lol", None)]
