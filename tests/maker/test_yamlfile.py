"""A creation file: what is written reads back the same; every mistake in a file a person edits
is one line `path:line:column: message`, never a traceback."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.maker.rules import Action, Creation, Rule, Trigger
from kiosk.maker.yamlfile import dump, load
from tests.maker.scenarios import ALL

GOOD = """\
name: Snelle Raket
rules:
  - when: {trigger: pressed, device: button}
    then:
      - {action: switch_on, device: led}
      - {action: wait, seconds: 1.5}
"""


def problems_of(tmp_path, text: str) -> list[str]:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    creation, problems = load(path)
    assert creation is None
    return [str(p).split("c.yaml:", 1)[1] for p in problems]


def test_a_written_creation_reads_back_the_same(tmp_path):
    for scenario in ALL.values():
        path = tmp_path / "c.yaml"
        path.write_text(dump(scenario.creation), encoding="utf-8")
        assert load(path) == (scenario.creation, [])


def test_the_file_is_plain_one_line_per_block(tmp_path):
    rule = Rule(Trigger("pressed", "button"), (Action("show_text", None, "yes"),), 2)
    text = dump(Creation("Snelle Raket", (rule,)))
    assert "- when: {trigger: pressed, device: button}\n" in text
    assert "  only_if_count_at_least: 2\n" in text
    assert "  - {action: show_text, text: 'yes'}\n" in text  # quoted: never read as true


def test_a_hand_written_file_loads(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(GOOD, encoding="utf-8")
    creation, problems = load(path)
    assert problems == []
    assert creation.rules[0].actions[1] == Action("wait", None, 1.5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("switch_on", "switch_onn"),
         "5:18: action 'switch_onn' is not one of: switch_on, switch_off"),
        (GOOD.replace("seconds: 1.5", "seconds: 7"),
         "6:33: 'wait' takes seconds 0.5, 1, 1.5, 2, 3, 4, 5, 10, not 7"),
        (GOOD.replace("device: button", "devise: button"),
         "3:30: unknown key 'devise' in 'pressed' (did you mean 'device'?)"),
        (GOOD.replace("device: button", "device: Knop!"),
         "3:38: device 'Knop!' must be a device name of the kit"),
        (GOOD.replace("    then:", "    only_if_count_at_least: 0\n    then:"),
         "4:29: only_if_count_at_least must be between 1 and 99, not 0"),
        (GOOD.replace("name: Snelle Raket", "name: [1, 2]"), "1:7: name must be text, not a list"),
        (GOOD.replace("rules:\n", "rulez:\n"),
         "2:1: unknown key 'rulez' in creation (did you mean 'rules'?)"),
        ("name: X\nrules:\n  - when: {trigger: pressed, device: button}\n    then: []\n",
         "4:11: then needs at least 1 item(s)"),
        ("just text\n", "1:1: creation must be a mapping of key: value, not text 'just text'"),
        ("name: X\n\trules: []\n", "2:1: tab character: indent with spaces, not tabs"),
    ],
)  # fmt: skip
def test_each_mistake_is_one_positioned_line(tmp_path, text, expected):
    assert any(p.startswith(expected) for p in problems_of(tmp_path, text)), expected


def test_too_many_rules_or_actions_are_refused(tmp_path):
    rule = (
        "  - when: {trigger: every, seconds: 1}\n    then:\n" + "      - {action: count_up}\n" * 9
    )
    found = problems_of(tmp_path, "name: X\nrules:\n" + rule)
    assert found == ["5:7: a rule does at most 8 things, not 9"]
    many = "  - when: {trigger: every, seconds: 1}\n    then: [{action: count_up}]\n" * 21
    assert problems_of(tmp_path, "name: X\nrules:\n" + many) == [
        "3:3: a creation holds at most 20 rules, not 21"
    ]


def test_a_file_that_is_not_yaml_at_all_is_reported_not_raised(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    creation, problems = load(path)
    assert creation is None and "not UTF-8" in str(problems[0])


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_no_text_makes_the_reader_raise(tmp_path, text):
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    creation, problems = load(path)
    assert (creation is None) == bool(problems)
