"""ActiveSupport's inflections, as table names need them."""

from __future__ import annotations

import pytest

from commissioning.observe.ruby.inflect import Inflector, camelize, demodulize, underscore

DEFAULT = Inflector.default()


@pytest.mark.parametrize(("singular", "plural"), [
    ("order", "orders"), ("person", "people"), ("salesperson", "salespeople"),
    ("category", "categories"), ("status", "statuses"), ("address", "addresses"),
    ("child", "children"), ("woman", "women"), ("box", "boxes"), ("mouse", "mice"),
    ("quiz", "quizzes"), ("analysis", "analyses"), ("knife", "knives"), ("axis", "axes"),
    ("matrix", "matrices"), ("vertex", "vertices"), ("octopus", "octopi"), ("bus", "buses"),
    ("tomato", "tomatoes"), ("medium", "media"), ("ox", "oxen"), ("story", "stories"),
    ("line_item", "line_items"), ("sheep", "sheep"), ("equipment", "equipment"),
    ("hive", "hives"), ("leaf", "leafs"),
])
def test_pluralize_and_back(singular: str, plural: str) -> None:
    assert DEFAULT.pluralize(singular) == plural
    assert DEFAULT.singularize(plural) == singular


def test_uncountable_needs_a_word_boundary_and_underscore_is_a_word_character() -> None:
    assert DEFAULT.pluralize("information") == "information"
    assert DEFAULT.pluralize("user_information") == "user_informations"
    assert DEFAULT.pluralize("news") == "news"


def test_app_rules_come_after_the_defaults() -> None:
    custom = DEFAULT.with_([("cow", "kine"), ("Octopus", "Octopodes")], ["staff"], ["GitHub"])
    assert custom.pluralize("cow") == "kine"
    assert custom.singularize("kine") == "cow"
    assert custom.pluralize("staff") == "staff"
    assert custom.pluralize("octopus") == "octopodes"
    assert custom.tableize("GitHubUser") == "github_users"
    assert DEFAULT.tableize("GitHubUser") == "git_hub_users"


def test_underscore_camelize_demodulize() -> None:
    assert underscore("Billing::LineItem") == "billing/line_item"
    assert underscore("HTMLParser") == "html_parser"
    assert underscore("APIKey") == "api_key"
    assert underscore("orders") == "orders"
    assert underscore("OIDC::ApiKeyRole", ("OIDC",)) == "oidc/api_key_role"
    assert camelize("admin/order_items") == "Admin::OrderItems"
    assert demodulize("Billing::Invoice") == "Invoice"
