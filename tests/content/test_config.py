"""The config file: lookup order (--config, STEM_KIOSK_CONFIG, default), first run, its keys."""

from __future__ import annotations

import stat
from pathlib import Path

from kiosk.cli import main
from kiosk.config import ENV_VAR, config_path, load_config, user_data_dir


def default_path() -> Path:
    return user_data_dir() / "kiosk.yaml"


def test_the_option_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.yaml"))
    assert config_path(str(tmp_path / "cli.yaml")) == tmp_path / "cli.yaml"


def test_the_environment_wins_over_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.yaml"))
    assert config_path(None) == tmp_path / "env.yaml"


def test_the_default_is_in_the_data_directory(tmp_path):
    assert config_path(None) == tmp_path / "xdg" / "stem-kiosk" / "kiosk.yaml"


def test_the_default_is_created_on_first_run_owner_only(capsys):
    assert not default_path().exists()
    assert main(["validate"]) == 0
    mode = stat.S_IMODE(default_path().stat().st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(default_path().parent.stat().st_mode) == 0o700
    config, problems = load_config(default_path())
    assert problems == [] and config.kiosk_id == "mobilab-demo" and config.language == "nl"
    assert "all valid" in capsys.readouterr().out


def test_a_named_config_that_is_missing_is_reported_not_created(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "typo.yaml"
    monkeypatch.setenv(ENV_VAR, str(missing))
    assert main(["validate"]) == 1
    assert not missing.exists() and not default_path().exists()
    assert f"{missing}:1:1: cannot read: No such file or directory" in capsys.readouterr().out


def test_the_option_is_used_and_its_problems_have_lines(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "other.yaml"))
    path = tmp_path / "kiosk.yaml"
    path.write_text("language: nl\nkiosk_id: Mobilab 1\n")
    assert main(["--config", str(path), "validate"]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2:11: kiosk_id 'Mobilab 1' must be lower-case letters, digits, '-'" in out


def test_relative_paths_are_relative_to_the_config_file(tmp_path):
    path = tmp_path / "etc" / "kiosk.yaml"
    path.parent.mkdir()
    path.write_text(
        "kiosk_id: bib-maldegem\nlanguage: en\ndata_dir: data\nkit: kit.yaml\n"
        "tour: /srv/tour.yaml\nworkshops_dirs: [extra]\n"
        "listing: {url: 'https://listing.example.org', token_file: token}\n"
    )
    config, problems = load_config(path)
    assert problems == []
    assert (config.kiosk_id, config.language) == ("bib-maldegem", "en")
    assert config.data_dir == path.parent / "data"
    assert config.kit == path.parent / "kit.yaml"
    assert config.tour == Path("/srv/tour.yaml")
    assert config.workshops_dirs == [path.parent / "extra"]
    assert config.listing_url == "https://listing.example.org"
    assert config.token_file == path.parent / "token"


def test_a_bad_key_keeps_its_default_and_the_rest_applies(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text("kiosk_id: Fout!\nlanguage: en\n")
    config, problems = load_config(path)
    assert [(p.line, p.column) for p in problems] == [(1, 11)]
    assert (config.kiosk_id, config.language) == ("mobilab-demo", "en")


def test_large_text_is_a_yes_or_no_and_off_by_default(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text("kiosk_id: lab-1\n")
    assert load_config(path)[0].large_text is False
    path.write_text("large_text: true\n")
    config, problems = load_config(path)
    assert problems == [] and config.large_text is True
    path.write_text("large_text: ja\nlanguage: en\n")
    config, problems = load_config(path)
    assert [(p.line, p.column) for p in problems] == [(1, 13)]
    assert config.large_text is False and config.language == "en"
