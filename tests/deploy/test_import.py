"""`stem-kiosk workshops import`: a pack is checked whole, then installed whole, or not at all."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from devices.kitconfig import load_kit
from kiosk.cli import main
from kiosk.library import load_library, shipped_dir
from kiosk.packs import install_pack

PNG = bytes.fromhex("89504e470d0a1a0a")  # the validator checks the name and that the file exists


def workshop(pack: Path, shipped: str, new_id: str, *, picture: str | None = None) -> Path:
    """A shipped workshop copied into the pack under a new id, optionally with a picture."""
    text = (shipped_dir() / f"{shipped}.yaml").read_text()
    text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.MULTILINE)
    if picture:
        text = text.replace(
            "    wiring: button\n", f"    wiring: button\n    picture: {picture}\n", 1
        )
        (pack / picture).parent.mkdir(parents=True, exist_ok=True)
        (pack / picture).write_bytes(PNG)
    path = pack / f"{new_id}.yaml"
    path.write_text(text)
    return path


@pytest.fixture
def kiosk(tmp_path):
    """A config whose data directory is in tmp_path; returns (config, imported folder)."""
    config = tmp_path / "kiosk.yaml"
    config.write_text("data_dir: data\n")
    return config, tmp_path / "data" / "workshops"


def run_import(config: Path, folder: Path) -> int:
    return main(["--config", str(config), "workshops", "import", str(folder)])


def tree(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_valid_pack_is_installed_with_its_pictures(kiosk, tmp_path, capsys):
    config, imported = kiosk
    pack = tmp_path / "usb"
    pack.mkdir()
    workshop(pack, "reactiespel", "bib-reactiespel", picture="img/knop.png")
    workshop(pack, "verkeerslicht", "bib-verkeerslicht")
    (pack / "README.txt").write_text("not a workshop: stays on the stick")
    assert run_import(config, pack) == 0
    assert set(tree(imported)) == {"bib-reactiespel.yaml", "bib-verkeerslicht.yaml", "img/knop.png"}
    assert "imported 2 workshop(s)" in capsys.readouterr().out
    library = load_library([imported], load_kit()[0])
    assert library.problems == []
    assert set(library.workshops) == {"bib-reactiespel", "bib-verkeerslicht"}
    step = next(s for s in library.workshops["bib-reactiespel"].steps if s.picture)
    assert step.picture == (imported / "img/knop.png").resolve()
    assert not list(imported.parent.glob(".import-*"))


def test_an_invalid_pack_changes_nothing_and_lists_every_problem(kiosk, tmp_path, capsys):
    config, imported = kiosk
    first = tmp_path / "first"
    first.mkdir()
    workshop(first, "reactiespel", "eerste")
    assert run_import(config, first) == 0
    before = tree(imported)
    capsys.readouterr()

    pack = tmp_path / "usb"
    pack.mkdir()
    workshop(pack, "verkeerslicht", "goed")
    clash = workshop(pack, "reactiespel", "reactiespel")  # the shipped library has this id
    bad_device = workshop(pack, "reactiespel", "slechte-knop")
    bad_device.write_text(
        bad_device.read_text().replace("devices: [button, led]", "devices: [knop, led]")
    )
    missing = workshop(pack, "reactiespel", "zonder-foto", picture="foto.png")
    (pack / "foto.png").unlink()
    code = run_import(config, pack)
    out, err = capsys.readouterr()
    assert code == 1
    assert "nothing was imported" in err
    problems = out.splitlines()
    assert any(
        p.startswith(f"{clash}:2:1: workshop id 'reactiespel' is already used") for p in problems
    )
    assert any(
        re.match(rf"{bad_device}:\d+:\d+: device 'knop' is not in the kit", p) for p in problems
    )
    assert any(
        re.match(rf"{missing}:\d+:\d+: picture 'foto.png' does not exist", p) for p in problems
    )
    assert tree(imported) == before
    assert not list(imported.parent.glob(".import-*"))


def test_a_new_pack_replaces_the_previous_one(kiosk, tmp_path, capsys):
    config, imported = kiosk
    for name, ids in (("a", ["pack-a-1", "pack-a-2"]), ("b", ["pack-b"])):
        pack = tmp_path / name
        pack.mkdir()
        for wid in ids:
            workshop(pack, "reactiespel", wid)
        assert run_import(config, pack) == 0
    assert set(tree(imported)) == {"pack-b.yaml"}
    assert "replace the 2 workshop(s) imported before" in capsys.readouterr().out


def test_duplicate_ids_within_a_pack_are_a_problem(kiosk, tmp_path, capsys):
    config, imported = kiosk
    pack = tmp_path / "usb"
    pack.mkdir()
    workshop(pack, "reactiespel", "dubbel")
    shutil.copy(pack / "dubbel.yaml", pack / "dubbel-kopie.yaml")
    assert run_import(config, pack) == 1
    assert "workshop id 'dubbel' is already used by" in capsys.readouterr().out
    assert not imported.exists()


def test_empty_folder_and_not_a_folder(kiosk, tmp_path, capsys):
    config, imported = kiosk
    (tmp_path / "empty").mkdir()
    assert run_import(config, tmp_path / "empty") == 1
    assert "no workshop files" in capsys.readouterr().out
    assert run_import(config, tmp_path / "nowhere") == 2
    assert not imported.exists()


def test_without_rename_exchange_the_swap_still_completes(kiosk, tmp_path, monkeypatch):
    """Filesystems without RENAME_EXCHANGE get two renames; the result is the same."""
    config, imported = kiosk
    monkeypatch.setattr("kiosk.packs._exchange", lambda a, b: False)
    for name in ("a", "b"):
        pack = tmp_path / name
        pack.mkdir()
        workshop(pack, "reactiespel", f"pack-{name}")
        assert run_import(config, pack) == 0
    assert set(tree(imported)) == {"pack-b.yaml"}
    assert not list(imported.parent.glob(".import-*"))


def test_leftovers_of_a_cut_off_import_are_cleared(tmp_path):
    target = tmp_path / "workshops"
    leftover = tmp_path / ".import-workshops-dead"
    leftover.mkdir()
    (leftover / "half.yaml").write_text("id: half")
    install_pack([], tmp_path, target)
    assert not leftover.exists() and target.is_dir()


def test_a_pack_file_with_a_tagged_key_is_a_problem_not_a_traceback(kiosk, tmp_path, capsys):
    config, imported = kiosk
    pack = tmp_path / "usb"
    pack.mkdir()
    (pack / "vreemd.yaml").write_text("id: vreemd\n!!python/none title: x\n")
    assert run_import(config, pack) == 1
    assert f"{pack / 'vreemd.yaml'}:2:1: a key must be plain text" in capsys.readouterr().out
    assert not imported.exists()


def test_a_pack_whose_step_text_does_not_fit_the_screen_is_refused(kiosk, tmp_path, capsys):
    config, imported = kiosk
    pack = tmp_path / "usb"
    pack.mkdir()
    path = workshop(pack, "reactiespel", "te-lang")
    long_text = " ".join(["Verbind de draad met de pin en kijk goed."] * 9)  # fits 400 chars
    text = path.read_text()
    first_nl_text = re.search(r"^      nl: .*$", text, flags=re.MULTILINE)
    path.write_text(text.replace(first_nl_text.group(0), f"      nl: {long_text[:399]}", 1))
    assert run_import(config, pack) == 1
    assert "does not fit the step screen" in capsys.readouterr().out
    assert not imported.exists()
