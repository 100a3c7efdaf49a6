"""Top-level module syntax of one file: imports, re-exports, local exports and declarations.

Only top-level statements can import or export, so this reads the program's direct children and
never walks the whole tree. ``import()`` and ``require()`` are calls and live in ``calls.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from commissioning.observe.typescript.facts import Binding, ImportFact, ReExport
from commissioning.observe.typescript.nodes import line, string_value, text

_DECLARATIONS = frozenset({
    "function_declaration", "generator_function_declaration", "class_declaration",
    "abstract_class_declaration", "enum_declaration",
})
_VARIABLES = frozenset({"lexical_declaration", "variable_declaration"})


@dataclass(slots=True)
class ModuleSyntax:
    imports: list[ImportFact] = field(default_factory=list)
    reexports: list[ReExport] = field(default_factory=list)
    local_exports: list[tuple[str, str]] = field(default_factory=list)
    declarations: set[str] = field(default_factory=set)
    aliases: list[tuple[str, str]] = field(default_factory=list)


def read_module_syntax(program: Node) -> ModuleSyntax:
    out = ModuleSyntax()
    for stmt in program.named_children:
        if stmt.type == "import_statement":
            _import(stmt, out)
        elif stmt.type == "export_statement":
            _export(stmt, out)
        else:
            out.declarations.update(_declared_names(stmt))
        out.aliases.extend(_aliases(stmt))
    return out


def _aliases(stmt: Node) -> list[tuple[str, str]]:
    """``const a = b`` at top level: ``a`` names whatever ``b`` names."""
    if stmt.type == "export_statement":
        declaration = stmt.child_by_field_name("declaration")
        if declaration is None:
            return []
        stmt = declaration
    if stmt.type not in _VARIABLES:
        return []
    found: list[tuple[str, str]] = []
    for declarator in stmt.named_children:
        name = declarator.child_by_field_name("name")
        value = declarator.child_by_field_name("value")
        if declarator.type == "variable_declarator" and name is not None and value is not None \
                and name.type == "identifier" and value.type == "identifier":
            found.append((text(name), text(value)))
    return found


def _has_token(node: Node, token: str) -> bool:
    return any(not c.is_named and c.type == token for c in node.children)


def _import(stmt: Node, out: ModuleSyntax) -> None:
    source = string_value(stmt.child_by_field_name("source"))
    type_only = _has_token(stmt, "type")
    bindings: list[Binding] = []
    type_specifiers = 0
    for clause in stmt.named_children:
        if clause.type == "import_require_clause":  # import x = require("y")
            names = [c for c in clause.named_children if c.type == "identifier"]
            source = string_value(clause.child_by_field_name("source")) or source
            bindings.extend(Binding("*", text(n)) for n in names[:1])
        elif clause.type == "import_clause":
            type_specifiers += _clause_bindings(clause, bindings)
    if source is None:
        return
    if type_specifiers and not bindings:
        type_only = True  # import { type A, type B } from "x" brings in no value
    out.imports.append(ImportFact(source, line(stmt), "static", tuple(bindings), type_only))


def _clause_bindings(clause: Node, bindings: list[Binding]) -> int:
    """Add the clause's value bindings; return how many type-only specifiers it skipped."""
    skipped = 0
    for part in clause.named_children:
        if part.type == "identifier":
            bindings.append(Binding("default", text(part)))
        elif part.type == "namespace_import":
            ident = next((c for c in part.named_children if c.type == "identifier"), None)
            if ident is not None:
                bindings.append(Binding("*", text(ident)))
        elif part.type == "named_imports":
            for spec in part.named_children:
                name = spec.child_by_field_name("name")
                if spec.type != "import_specifier" or name is None:
                    continue
                if _has_token(spec, "type"):
                    skipped += 1
                    continue
                alias = spec.child_by_field_name("alias")
                bindings.append(Binding(text(name), text(alias or name)))
    return skipped


def _export(stmt: Node, out: ModuleSyntax) -> None:
    source = string_value(stmt.child_by_field_name("source"))
    type_only = _has_token(stmt, "type")
    if source is not None:
        _reexport(stmt, source, type_only, out)
        return
    declaration = stmt.child_by_field_name("declaration")
    value = stmt.child_by_field_name("value")
    is_default = _has_token(stmt, "default")
    if declaration is not None:
        names = _declared_names(declaration)
        out.declarations.update(names)
        if is_default:
            out.local_exports.append(("default", names[0] if names else "default"))
        else:
            out.local_exports.extend((n, n) for n in names)
        return
    if is_default:
        local = text(value) if value is not None and value.type == "identifier" else "default"
        out.local_exports.append(("default", local))
        return
    if type_only:
        return
    for clause in stmt.named_children:
        if clause.type != "export_clause":
            continue
        for spec in clause.named_children:
            name = spec.child_by_field_name("name")
            alias = spec.child_by_field_name("alias")
            if spec.type == "export_specifier" and name is not None \
                    and not _has_token(spec, "type"):
                out.local_exports.append((text(alias or name), text(name)))


def _reexport(stmt: Node, source: str, type_only: bool, out: ModuleSyntax) -> None:
    at = line(stmt)
    clause = next((c for c in stmt.named_children
                   if c.type in ("export_clause", "namespace_export")), None)
    if clause is None:
        out.reexports.append(ReExport(source, at, "*", None, type_only))
    elif clause.type == "namespace_export":
        ident = next((c for c in clause.named_children if c.type == "identifier"), None)
        out.reexports.append(ReExport(source, at, "*", text(ident) if ident else None, type_only))
    else:
        for spec in clause.named_children:
            name = spec.child_by_field_name("name")
            alias = spec.child_by_field_name("alias")
            if spec.type == "export_specifier" and name is not None:
                out.reexports.append(ReExport(source, at, text(name), text(alias or name),
                                              type_only or _has_token(spec, "type")))


def _declared_names(stmt: Node) -> list[str]:
    if stmt.type in _DECLARATIONS:
        name = stmt.child_by_field_name("name")
        return [text(name)] if name is not None else []
    if stmt.type in _VARIABLES:
        names: list[str] = []
        for declarator in stmt.named_children:
            if declarator.type == "variable_declarator":
                name = declarator.child_by_field_name("name")
                if name is not None and name.type == "identifier":
                    names.append(text(name))
        return names
    return []
