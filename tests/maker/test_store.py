"""Creations kept on the kiosk: owner-only files under a fun name, reopened, remixed and deleted;
a file that does not load is skipped with a message and never deleted or overwritten."""

from __future__ import annotations

import random
import stat

import pytest

from kiosk.maker.names import ADJECTIVES, NOUNS, fun_name
from kiosk.maker.rules import Action, Creation, Rule, Trigger
from kiosk.maker.store import Store, slug

RULES = (Rule(Trigger("pressed", "button"), (Action("switch_on", "led"),)),)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data", rng=random.Random(7))


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_creation_gets_a_fun_name_in_an_owner_only_file(store):
    creation = store.new(RULES)
    adjective, noun = creation.name.split(" ")
    assert adjective in ADJECTIVES and noun in NOUNS
    path = store.path(creation.name)
    assert path.name == f"{slug(creation.name)}.yaml"
    assert (
        mode(path) == 0o600 and mode(store.folder) == 0o700 and mode(store.folder.parent) == 0o700
    )
    assert store.get(creation.name.upper()) == creation


def test_names_are_unique_and_run_on_with_a_number_when_all_pairs_are_taken():
    taken = [f"{a} {n}" for a in ADJECTIVES for n in NOUNS]
    assert fun_name(taken[:-1], random.Random(1)) == taken[-1]
    extra = fun_name(taken, random.Random(1))
    assert extra.rsplit(" ", 1)[1] == "2" and extra.rsplit(" ", 1)[0] in taken


def test_remix_copies_the_rules_under_a_new_name_and_delete_removes_one(store):
    original = store.new(RULES)
    copy = store.remix(original.name)
    assert copy.name != original.name and copy.rules == original.rules
    assert store.remix("Niemand Hier") is None
    assert store.delete(original.name)
    assert [c.name for c in store.load()[0]] == [copy.name]
    assert not store.delete(original.name)


def test_a_file_that_does_not_load_is_skipped_with_a_message_and_kept(store):
    good = store.new(RULES)
    broken = store.folder / "kapotte-robot.yaml"
    broken.write_text("name: Kapotte Robot\nrules: [{when: {trigger: vliegen}}]\n")
    creations, problems = store.load()
    assert creations == [good]
    assert any(str(p).startswith(f"{broken}:2:") for p in problems)
    store.delete(good.name)
    for _ in range(5):
        store.remix(store.new(RULES).name)
    assert broken.read_text().startswith("name: Kapotte Robot")
    with pytest.raises(ValueError, match="does not load"):
        store.save(Creation("Kapotte Robot", RULES))
    assert broken.read_text().startswith("name: Kapotte Robot")


def test_two_files_with_one_name_keep_the_first_and_say_so(store):
    first = store.new(RULES)
    (store.folder / "zz-copy.yaml").write_text(store.path(first.name).read_text())
    creations, problems = store.load()
    assert creations == [first] and "already holds a creation named" in str(problems[0])


def test_saving_again_replaces_the_creations_own_file(store):
    creation = store.new(RULES)
    longer = Creation(creation.name, (*RULES, *RULES))
    store.save(longer)
    assert store.get(creation.name) == longer and len(list(store.folder.iterdir())) == 1


def test_an_empty_kiosk_has_no_creations(store):
    assert store.load() == ([], []) and store.get("Snelle Raket") is None
