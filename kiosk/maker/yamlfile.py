"""A creation as a YAML file: written plainly, read safely and checked, every problem reported as
`path:line:column: message` (the same reader and checks as the kit and workshop files)."""

from __future__ import annotations

import os
from typing import Any

import yaml

from devices.kitconfig import NAME_PATTERN
from devices.yamlcheck import Checker
from devices.yamlsource import KeyPath, Problem, SourceError, read
from kiosk.maker.blocks import ACTIONS, TRIGGERS, Block
from kiosk.maker.rules import MAX_ACTIONS, MAX_RULES, NAME_MAX, Action, Creation, Rule, Trigger

MAX_BYTES = 65_536  # 20 rules of 8 actions take about 8 kB
HEADER = '# A creation of "Maak het zelf", the maker mode of stem-kiosk.\n'
CONDITION = "only_if_count_at_least"


def dump(creation: Creation) -> str:
    """The file's text: `when` and every action on one line each, in the rules' order."""
    rules = []
    for rule in creation.rules:
        entry: dict[str, Any] = {"when": _part("trigger", rule.trigger)}
        if rule.count_at_least is not None:
            entry[CONDITION] = rule.count_at_least
        entry["then"] = [_part("action", a) for a in rule.actions]
        rules.append(entry)
    data = {"name": creation.name, "rules": rules}
    return HEADER + yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None
    )


def _part(key: str, part: Trigger | Action) -> dict[str, Any]:
    entry: dict[str, Any] = {key: part.kind}
    if part.device is not None:
        entry["device"] = part.device
    if part.block.param is not None:
        entry[part.block.param] = part.value
    return entry


def load(path: str | os.PathLike) -> tuple[Creation | None, list[Problem]]:
    """Read and check a creation file: the creation, or None and every problem found."""
    try:
        doc = read(path, max_bytes=MAX_BYTES)
    except SourceError as err:
        return None, err.problems
    check = Checker(doc)
    top = check.mapping((), doc.data, required=["name", "rules"], what="creation")
    if top is None or "name" not in top or "rules" not in top:
        return None, check.problems
    name = check.text(("name",), top["name"], max_len=NAME_MAX)
    rules = []
    raw_rules = check.sequence(("rules",), top["rules"])
    if raw_rules is not None and len(raw_rules) > MAX_RULES:
        check.fail(("rules",), f"a creation holds at most {MAX_RULES} rules, not {len(raw_rules)}")
    elif raw_rules is not None:
        rules = [_rule(check, ("rules", i), raw) for i, raw in enumerate(raw_rules)]
    if check.problems or name is None:
        return None, sorted(check.problems)
    return Creation(name, tuple(rules)), []


def _rule(check: Checker, where: KeyPath, raw: Any) -> Rule | None:
    body = check.mapping(where, raw, required=["when", "then"], optional=[CONDITION], what="rule")
    if body is None or "when" not in body or "then" not in body:
        return None
    trigger = _block(check, (*where, "when"), body["when"], "trigger", TRIGGERS)
    actions = []
    raw_actions = check.sequence((*where, "then"), body["then"], min_items=1)
    if raw_actions is not None and len(raw_actions) > MAX_ACTIONS:
        message = f"a rule does at most {MAX_ACTIONS} things, not {len(raw_actions)}"
        check.fail((*where, "then"), message)
    elif raw_actions is not None:
        for i, item in enumerate(raw_actions):
            actions.append(_block(check, (*where, "then", i), item, "action", ACTIONS))
    count = None
    if CONDITION in body:
        count = check.integer((*where, CONDITION), body[CONDITION], low=1, high=99)
        if count is None:
            return None
    if trigger is None or not actions or None in actions:
        return None
    return Rule(trigger, tuple(actions), count)


def _block(check: Checker, where: KeyPath, raw: Any, key: str, table: dict[str, Block]):
    """One trigger or action: `{trigger|action: KIND, device: NAME, PARAM: VALUE}`."""
    body = check.mapping(where, raw, required=[key], optional=None, what=key)
    if body is None or key not in body:
        return None
    kind = check.choice((*where, key), body[key], table)
    if kind is None:
        return None
    block = table[kind]
    wanted = ["device"] * bool(block.types) + [block.param] * bool(block.param)
    before = len(check.problems)
    check.mapping(where, body, required=[key, *wanted], what=f"'{kind}'")
    device = None
    if block.types and "device" in body:
        device = check.text(
            (*where, "device"), body["device"], max_len=32, pattern=NAME_PATTERN,
            hint="must be a device name of the kit",
        )  # fmt: skip
    value = None
    if block.param and block.param in body:
        try:
            value = block.value(body[block.param])
        except ValueError as err:
            check.fail((*where, block.param), str(err))
    if len(check.problems) > before:
        return None
    return (Trigger if key == "trigger" else Action)(kind, device, value)
