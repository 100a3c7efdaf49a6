"""Method-level reach for Rails: a call runs the app's method it names, when that is decidable.

A model file reached through its constant stands for its own table only (which of its methods
the caller runs is not known from the constant). A *method call* says which: each ``def`` of a
class or module is a node of the code graph (``app/models/transfer.rb::Transfer#reject!``)
holding the accesses and calls on its own lines, and a call reaches it when the method it runs
is decidable statically:

* on a constant: ``Transfer.match!(…)`` runs ``Transfer.match!``; ``Demo::Generator.new.run!``
  runs ``Demo::Generator#run!``;
* on a value named for a class (Rails names variables after their model): ``@transfer.reject!``
  or ``transfer.reject!`` runs ``Transfer#reject!``, ``Current.family.sync_later`` runs
  ``Family#sync_later`` (also when ``Family`` has it from an included concern), when only one
  class of that name defines it (``syncer.perform_sync`` with ``Account::Syncer`` and
  ``Family::Syncer`` both defining it is polymorphic, and not followed);
* without a receiver, inside a class or module: its own method of that name, or one of a module
  it includes;
* on any other value, when exactly one class or module of the app defines an instance method of
  that name, and the name is not also one of Ruby's or Rails' own methods (``save``, ``count``,
  ``reject!`` with a block), a column of some table (an attribute reader) or an association.

Anything else (a name two unrelated classes define, on a value named for neither) is not
followed: a guess would let one call reach half the schema.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from commissioning.observe.ruby.constants import ConstantIndex
from commissioning.observe.ruby.facts import MethodDef, RubyFacts, Send
from commissioning.observe.ruby.inflect import Inflector, demodulize

SEP = "::"

# Ruby's and Rails' own methods (Object, Kernel, Enumerable, Array, Hash, String, Numeric,
# ActiveRecord::Base and Relation, controllers, jobs, mailers): a value's call of one of these
# most likely runs the library's, even when one app class happens to define the same name.
CORE = frozenset({
    "initialize", "new", "call", "perform", "perform_later", "perform_now", "process", "run",
    "execute", "apply", "handle", "to_s", "to_str", "to_h", "to_a", "to_i", "to_f", "to_d",
    "to_sym", "to_json", "to_param", "to_proc", "inspect", "hash", "eql?", "equal?", "class",
    "is_a?", "kind_of?", "instance_of?", "respond_to?", "send", "public_send", "tap", "then",
    "dup", "clone", "freeze", "frozen?", "nil?", "present?", "blank?", "presence", "try", "try!",
    "in?", "itself", "method", "methods", "each", "each_with_index", "each_with_object", "map",
    "flat_map", "collect", "select", "filter", "reject", "find", "detect", "find_index",
    "find_all", "sum", "min", "max", "min_by", "max_by", "sort", "sort_by", "group_by",
    "partition", "index_by", "index_with", "inject", "reduce", "count", "size", "length",
    "empty?", "any?", "all?", "none?", "one?", "include?", "member?", "first", "last", "take",
    "drop", "zip", "uniq", "compact", "flatten", "reverse", "join", "split", "push", "pop",
    "shift", "unshift", "insert", "concat", "delete", "delete_at", "delete_if", "keep_if",
    "clear", "fetch", "dig", "key?", "keys", "values", "merge", "merge!", "slice", "except",
    "transform_values", "transform_keys", "each_pair", "to_set", "reject!", "select!", "map!",
    "compact!", "uniq!", "sort!", "sort_by!", "flatten!", "reverse!", "shuffle", "sample", "sub",
    "gsub", "sub!", "gsub!", "strip", "lstrip", "rstrip", "downcase", "upcase", "capitalize",
    "titleize", "humanize", "parameterize", "underscore", "camelize", "pluralize", "singularize",
    "start_with?", "end_with?", "match", "match?", "format", "round", "floor", "ceil", "abs",
    "zero?", "positive?", "negative?", "between?", "clamp", "save", "save!", "update", "update!",
    "update_attribute", "update_attributes", "update_column", "update_columns", "destroy",
    "destroy!", "delete!", "reload", "touch", "increment", "increment!", "decrement",
    "decrement!", "toggle", "toggle!", "valid?", "invalid?", "validate", "validate!", "errors",
    "persisted?", "new_record?", "destroyed?", "changed?", "changes", "changed_attributes",
    "saved_changes", "attributes", "assign_attributes", "attribute", "read_attribute",
    "write_attribute", "becomes", "lock!", "with_lock", "transaction", "id", "name", "title",
    "value", "status", "type", "state", "kind", "email", "key", "data", "params", "where",
    "find_by", "find_by!", "order", "limit", "offset", "pluck", "ids", "exists?", "create",
    "create!", "build", "find_or_create_by", "find_or_initialize_by", "includes", "joins",
    "preload", "eager_load", "group", "render", "redirect_to", "head", "respond_to", "authorize",
    "policy_scope", "deliver", "deliver_now", "deliver_later", "with"
})


@dataclass(frozen=True, slots=True)
class MethodNode:
    node: str
    owner: str
    name: str
    singleton: bool


@dataclass(slots=True)
class MethodIndex:
    """Every ``def`` of the app as a node, and how a call finds the one it runs."""

    spans: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    starts: dict[str, list[int]] = field(default_factory=dict)
    instance: dict[str, list[MethodNode]] = field(default_factory=dict)  # name → methods
    owned: dict[tuple[str, str, bool], str] = field(default_factory=dict)  # (owner, name, s.)
    includes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # owner → modules
    owners_by_hint: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "transfer" → …
    shadowed: frozenset[str] = frozenset()  # columns and association names

    def at(self, path: str, line: int) -> str | None:
        """The innermost method of ``path`` whose lines hold ``line``."""
        spans = self.spans.get(path)
        if not spans:
            return None
        starts = self.starts[path]
        best: str | None = None
        best_size = 0
        for i in range(bisect.bisect_right(starts, line) - 1, -1, -1):
            start, end, node = spans[i]
            if start <= line <= end and (best is None or end - start < best_size):
                best, best_size = node, end - start
        return best

    def method_of(self, owner: str, name: str, singleton: bool = False) -> str | None:
        """``owner``'s own method, else one of a module it includes (one level)."""
        found = self.owned.get((owner, name, singleton))
        if found is not None or singleton:
            return found
        for module in self.includes.get(owner, ()):
            found = self.owned.get((module, name, False))
            if found is not None:
                return found
        return None

    def dispatch(self, send: Send, owner: str | None) -> str | None:
        """The method a call runs, when decidable (module docstring); ``owner`` is the class
        or module whose code makes the call."""
        if not send.receiver:
            if owner:
                found = self.method_of(owner, send.name)
                if found is not None:
                    return found
        elif send.hint:  # one class named like the receiver defines it (several: polymorphic)
            named = {m for owner in self.owners_by_hint.get(send.hint, ())
                     if (m := self.method_of(owner, send.name)) is not None}
            if len(named) == 1:
                return named.pop()
        candidates = self.instance.get(send.name, [])
        if len(candidates) != 1 or send.name in self.shadowed:
            return None
        if send.name in CORE or (send.block and send.name.rstrip("!?") in CORE):
            return None
        return candidates[0].node


def node_path(node: str) -> str:
    return node.split(SEP, 1)[0]


def build_method_index(facts: Mapping[str, RubyFacts], index: ConstantIndex,
                       inflector: Inflector) -> MethodIndex:
    out = MethodIndex()
    shadowed: set[str] = set()
    for path in sorted(facts):
        own = facts[path]
        shadowed.update(own.columns)
        for d in own.definitions:
            shadowed.update(name for name, _, _ in d.associations)
            if d.includes:
                resolved = [index.resolve(r) for r in d.includes]
                names = tuple(r.name for r in resolved if r is not None)
                out.includes[d.name] = tuple(dict.fromkeys((*out.includes.get(d.name, ()),
                                                             *names)))
        spans: list[tuple[int, int, str]] = []
        for m in own.methods:
            node = _node(path, m)
            spans.append((m.line, m.end_line, node))
            if not m.owner:
                continue
            out.owned.setdefault((m.owner, m.name, m.singleton), node)
            if not m.singleton:
                out.instance.setdefault(m.name, []).append(
                    MethodNode(node, m.owner, m.name, m.singleton))
        if spans:
            spans.sort()
            out.spans[path] = spans
            out.starts[path] = [s for s, _, _ in spans]
    out.shadowed = frozenset(shadowed)
    for owner in sorted({owner for (owner, _, _) in out.owned}):
        hint = inflector.underscore(demodulize(owner))
        out.owners_by_hint[hint] = (*out.owners_by_hint.get(hint, ()), owner)
    # A method a class reopened in two files defines twice is still one method.
    out.instance = {name: _distinct(nodes) for name, nodes in out.instance.items()}
    return out


def _distinct(nodes: Iterable[MethodNode]) -> list[MethodNode]:
    seen: dict[str, MethodNode] = {}
    for node in nodes:
        seen.setdefault(node.owner, node)
    return list(seen.values())


def _node(path: str, m: MethodDef) -> str:
    return f"{path}{SEP}{m.owner}{'.' if m.singleton else '#'}{m.name}"


def node_owner(node: str) -> str:
    """``app/models/transfer.rb::Transfer#reject!`` → ``Transfer``."""
    tail = node.split(SEP, 1)[1] if SEP in node else ""
    for mark in ("#", "."):
        if mark in tail:
            return tail.rsplit(mark, 1)[0] if mark == "#" else tail.split(".", 1)[0]
    return tail
