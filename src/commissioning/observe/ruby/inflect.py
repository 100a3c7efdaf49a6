"""ActiveSupport's inflector, as far as table names need it: ``Person`` → ``people``.

Rails derives a model's table from its class name (``tableize``): underscore, then pluralize
the last word with the default English rules of ``active_support/inflections.rb``. Those rules
are reproduced here in the same order and with the same semantics (the last rule defined wins;
an irregular word also matches as a suffix, ``salesperson`` → ``salespeople``; an uncountable
word must end the name at a word boundary, and ``_`` is a word character, so
``user_information`` is *not* uncountable). An app's own ``inflect.irregular`` and
``inflect.uncountable`` lines (``config/initializers/inflections.rb``) are added with
:meth:`Inflector.with`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

Rule = tuple[re.Pattern[str], str]

_PLURALS = (
    (r"$", "s"), (r"s$", "s"), (r"^(ax|test)is$", r"\1es"), (r"(octop|vir)us$", r"\1i"),
    (r"(octop|vir)i$", r"\1i"), (r"(alias|status)$", r"\1es"), (r"(bu)s$", r"\1ses"),
    (r"(buffal|tomat)o$", r"\1oes"), (r"([ti])um$", r"\1a"), (r"([ti])a$", r"\1a"),
    (r"sis$", "ses"), (r"(?:([^f])fe|([lr])f)$", r"\1\2ves"), (r"(hive)$", r"\1s"),
    (r"([^aeiouy]|qu)y$", r"\1ies"), (r"(x|ch|ss|sh)$", r"\1es"),
    (r"(matr|vert|ind)(?:ix|ex)$", r"\1ices"), (r"^(m|l)ouse$", r"\1ice"),
    (r"^(m|l)ice$", r"\1ice"), (r"^(ox)$", r"\1en"), (r"^(oxen)$", r"\1"),
    (r"(quiz)$", r"\1zes"),
)
_SINGULARS = (
    (r"s$", ""), (r"(ss)$", r"\1"), (r"(n)ews$", r"\1ews"), (r"([ti])a$", r"\1um"),
    (r"((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$", r"\1sis"),
    (r"(^analy)(sis|ses)$", r"\1sis"), (r"([^f])ves$", r"\1fe"), (r"(hive)s$", r"\1"),
    (r"(tive)s$", r"\1"), (r"([lr])ves$", r"\1f"), (r"([^aeiouy]|qu)ies$", r"\1y"),
    (r"(s)eries$", r"\1eries"), (r"(m)ovies$", r"\1ovie"), (r"(x|ch|ss|sh)es$", r"\1"),
    (r"^(m|l)ice$", r"\1ouse"), (r"(bus)(es)?$", r"\1"), (r"(o)es$", r"\1"),
    (r"(shoe)s$", r"\1"), (r"(cris|test)(is|es)$", r"\1is"), (r"^(a)x[ie]s$", r"\1xis"),
    (r"(octop|vir)(us|i)$", r"\1us"), (r"(alias|status)(es)?$", r"\1"), (r"^(ox)en", r"\1"),
    (r"(vert|ind)ices$", r"\1ex"), (r"(matr)ices$", r"\1ix"), (r"(quiz)zes$", r"\1"),
    (r"(database)s$", r"\1"),
)
IRREGULARS = (("person", "people"), ("man", "men"), ("child", "children"), ("sex", "sexes"),
              ("move", "moves"), ("zombie", "zombies"))
UNCOUNTABLES = ("equipment", "information", "rice", "money", "species", "series", "fish",
                "sheep", "jeans", "police")


def _compile(rules: Iterable[tuple[str, str]], flags: int = re.IGNORECASE) -> list[Rule]:
    return [(re.compile(pattern, flags), repl) for pattern, repl in rules]


def _irregular_rules(singular: str, plural: str) -> tuple[list[Rule], list[Rule]]:
    """The four rules ``inflect.irregular`` adds (same first letter case, as Rails writes)."""
    s0, srest, p0, prest = singular[0], singular[1:], plural[0], plural[1:]
    if s0.upper() == p0.upper():
        plurals = [(rf"({s0}){srest}$", r"\g<1>" + prest), (rf"({p0}){prest}$", r"\g<1>" + prest)]
        singulars = [(rf"({s0}){srest}$", r"\g<1>" + srest),
                     (rf"({p0}){prest}$", r"\g<1>" + srest)]
    else:
        plurals = [(rf"{s0.upper()}(?i:{srest})$", p0.upper() + prest),
                   (rf"{s0.lower()}(?i:{srest})$", p0.lower() + prest),
                   (rf"{p0.upper()}(?i:{prest})$", p0.upper() + prest),
                   (rf"{p0.lower()}(?i:{prest})$", p0.lower() + prest)]
        singulars = [(rf"{s0.upper()}(?i:{srest})$", s0.upper() + srest),
                     (rf"{s0.lower()}(?i:{srest})$", s0.lower() + srest),
                     (rf"{p0.upper()}(?i:{prest})$", s0.upper() + srest),
                     (rf"{p0.lower()}(?i:{prest})$", s0.lower() + srest)]
        return _compile(plurals, 0), _compile(singulars, 0)
    return _compile(plurals), _compile(singulars)


@dataclass(frozen=True, slots=True)
class Inflector:
    """Plural and singular rules, most recently defined first (the order Rails tries them)."""

    plurals: tuple[Rule, ...]
    singulars: tuple[Rule, ...]
    uncountables: tuple[str, ...]
    acronyms: tuple[str, ...] = ()

    @classmethod
    def default(cls) -> Inflector:
        return _DEFAULT

    def with_(self, irregulars: Iterable[tuple[str, str]] = (),
              uncountables: Iterable[str] = (), acronyms: Iterable[str] = ()) -> Inflector:
        """These rules added after the defaults, as an app's initializer adds them."""
        plurals, singulars = list(self.plurals), list(self.singulars)
        words = list(self.uncountables)
        for singular, plural in irregulars:
            if not singular or not plural:
                continue
            words = [w for w in words if w not in (singular.lower(), plural.lower())]
            more_plurals, more_singulars = _irregular_rules(singular, plural)
            plurals = [*reversed(more_plurals), *plurals]
            singulars = [*reversed(more_singulars), *singulars]
        words += [w.lower() for w in uncountables]
        more = tuple(dict.fromkeys([*self.acronyms, *(a for a in acronyms if a)]))
        return Inflector(tuple(plurals), tuple(singulars), tuple(dict.fromkeys(words)), more)

    def _apply(self, word: str, rules: tuple[Rule, ...]) -> str:
        if not word or any(re.search(rf"\b{re.escape(u)}\Z", word, re.IGNORECASE)
                           for u in self.uncountables):
            return word
        for pattern, repl in rules:
            result, count = pattern.subn(repl, word, count=1)
            if count:
                return result
        return word

    def pluralize(self, word: str) -> str:
        return self._apply(word, self.plurals)

    def singularize(self, word: str) -> str:
        return self._apply(word, self.singulars)

    def underscore(self, name: str) -> str:
        """:func:`underscore` with this app's acronyms (``GitHubUser`` → ``github_user``)."""
        return underscore(name, self.acronyms)

    def tableize(self, class_name: str) -> str:
        """``Billing::LineItem`` → ``billing/line_items``; callers take the part they need."""
        return self.pluralize(self.underscore(class_name))


def _default() -> Inflector:
    base = Inflector(tuple(reversed(_compile(_PLURALS))), tuple(reversed(_compile(_SINGULARS))),
                     UNCOUNTABLES)
    return base.with_(IRREGULARS)


_ACRONYM_SPLIT = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z\d])(?=[A-Z])")


def underscore(name: str, acronyms: tuple[str, ...] = ()) -> str:
    """``Admin::OrderItems`` → ``admin/order_items`` (ActiveSupport's ``underscore``); an
    acronym (``inflect.acronym "GitHub"``) is one word: ``GitHubUser`` → ``github_user``."""
    if not re.search(r"[A-Z-]|::", name):
        return name
    word = name.replace("::", "/")
    if acronyms:
        alternatives = "|".join(re.escape(a) for a in sorted(acronyms, key=len, reverse=True))
        word = re.sub(rf"(?:(?<=([A-Za-z\d]))|\b)({alternatives})(?=\b|[^a-z])",
                      lambda m: ("_" if m.group(1) else "") + m.group(2).lower(), word)
    word = _ACRONYM_SPLIT.sub("_", word)
    return word.replace("-", "_").lower()


def demodulize(name: str) -> str:
    """``Billing::Invoice`` → ``Invoice``."""
    return name.rsplit("::", 1)[-1]


def camelize(path: str) -> str:
    """``admin/order_items`` → ``Admin::OrderItems`` (no app acronyms: callers compare by
    :func:`underscore` instead, which acronyms do not change)."""
    return "::".join("".join(p[:1].upper() + p[1:] for p in part.split("_"))
                     for part in path.split("/"))


_DEFAULT = _default()
