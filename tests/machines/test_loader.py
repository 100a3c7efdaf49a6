from __future__ import annotations

import pytest

from commissioning.errors import MachineDefinitionError
from commissioning.machines import (
    MachineKind,
    builtin_machine,
    builtin_names,
    machine_to_dict,
    parse_machine,
    to_mermaid,
)

WORKFLOW = """
[machine]
name = "door"
kind = "workflow"

[[states]]
id = "OPEN"
initial = true

[[states]]
id = "CLOSED"

[[states]]
id = "GONE"
final = true

[[transitions]]
from = "OPEN"
to = "CLOSED"
confidence = 70

[[transitions]]
from = "CLOSED"
to = "OPEN"

[[transitions]]
from = "CLOSED"
to = "GONE"
"""


def test_table_ladder_has_eleven_ranked_states_with_evidence_kinds() -> None:
    machine = builtin_machine("table")
    assert machine.kind is MachineKind.LADDER
    assert [s.n for s in machine.by_rank()] == list(range(11))
    assert [s.evidence for s in machine.by_rank()][1:4] == ["schema", "migration", "data"]
    assert machine.initial.id == "idea"
    assert [s.id for s in machine.states if s.final] == ["commissioned"]
    assert len(machine.transitions) == 10  # implied n -> n+1
    assert "table" in builtin_names()


def test_workflow_parses_and_renders() -> None:
    machine = parse_machine(WORKFLOW, "door.toml")
    assert machine.outgoing("CLOSED")[0].target == "OPEN"
    diagram = to_mermaid(machine)
    assert "[*] --> OPEN" in diagram
    assert "OPEN --> CLOSED : (70%)" in diagram
    assert "GONE --> [*]" in diagram
    assert machine_to_dict(machine)["transitions"][0]["confidence"] == 70  # type: ignore[index]


def _error(text: str) -> MachineDefinitionError:
    with pytest.raises(MachineDefinitionError) as caught:
        parse_machine(text, "bad.toml")
    return caught.value


def test_toml_syntax_error_names_the_line() -> None:
    err = _error("[machine]\nname = 'x'\nkind = \n")
    assert err.line == 3
    assert str(err).startswith("bad.toml:3:")


def test_transition_to_unknown_state_names_its_line() -> None:
    text = WORKFLOW.replace('to = "GONE"', 'to = "NOWHERE"')
    err = _error(text)
    assert "NOWHERE" in str(err)
    lines = text.splitlines()
    assert err.line is not None and lines[err.line - 1].strip() == "[[transitions]]"
    assert lines[err.line].strip() == 'from = "CLOSED"'
    assert lines[err.line + 1].strip() == 'to = "NOWHERE"'


def test_unreachable_and_trap_states_are_rejected() -> None:
    unreachable = WORKFLOW + '\n[[states]]\nid = "ISLAND"\nfinal = true\n'
    assert "cannot be reached" in str(_error(unreachable))
    trap = WORKFLOW.replace('id = "GONE"\nfinal = true', 'id = "GONE"')
    assert "trap" in str(_error(trap))


def test_two_initial_states_rejected() -> None:
    text = WORKFLOW.replace('id = "CLOSED"', 'id = "CLOSED"\ninitial = true')
    assert "exactly one state must be initial" in str(_error(text))


def test_ladder_ranks_must_be_contiguous_and_carry_evidence() -> None:
    ladder = """
[machine]
name = "l"
kind = "ladder"

[[states]]
id = "a"
n = 0

[[states]]
id = "b"
n = 2
evidence = "schema"
"""
    err = _error(ladder)
    assert "expected 1" in str(err)
    assert err.line == 10  # the [[states]] header of the offending entry
    missing_evidence = ladder.replace('n = 2\nevidence = "schema"', "n = 1")
    assert "needs an 'evidence' kind" in str(_error(missing_evidence))


def test_duplicate_state_and_bad_kind() -> None:
    dup = WORKFLOW.replace('id = "CLOSED"', 'id = "OPEN"')
    assert "defined twice" in str(_error(dup))
    assert "kind must be one of" in str(_error(WORKFLOW.replace('"workflow"', '"blob"')))
    assert "missing the [machine] table" in str(_error("[[states]]\nid='a'\n"))
