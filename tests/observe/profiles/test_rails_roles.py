"""Rails roles × reach: which file earns which kind, and the chain its evidence names."""

from __future__ import annotations

from collections.abc import Mapping
from textwrap import dedent

import pytest

from commissioning.config import parse_venture_config
from commissioning.errors import ConfigError
from commissioning.evidence import Evidence, Kind
from commissioning.observe.profiles.base import ProfileResult
from commissioning.observe.profiles.rails import RAILS
from commissioning.observe.profiles.rails_roles import RailsRoleBook
from commissioning.observe.ruby.parser import parse_ruby
from commissioning.observe.source_tree import MemorySourceTree

SCHEMA = dedent("""\
    ActiveRecord::Schema[7.1].define(version: 1) do
      create_table "orders" do |t|
      end
      create_table "tags" do |t|
      end
    end
""")
BASE = {
    "db/schema.rb": SCHEMA,
    "app/models/application_record.rb": "class ApplicationRecord < ActiveRecord::Base\n"
                                        "  self.abstract_class = true\nend\n",
    "app/models/order.rb": dedent("""\
        class Order < ApplicationRecord
          has_many :tags
          def self.tagged
            Tag.where(kind: "x")
          end
        end
    """),
    "app/models/tag.rb": "class Tag < ApplicationRecord\nend\n",
}


def scan(files: Mapping[str, str], toml: str = "") -> ProfileResult:
    return RAILS.observe(MemorySourceTree({**BASE, **files}), parse_venture_config(toml))


def found(result: ProfileResult, table: str, kind: Kind) -> dict[str, Evidence]:
    return {e.path or "": e for e in result.evidence if e.table.name == table and e.kind == kind}


def test_access_needs_a_query_not_just_the_name() -> None:
    result = scan({"app/services/a.rb": "Order.model_name\nOrder::STATUSES\nx.is_a?(Order)\n",
                   "app/services/b.rb": "Order.find(1)\n"})
    assert set(found(result, "orders", Kind.REPOSITORY)) == {"app/services/b.rb"}


def test_a_model_queries_its_own_table_and_others_from_its_body() -> None:
    result = scan({})
    repo = found(result, "tags", Kind.REPOSITORY)
    assert repo["app/models/order.rb"].line == 4
    assert "orders" not in {e.table.name for e in result.evidence if e.kind == Kind.REPOSITORY}


def test_a_model_reached_from_elsewhere_stands_for_its_own_table_only() -> None:
    result = scan({"app/controllers/orders_controller.rb":
                   "class OrdersController < ApplicationController\n"
                   "  def index\n    @orders = Order.find(1)\n  end\nend\n"})
    assert set(found(result, "orders", Kind.SERVER_ACTIONS)) == {
        "app/controllers/orders_controller.rb"}
    assert found(result, "tags", Kind.SERVER_ACTIONS) == {}


def test_a_method_called_on_the_model_reaches_what_that_method_queries() -> None:
    # Which of Order's methods runs is known here: ``Order.tagged`` queries tags.
    result = scan({"app/controllers/orders_controller.rb":
                   "class OrdersController < ApplicationController\n"
                   "  def index\n    @orders = Order.tagged\n  end\nend\n"})
    tags = found(result, "tags", Kind.SERVER_ACTIONS)["app/controllers/orders_controller.rb"]
    assert (tags.line, [str(s) for s in tags.via]) == (3, ["app/models/order.rb:4"])


def test_roles_from_paths_and_signals() -> None:
    result = scan({
        "app/workers/sync.rb": "class Sync\n  include Sidekiq::Job\n  def perform\n"
                               "    Order.find_each {}\n  end\nend\n",
        "app/lib/nightly.rb":
            "class Nightly < ApplicationJob\n  def perform = Tag.delete_all\nend\n",
        "app/serializers/order_serializer.rb":
            "class OrderSerializer < ActiveModel::Serializer\n  attributes :id\nend\n",
        "app/graphql/types/tag_type.rb": "module Types\n  class TagType < BaseObject\n  end\nend\n",
        "app/helpers/forms_helper.rb": "module FormsHelper\n  def f = form_with(model: Tag.new)\n"
                                       "end\n",
        "app/admin/orders.rb": "ActiveAdmin.register Order do\nend\n",
    })
    assert found(result, "orders", Kind.ETL)["app/workers/sync.rb"].detector == "rails.job"
    assert found(result, "tags", Kind.ETL)["app/lib/nightly.rb"].detector == "rails.worker"
    assert found(result, "orders", Kind.A2A_API)[
        "app/serializers/order_serializer.rb"].detector == "rails.serializer"
    assert "app/graphql/types/tag_type.rb" in found(result, "tags", Kind.A2A_API)
    assert found(result, "tags", Kind.CRUD_UI)["app/helpers/forms_helper.rb"].detector == \
        "rails.form"
    assert "app/admin/orders.rb" in found(result, "orders", Kind.CRUD_UI)
    assert "app/serializers/order_serializer.rb" not in found(result, "orders", Kind.REPOSITORY)


def test_views_reach_tables_through_their_controller() -> None:
    result = scan({
        "app/controllers/admin/orders_controller.rb":
            "module Admin\n  class OrdersController < ApplicationController\n"
            "    def index = (@orders = Order.all)\n  end\nend\n",
        "app/views/admin/orders/index.html.haml": "%h1 Orders\n",
        "app/views/admin/orders/index.json.jbuilder": "json.array! @orders, :id\n",
        "app/views/layouts/admin.html.erb": "<%= yield %>\n",
    })
    ui = found(result, "orders", Kind.CRUD_UI)
    assert set(ui) == {"app/views/admin/orders/index.html.haml"}
    assert [str(s) for s in ui["app/views/admin/orders/index.html.haml"].via] == [
        "app/controllers/admin/orders_controller.rb:3"]
    assert set(found(result, "orders", Kind.A2A_API)) == {
        "app/views/admin/orders/index.json.jbuilder"}


def test_tests_seeds_and_migrations_are_never_app_code() -> None:
    result = scan({
        "spec/models/order_spec.rb": "RSpec.describe Order do\n  Order.create!\nend\n",
        "test/controllers/orders_controller_test.rb":
            "class OrdersControllerTest < ActionController::TestCase\n"
            "  test('x') { Order.count }\nend\n",
        "test/integration/orders_test.rb":
            "class OrdersTest < ActionDispatch::IntegrationTest\n"
            "  test('x') { Order.first }\nend\n",
        "db/seeds/tags.rb": "Tag.insert_all([{ name: 'a' }])\nOrder.first\n",
        "lib/tasks/fake_data.rake": "task fake: :environment do\n  Tag.create!(name: 'b')\nend\n",
        "db/migrate/2_backfill.rb": "class Backfill < ActiveRecord::Migration[7.1]\n"
                                    "  def up = Order.update_all(x: 1)\nend\n",
    })
    assert found(result, "orders", Kind.REPOSITORY) == {}
    assert set(found(result, "orders", Kind.E2E_TESTS)) == {"test/integration/orders_test.rb"}
    assert set(found(result, "tags", Kind.DATA)) == {"db/seeds/tags.rb", "lib/tasks/fake_data.rake"}
    assert found(result, "tags", Kind.ETL) == {}
    assert found(result, "orders", Kind.DATA) == {}


def test_config_overrides_rules() -> None:
    toml = ('[roles.etl]\nextra_globs = ["app/sync/**"]\n'
            '[roles.crud_ui]\nexclude = ["app/admin/**"]\n')
    result = scan({"app/sync/pull.rb": "Order.upsert_all([])\n",
                   "app/admin/orders.rb": "ActiveAdmin.register Order do\nend\n"}, toml)
    assert found(result, "orders", Kind.ETL)["app/sync/pull.rb"].detector == "config.etl"
    assert found(result, "orders", Kind.CRUD_UI) == {}
    with pytest.raises(ConfigError):
        RailsRoleBook(parse_venture_config("[roles.etls]\nglobs = []\n").roles)


def test_inherited_signals_follow_project_superclasses() -> None:
    book = RailsRoleBook({})
    facts = parse_ruby("class OrdersApi < BaseApi\nend\n", "app/lib/orders_api.rb")
    assert book.roles("app/lib/orders_api.rb", facts, ["BaseApi", "ActionController::API"]) == {
        Kind.REPOSITORY: "rails.model_access", Kind.A2A_API: "rails.api_controller"}


def test_has_many_readers_access_the_association_table() -> None:
    result = scan({
        "app/models/user.rb": "class User < ApplicationRecord\n  has_many :orders\n"
                              "  has_many :labels, class_name: 'Tag'\n  has_many :things\nend\n",
        "app/models/shop.rb": "class Shop < ApplicationRecord\n  has_many :things, "
                              "class_name: 'Order'\n  has_many :labels, class_name: 'Tag'\nend\n",
        "app/controllers/orders_controller.rb": dedent("""\
            class OrdersController < ApplicationController
              def index
                @orders = current_user.orders.recent
                @labels = current_user.labels
                @none = current_user.orders(1)
              end
            end
        """),
    })
    ui = found(result, "orders", Kind.SERVER_ACTIONS)["app/controllers/orders_controller.rb"]
    assert (ui.line, ui.detector) == (3, "rails.controller")
    repo = found(result, "tags", Kind.REPOSITORY)["app/controllers/orders_controller.rb"]
    assert (repo.line, repo.detector) == (4, "rails.association")


FINANCE_SCHEMA = dedent("""\
    ActiveRecord::Schema[7.1].define(version: 1) do
      create_table "families" do |t|
        t.string "name"
      end
      create_table "users" do |t|
      end
      create_table "syncs" do |t|
        t.string "status"
      end
      create_table "transfers" do |t|
        t.date "archived_on"
      end
      create_table "rejected_transfers" do |t|
      end
      create_table "impersonations" do |t|
      end
      create_table "tags" do |t|
      end
      create_table "taggings" do |t|
      end
      create_table "transactions" do |t|
      end
      create_table "oauth_applications" do |t|
      end
    end
""")
FINANCE = {
    "db/schema.rb": FINANCE_SCHEMA,
    "app/models/application_record.rb": BASE["app/models/application_record.rb"],
    "app/models/concerns/syncable.rb": dedent("""\
        module Syncable
          extend ActiveSupport::Concern
          included do
            has_many :syncs, dependent: :destroy
          end

          def sync_later
            syncs.create!(status: "pending")
          end
        end
    """),
    "app/models/family.rb": dedent("""\
        class Family < ApplicationRecord
          include Syncable
          has_many :users
          has_many :tags
        end
    """),
    "app/models/user.rb": "class User < ApplicationRecord\nend\n",
    "app/models/sync.rb": "class Sync < ApplicationRecord\n  def status\n  end\nend\n",
    "app/models/tag.rb": dedent("""\
        class Tag < ApplicationRecord
          has_many :taggings

          def replace!(other)
            taggings.update_all(tag_id: other.id)
          end
        end
    """),
    "app/models/tagging.rb": "class Tagging < ApplicationRecord\nend\n",
    "app/models/transaction.rb": dedent("""\
        class Transaction < ApplicationRecord
          has_many :taggings
          has_many :tags, through: :taggings
        end
    """),
    "app/models/transfer.rb": dedent("""\
        class Transfer < ApplicationRecord
          def reject!
            RejectedTransfer.find_or_create_by!(transfer_id: id)
          end
        end
    """),
    "app/models/rejected_transfer.rb": "class RejectedTransfer < ApplicationRecord\nend\n",
    "app/models/impersonation.rb": dedent("""\
        class Impersonation < ApplicationRecord
          def reject!
            update!(status: "rejected")
          end

          def end_session!
            update!(ended: true)
          end

          def archived_on
            Impersonation.where(x: 1).first
          end
        end
    """),
    "app/controllers/sessions_controller.rb": dedent("""\
        class SessionsController < ApplicationController
          def destroy
            current.end_session!
          end
        end
    """),
    "app/controllers/pages_controller.rb": dedent("""\
        class PagesController < ApplicationController
          def show
            @account.archived_on
            items.reject! { |x| x.nil? }
          end
        end
    """),
    "app/models/mobile_device.rb": dedent("""\
        class MobileDevice
          def register!
            Doorkeeper::Application.create!(name: "app")
          end
        end
    """),
    "config/routes.rb": dedent("""\
        Rails.application.routes.draw do
          resources :transfers
          resources :accounts
        end
    """),
    "app/controllers/transfers_controller.rb": dedent("""\
        class TransfersController < ApplicationController
          def update
            @transfer.reject!
          end
        end
    """),
    "app/controllers/accounts_controller.rb": dedent("""\
        class AccountsController < ApplicationController
          def sync
            Current.family.sync_later
            list.reject! { |x| x.nil? }
            @account.status
          end
        end
    """),
    "app/views/transactions/_match.html.erb":
        '<%= button_to "Reject", transfer_path(@transfer), method: :patch %>\n'
        '<%= link_to "Accounts", accounts_path %>\n',
    "app/views/transactions/show.json.jbuilder": "json.tags transaction.tags\n",
    "app/jobs/sync_job.rb": dedent("""\
        class SyncJob < ApplicationJob
          def perform(sync)
            true
          end
        end
    """),
    "db/seeds.rb": dedent("""\
        family = Family.create!(name: "Demo")
        family.users.create!(email: "a@b.c")
        Doorkeeper::Application.find_or_create_by!(name: "iOS")
    """),
}


def finance() -> ProfileResult:
    return RAILS.observe(MemorySourceTree(FINANCE), parse_venture_config(""))


def test_a_call_reaches_the_method_of_the_class_its_receiver_is_named_for() -> None:
    result = finance()
    found_ = found(result, "rejected_transfers", Kind.SERVER_ACTIONS)
    step = found_["app/controllers/transfers_controller.rb"]
    # ``reject!`` is defined twice; ``@transfer`` names Transfer's
    assert [str(s) for s in step.via] == ["app/models/transfer.rb:3"]
    assert "app/controllers/transfers_controller.rb" not in found(
        result, "impersonations", Kind.SERVER_ACTIONS)


def test_concern_associations_and_methods() -> None:
    result = finance()
    # Current.family.sync_later runs the concern's method, which writes its has_many
    sync = found(result, "syncs", Kind.SERVER_ACTIONS)["app/controllers/accounts_controller.rb"]
    assert [str(s) for s in sync.via] == ["app/models/concerns/syncable.rb:8"]
    repo = found(result, "taggings", Kind.REPOSITORY)["app/models/tag.rb"]
    assert (repo.line, repo.detector) == (5, "rails.association")


def test_a_method_only_one_class_defines_is_dispatched_unless_a_column_or_library_name() -> None:
    actions = found(finance(), "impersonations", Kind.SERVER_ACTIONS)
    assert [str(s) for s in actions["app/controllers/sessions_controller.rb"].via] == [
        "app/models/impersonation.rb:7"]
    # ``@account.archived_on`` reads a column, though one class defines a method of that name;
    # ``items.reject! { … }`` is Array's (and two classes define ``reject!``)
    assert "app/controllers/pages_controller.rb" not in actions
    assert "app/controllers/accounts_controller.rb" not in actions


def test_a_view_button_submits_to_its_route_controller() -> None:
    result = finance()
    ui = found(result, "rejected_transfers", Kind.CRUD_UI)["app/views/transactions/_match.html.erb"]
    assert [str(s) for s in ui.via][:1] == ["app/controllers/transfers_controller.rb:3"]
    # a plain link navigates; it submits nothing
    assert "app/views/transactions/_match.html.erb" not in found(result, "syncs", Kind.CRUD_UI)


def test_through_associations_of_the_named_model_read_the_join_table() -> None:
    api = found(finance(), "taggings", Kind.A2A_API)
    assert api["app/views/transactions/show.json.jbuilder"].line == 1


def test_seeds_write_through_associations_and_engine_models() -> None:
    result = finance()
    assert found(result, "users", Kind.DATA)["db/seeds.rb"].line == 2
    assert found(result, "oauth_applications", Kind.DATA)["db/seeds.rb"].line == 3
    assert "app/models/mobile_device.rb" in found(result, "oauth_applications", Kind.REPOSITORY)


def test_a_job_loads_the_record_its_perform_parameter_is_named_for() -> None:
    job = found(finance(), "syncs", Kind.ETL)["app/jobs/sync_job.rb"]
    assert (job.line, job.detector) == (2, "rails.job")
