"""Machines are data: definitions loaded and validated by one small engine, drawn as Mermaid."""

from commissioning.machines.catalog import builtin_machine, builtin_names
from commissioning.machines.loader import parse_machine, validate
from commissioning.machines.mermaid import to_mermaid
from commissioning.machines.model import Machine, MachineKind, State, Transition
from commissioning.machines.serialise import machine_to_dict

__all__ = [
    "Machine",
    "MachineKind",
    "State",
    "Transition",
    "builtin_machine",
    "builtin_names",
    "machine_to_dict",
    "parse_machine",
    "to_mermaid",
    "validate",
]
