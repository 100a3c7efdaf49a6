"""The ``ast`` walk behind ``parse_file``: one pass that collects every fact of a module."""

from __future__ import annotations

import ast
from collections import defaultdict

from commissioning.observe.python.facts import (
    PyAssign,
    PyCall,
    PyClass,
    PyDecorator,
    PyFunction,
    PyImport,
    PyUse,
)
from commissioning.observe.python.idioms import (
    ALIAS_CALLS,
    BUILTIN_NAMES,
    CALL_NAMES,
    CLIENT_CONSTRUCTORS,
    CLIENT_METHODS,
    HUB_CALLS,
    JOB_SCHEDULERS,
    PAGE_BASES,
    PAGE_CALLS,
    ROUTE_METHODS,
    VIEW_BASES,
    WRITE_METHODS,
    class_body,
    is_job,
    renders_page,
    under_api,
)
from commissioning.observe.python.values import (
    alias_target,
    callee_name,
    dotted,
    template,
    to_val,
)

MAX_CHAIN = 5
MAX_URL = 300
MAX_CONTEXT = 4

class FileVisitor(ast.NodeVisitor):
    """Collects imports, classes, functions, module assignments, calls and name uses."""

    def __init__(self, *, is_test: bool = False) -> None:
        self.is_test = is_test
        self.bound: set[str] = set()  # names bound at file level, known once the walk is done
        self.star = False
        self.strings: list[tuple[int, int, int, int]] = []  # string literal spans
        self.imports: list[PyImport] = []
        self.classes: list[PyClass] = []
        self.functions: list[PyFunction] = []
        self.assigns: list[PyAssign] = []
        self.calls: list[PyCall] = []
        self.uses: list[PyUse] = []
        self.scope_calls: dict[str, set[str]] = defaultdict(set)
        self.route_lines: list[int] = []
        self.api_lines: list[int] = []
        self.page_lines: list[int] = []
        self.client_lines: list[int] = []
        self.job_lines: list[int] = []
        self.urls: list[tuple[str, int]] = []
        self.attrs: dict[tuple[str, str], tuple[str, int]] = {}  # (attr, scope) → (root, line)
        self._in_template = 0
        self.hub = False
        self.hub_scopes: set[str] = set()  # top-level definitions that build or wire the app
        self._scopes: list[str] = []
        self._in_function = 0
        self._aliases: list[dict[str, str]] = [{}]
        self._context: list[str] = []

    @property
    def scope(self) -> str:
        return ".".join(self._scopes)

    # -- imports ---------------------------------------------------------------------------------

    def file_uses(self) -> list[PyUse]:
        """Uses of names bound at file level (or model aliases). After ``from x import *`` a
        capitalised unknown name may well be one of x's classes, so it is kept too."""
        return [u for u in dict.fromkeys(self.uses) if u.chain[0].startswith("@")
                or u.chain[0] in self.bound or (self.star and u.chain[0][:1].isupper())]

    def value_attrs(self) -> list[tuple[str, int, str]]:
        """``query.alerts``, ``self.subscriptions``: an attribute read on a value (a local, a
        parameter, ``self``), not on anything the file binds (a module, a class); once per
        attribute and scope."""
        return [(attr, line, scope) for (attr, scope), (root, line) in self.attrs.items()
                if root not in self.bound and not root.startswith("@")]

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str | bytes):
            self._string(node)
            if self.is_test and isinstance(node.value, str) and not self._in_template:
                self._url(node.value, node.lineno)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self._string(node)
        if self.is_test and not self._in_template:
            self._url(template(node), node.lineno)
        self._in_template += 1
        self.generic_visit(node)
        self._in_template -= 1

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if self.is_test and not self._in_template:
            self._url(template(node), node.lineno)
        self._in_template += 1
        self.generic_visit(node)
        self._in_template -= 1

    def _url(self, text: str | None, line: int) -> None:
        """A test's URL-like string (``"/orders/%s/" % pk``): its request may be made from a
        variable, so every such string counts, wherever it is written."""
        if text and len(text) < MAX_URL and text.startswith(("/", "{}/", "http://testserver")):
            self.urls.append((text, line))

    def _string(self, node: ast.expr) -> None:
        if node.end_lineno is not None and node.end_col_offset is not None:
            self.strings.append((node.lineno, node.col_offset, node.end_lineno,
                                 node.end_col_offset))

    def visit_Import(self, node: ast.Import) -> None:
        self.bound.update(a.asname or a.name.split(".")[0] for a in node.names)
        for alias in node.names:
            if alias.asname:
                self.imports.append(PyImport(alias.name, 0, node.lineno, local=alias.asname,
                                             target=alias.name))
            else:
                self.imports.append(PyImport(alias.name, 0, node.lineno,
                                             local=alias.name.split(".")[0], target=alias.name))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        names = tuple((a.name, a.asname or a.name) for a in node.names)
        self.bound.update(local for name, local in names if name != "*")
        self.star = self.star or any(name == "*" for name, _ in names)
        self.imports.append(PyImport(node.module or "", node.level, node.lineno, names=names))

    # -- definitions -----------------------------------------------------------------------------

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        decorators = self._decorators(node.decorator_list)
        attrs, meta, methods, tablename = class_body(node)
        qualname = ".".join((*self._scopes, node.name))
        klass = PyClass(node.name, qualname, node.lineno,
                        bases=tuple(to_val(b) for b in node.bases),
                        keywords=tuple((k.arg, to_val(k.value)) for k in node.keywords
                                       if k.arg is not None),
                        attrs=attrs, meta=meta, decorators=decorators, methods=methods,
                        tablename_returns=tablename, nested=bool(self._scopes))
        self.classes.append(klass)
        if not self._scopes:
            self.bound.add(node.name)
        base_names = {callee_name(b) for b in node.bases}
        if base_names & VIEW_BASES or any(n.endswith(("View", "ViewSet")) for n in base_names):
            self.route_lines.append(node.lineno)
        if base_names & PAGE_BASES or klass.attr("template_name") is not None:
            self.page_lines.append(node.lineno)
        for keyword in node.keywords:
            self._binding(keyword.arg, keyword.value)
        self._scopes.append(node.name)
        for stmt in node.body:
            self._class_statement(stmt)
        self._scopes.pop()

    def _class_statement(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
                and isinstance(stmt.targets[0], ast.Name) and dotted(stmt.value) is not None:
            self._binding(stmt.targets[0].id, stmt.value)
        elif isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
            self._scopes.append("Meta")
            for inner in stmt.body:
                self._class_statement(inner)
            self._scopes.pop()
        else:
            self.visit(stmt)

    def _binding(self, name: str | None, value: ast.expr) -> None:
        chain = dotted(value)
        if chain is None:
            self.visit(value)
        else:
            self._use(chain, value.lineno, binding=name)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        decorators = self._decorators(node.decorator_list)
        owner = self.scope if self._scopes and not self._in_function else None
        qualname = ".".join((*self._scopes, node.name))
        self.functions.append(PyFunction(node.name, qualname, node.lineno, decorators, owner))
        if not self._scopes:
            self.bound.add(node.name)
        for decorator in decorators:
            self._route_decorator(decorator)
            if is_job(decorator.chain):
                self.job_lines.append(decorator.line)
        for default in (*node.args.defaults, *(d for d in node.args.kw_defaults if d)):
            self.visit(default)
        self._scopes.append(node.name)
        self._in_function += 1
        self._aliases.append({})
        for stmt in node.body:
            self.visit(stmt)
        self._aliases.pop()
        self._in_function -= 1
        self._scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815

    def _decorators(self, nodes: list[ast.expr]) -> tuple[PyDecorator, ...]:
        out: list[PyDecorator] = []
        for node in nodes:
            self.visit(node)
            value = to_val(node)
            if value.kind in ("name", "call") and value.chain:
                out.append(PyDecorator(value.chain, node.lineno, value.kind == "call",
                                       value.args, value.keywords))
        return tuple(out)

    def _route_decorator(self, decorator: PyDecorator) -> None:
        name = decorator.chain[-1]
        if name == "api_view":
            self.route_lines.append(decorator.line)
            self.api_lines.append(decorator.line)
            return
        if name not in ROUTE_METHODS or len(decorator.chain) < 2 or not decorator.called:
            return
        first = decorator.args[0] if decorator.args else None
        for key, value in decorator.keywords:
            if first is None and key in ("path", "rule"):
                first = value
        if first is None or first.kind not in ("str", "fstr"):
            return
        self.route_lines.append(decorator.line)
        if first.text.startswith("/api"):
            self.api_lines.append(decorator.line)

    # -- statements and expressions --------------------------------------------------------------

    def visit_Assign(self, node: ast.Assign) -> None:
        self._assign(node.targets, node.value, node.lineno)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._assign([node.target], node.value, node.lineno)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._assign([node.target], node.value, node.lineno)

    def _assign(self, targets: list[ast.expr], value: ast.expr, line: int) -> None:
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        aliasing = isinstance(value, ast.Call) and callee_name(value.func) in ALIAS_CALLS
        reduced = to_val(value) if names and (aliasing or not self._scopes) else None
        if reduced is not None:
            alias = alias_target(reduced)
            if alias is not None:
                for name in names:
                    self._aliases[-1][name] = alias
            if not self._scopes:
                self.assigns.extend(PyAssign(n, reduced, line) for n in names)
                self.bound.update(names)
        for target in targets:
            if not isinstance(target, ast.Name):
                self.visit(target)
        self.visit(value)

    def visit_arg(self, node: ast.arg) -> None:  # annotations are never uses
        return

    def visit_Call(self, node: ast.Call) -> None:
        chain = dotted(node.func)
        name = callee_name(node.func)
        if chain is not None:
            self._use(chain, node.func.lineno, called=True)
        else:
            formatting = name == "format" and template(node) is not None
            self._in_template += formatting
            self.visit(node.func)
            self._in_template -= formatting
        self._record_call(node, chain, name)
        self._context.append(name)
        for arg in node.args:
            self.visit(arg)
        for keyword in node.keywords:
            self.visit(keyword.value)
        self._context.pop()

    def _record_call(self, node: ast.Call, chain: tuple[str, ...] | None, name: str) -> None:
        if self.is_test and name == "format":
            self._url(template(node), node.lineno)
        receiver = chain[:-1] if chain else ()
        is_client = bool(receiver) and receiver[-1].lower().endswith("client") \
            and name in CLIENT_METHODS
        if name in CALL_NAMES or (self.is_test and is_client) or _registers_path(node):
            value = to_val(node)
            self.calls.append(PyCall(value.chain, node.lineno, value.args, value.keywords,
                                     self.scope))
        if isinstance(node.func, ast.Attribute) and name in WRITE_METHODS:
            self.scope_calls[self.scope].add(name)
        if name in PAGE_CALLS and not _on_instance(chain) and renders_page(name, node):
            self.page_lines.append(node.lineno)
        if name in JOB_SCHEDULERS:
            self.job_lines.append(node.lineno)
        if name in HUB_CALLS:
            self.hub = True
            if self._scopes:
                self.hub_scopes.add(self._scopes[0])
        if is_client or name in CLIENT_CONSTRUCTORS:
            self.client_lines.append(node.lineno)
        if name in ("APIRouter", "Blueprint", "Namespace", "add_resource", "add_url_rule",
                    "include_router", "register_blueprint") and under_api(node):
            self.api_lines.append(node.lineno)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        chain = dotted(node)
        if chain is None:
            self.visit(node.value)
        elif isinstance(node.ctx, ast.Load):
            self._use(chain, node.lineno)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self._use((node.id,), node.lineno)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.visit(node.body)

    def _use(self, chain: tuple[str, ...], line: int, *, called: bool = False,
             binding: str | None = None) -> None:
        root = chain[0]
        if len(chain) > 1 and not chain[1].startswith("_"):
            self.attrs.setdefault((chain[1], self.scope), (root, line))
        alias = self._alias(root)
        if alias is not None:
            chain = (alias, *chain[1:])
        elif root in BUILTIN_NAMES:
            return
        context = tuple(reversed(self._context))[:MAX_CONTEXT]
        self.uses.append(PyUse(chain[:MAX_CHAIN], line, called and len(chain) <= MAX_CHAIN,
                               context, binding, self.scope))

    def _alias(self, name: str) -> str | None:
        if name in self._aliases[-1]:
            return self._aliases[-1][name]
        return self._aliases[0].get(name)


def _on_instance(chain: tuple[str, ...] | None) -> bool:
    """``self.render_template(t)``: a method of the object's own (an alert rendering its
    message), not the web framework's page renderer."""
    return chain is not None and len(chain) > 1 and chain[0] in ("self", "cls")


def _registers_path(node: ast.Call) -> bool:
    """``api.add_org_resource(DestinationList, "/api/destinations")``: a view and a URL path,
    kept in case the callee is the venture's own wrapper of ``add_resource``/``add_url_rule``
    (``observe.python.web_routes`` decides)."""
    args = node.args
    return len(args) > 1 and isinstance(args[0], ast.Name | ast.Attribute) \
        and any(isinstance(a, ast.Constant) and isinstance(a.value, str)
                and a.value.startswith("/") for a in args[1:])
