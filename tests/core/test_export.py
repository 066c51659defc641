"""The sessions' CSV: a BOM for spreadsheets, formula-like text made inert, numbers left alone,
and the same file from the command line and from the facilitator's USB export; beside it on the
stick, the program of every creation of maker mode."""

from __future__ import annotations

import csv

from kiosk.cli import main
from kiosk.config import Config
from kiosk.core.export import FIELDS, write_csv
from kiosk.journal import Journal
from kiosk.maker.rules import Action, Creation, Rule, Trigger
from kiosk.maker.store import Store
from kiosk.stop import Stop
from kiosk.ui.usb import export_sessions

WORKSHOP = {"id": "reactiespel", "version": "1.0", "title": {"nl": "@Reactie"},
            "typical_age_range": "10-14"}  # fmt: skip


def test_a_bom_and_no_formula_a_spreadsheet_would_run(tmp_path):
    with Journal.open(tmp_path / "data", kiosk_id="core-test") as journal:
        sid = journal.start_session(WORKSHOP, Stop('=HYPERLINK("x")', "other", "-Gent", "+32"))
        journal.count(sid, "14-17")
        path = tmp_path / "out.csv"
        assert write_csv(journal, path) == 1
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "é".encode() not in raw  # (nothing to mangle)
    [row] = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert list(row) == FIELDS
    assert row["stop"] == '\'=HYPERLINK("x")' and row["municipality"] == "'-Gent"
    assert row["postcode"] == "'+32" and row["workshop_title"] == "'@Reactie"
    assert row["total"] == "1" and row["age_14-17"] == "1" and row["session_id"] == sid


def test_the_command_and_the_usb_export_write_the_same_file(tmp_path, capsys):
    config_file = tmp_path / "kiosk.yaml"
    config_file.write_text(f"kiosk_id: core-test\ndata_dir: {tmp_path / 'data'}\n")
    with Journal.open(tmp_path / "data", kiosk_id="core-test") as journal:
        journal.count(journal.start_session(WORKSHOP, Stop("Bib", "library", "Gent")), "0-9")
    assert main(["--config", str(config_file), "export", "--csv", str(tmp_path / "cli.csv")]) == 0
    assert capsys.readouterr().out == f"1 session(s) written to {tmp_path / 'cli.csv'}\n"
    config = Config(path=config_file, kiosk_id="core-test", data_dir=tmp_path / "data")
    with Journal.for_config(config) as journal:
        usb = export_sessions(config, journal, tmp_path)
    assert usb.read_bytes() == (tmp_path / "cli.csv").read_bytes()


def test_a_file_that_cannot_be_written_is_one_line_and_exit_1(tmp_path, capsys):
    config_file = tmp_path / "kiosk.yaml"
    config_file.write_text(f"data_dir: {tmp_path / 'data'}\n")
    target = tmp_path / "no-such-folder" / "out.csv"
    assert main(["--config", str(config_file), "export", "--csv", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"stem-kiosk: cannot write {target}")


def test_the_usb_export_writes_each_creations_program_next_to_the_csv(tmp_path):
    """What youth made in maker mode goes home with the facilitator's stick: one .py per
    creation, its pins in its header, valid Python; a file that does not load stays behind."""
    data = tmp_path / "data"
    store = Store(data)
    store.save(Creation("Snelle Raket", (Rule(Trigger("pressed", "button"),
                                               (Action("switch_on", "led"),)),)))  # fmt: skip
    (store.folder / "kapot.yaml").write_text("name: Kapot\nrules: [{when: {trigger: x}}]\n")
    config = Config(path=tmp_path / "kiosk.yaml", kiosk_id="core-test", data_dir=data)
    stick = tmp_path / "stick"
    stick.mkdir()
    with Journal.for_config(config) as journal:
        csv_path = export_sessions(config, journal, stick)
    assert sorted(p.name for p in stick.iterdir()) == sorted([csv_path.name, "snelle_raket.py"])
    program = (stick / "snelle_raket.py").read_text(encoding="utf-8")
    compile(program, "snelle_raket.py", "exec")
    assert "drukknop" in program and "GPIO17 (pin 11)" in program and "GPIO27 (pin 13)" in program
    assert (store.folder / "kapot.yaml").exists()
