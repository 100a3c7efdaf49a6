"""What one Ruby (or ERB) file says, as frozen data: the only thing kept after parsing.

Facts are per file and know nothing of other files: a constant reference keeps every name it
could mean (Ruby looks a constant up through the lexical nesting, innermost first) and the
program-level index (``observe.ruby.constants``) picks the one that is defined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from commissioning.evidence import Diagnostic
from commissioning.evidence.pickling import FastPickle

TableAction = Literal["create", "drop", "rename"]


@dataclass(frozen=True, slots=True)
class ConstRef(FastPickle):
    """A constant written in code: ``Order``, ``Billing::Invoice``, ``::User``.

    ``candidates`` are the qualified names it may denote, the innermost nesting first.
    ``chain`` is the methods called on it, in order (``Order.where(…).first_or_create!`` →
    ``("where", "first_or_create!")``); empty when the constant is not a call receiver.
    ``argument_of`` names the call it is an argument of (``policy_scope(Order)``).
    """

    candidates: tuple[str, ...]
    line: int
    chain: tuple[str, ...] = ()
    argument_of: str | None = None

    @property
    def written(self) -> str:
        return self.candidates[-1]


@dataclass(frozen=True, slots=True)
class Definition(FastPickle):
    """A ``class`` or ``module`` definition (reopenings are definitions too).

    The model-related settings are read from the definition's own body: ``self.table_name =
    "x"`` (``table_name_dynamic`` when it is not a literal), ``self.abstract_class = true`` /
    ``primary_abstract_class``, ``def self.table_name_prefix; "x_"; end``. ``self_calls`` are
    the receiverless (or ``self.``/``self.class.``) method calls anywhere in the body, for
    telling whether a model queries its own table.
    """

    name: str
    kind: Literal["class", "module"]
    line: int
    superclass: ConstRef | None = None
    table_name: str | None = None
    table_name_dynamic: bool = False
    table_name_prefix: str | None = None
    table_name_suffix: str | None = None
    abstract: bool = False
    includes: tuple[ConstRef, ...] = ()
    self_calls: tuple[tuple[str, int], ...] = ()
    leaf: bool = True  # no class or module is defined inside its body
    associations: tuple[tuple[str, str | None, int], ...] = ()  # has_many (name, class_name, line)
    throughs: tuple[tuple[str, str], ...] = ()  # ``has_many :tags, through: :taggings``
    bare_receivers: tuple[tuple[str, int], ...] = ()  # ``taggings.update_all``: a bare name
    # (a local variable, or a method of the object's own called without parentheses)


@dataclass(frozen=True, slots=True)
class TableOp(FastPickle):
    """``create_table :orders`` and friends (schema.rb, migrations); ``down`` methods skipped."""

    action: TableAction
    table: str
    line: int
    new_table: str | None = None


@dataclass(frozen=True, slots=True)
class SqlText(FastPickle):
    """A literal SQL string handed to ``execute`` (read with ``observe.sql`` by the caller)."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class UrlCall(FastPickle):
    """A request a test makes: ``get "/orders"``, ``visit orders_path``, ``post order_url(o)``.

    ``segments`` is the literal URL split on ``/`` (None for an interpolated segment);
    ``helper`` the route helper's name without ``_path``/``_url``. One of the two is set.
    """

    line: int
    segments: tuple[str | None, ...] | None = None
    helper: str | None = None


@dataclass(frozen=True, slots=True)
class RouteFact(FastPickle):
    """One route of ``config/routes.rb``: a URL pattern, the controller serving it, its helper.

    ``pattern`` holds static segments and None for ``:param``; ``glob`` is set when it ends in
    ``*rest``. ``controller`` is the controller's path (``admin/orders`` for
    ``Admin::OrdersController``).
    """

    pattern: tuple[str | None, ...]
    controller: str
    line: int
    helper: str | None = None
    glob: bool = False


@dataclass(frozen=True, slots=True)
class MethodDef(FastPickle):
    """A ``def`` in a class or module body (``owner``, "" at the top level of a script), with
    the lines it spans, so the accesses and calls on those lines are known to be its own."""

    owner: str
    name: str
    line: int
    end_line: int
    singleton: bool = False  # ``def self.name``
    params: tuple[str, ...] = ()  # positional parameter names (``def perform(rule)``)


@dataclass(frozen=True, slots=True)
class Send(FastPickle):
    """A method called on a value (``@transfer.reject!``, ``Current.family.sync_later``), or
    without a receiver (``sync_later`` inside a model): which method of the app it runs is
    decided across files (``profiles.rails_methods``). ``block`` is set when a block or
    ``&:sym`` is passed, as to ``list.reject! { … }``."""

    name: str
    line: int
    block: bool = False
    receiver: bool = True
    hint: str = ""  # the receiver's own name: ``transfer`` for ``@transfer``, ``family`` for
    # ``Current.family``


@dataclass(frozen=True, slots=True)
class RubyFacts(FastPickle):
    """Everything kept of one file."""

    path: str
    definitions: tuple[Definition, ...] = ()
    refs: tuple[ConstRef, ...] = ()
    table_ops: tuple[TableOp, ...] = ()
    sql: tuple[SqlText, ...] = ()
    urls: tuple[UrlCall, ...] = ()
    routes: tuple[RouteFact, ...] = ()
    signals: tuple[tuple[str, int], ...] = ()  # (signal, first line) found in code
    inflections: tuple[tuple[str, str], ...] = ()  # inflect.irregular "person", "people"
    uncountables: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    readers: tuple[tuple[str, int], ...] = ()  # ``x.orders``: argument-less calls on a value
    reader_writes: tuple[tuple[str, int], ...] = ()  # ``x.orders.create!(…)``: a reader written
    methods: tuple[MethodDef, ...] = ()
    sends: tuple[Send, ...] = ()
    columns: tuple[str, ...] = ()  # ``t.string "status"`` in a ``create_table`` block
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    def signal_line(self, name: str) -> int | None:
        lines = [line for signal, line in self.signals if signal == name]
        return min(lines) if lines else None
