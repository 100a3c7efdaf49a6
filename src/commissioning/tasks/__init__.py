"""Tasks: gaps become work. Pure: generation, routing, templates, Markdown, reconciliation.

The act layer (store, sinks) persists and delivers what this package decides; nothing here does
I/O, reads a clock or imports an I/O library (an import-linter contract keeps it so).
"""

from commissioning.tasks.generate import generate_tasks, schema_path
from commissioning.tasks.model import (
    SCANNER,
    ChecklistItem,
    Route,
    Task,
    TaskPlan,
    TaskRecord,
    TransitionRecord,
    verify_command,
)
from commissioning.tasks.reconcile import Move, Reconciliation, Update, reconcile
from commissioning.tasks.render import description, merge_ticks, parse_checklist
from commissioning.tasks.routing import OwnerFact, Routing, RoutingRule, route
from commissioning.tasks.templates import Template, resolve_templates

__all__ = [
    "SCANNER",
    "ChecklistItem",
    "Move",
    "OwnerFact",
    "Reconciliation",
    "Route",
    "Routing",
    "RoutingRule",
    "Task",
    "TaskPlan",
    "TaskRecord",
    "Template",
    "TransitionRecord",
    "Update",
    "description",
    "generate_tasks",
    "merge_ticks",
    "parse_checklist",
    "reconcile",
    "resolve_templates",
    "route",
    "schema_path",
    "verify_command",
]
