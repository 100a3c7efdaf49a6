"""One Ruby or ERB file in, its facts out: definitions, references, schema operations."""

from __future__ import annotations

from textwrap import dedent

from commissioning.observe.ruby.facts import ConstRef, TableOp, UrlCall
from commissioning.observe.ruby.parser import is_ruby_source, parse_ruby
from commissioning.observe.ruby.walk import join_table_name

MODEL = dedent("""\
    module Billing
      def self.table_name_prefix
        "billing_"
      end

      class Invoice < ApplicationRecord
        self.table_name = "invoices_v2"
        include Sidekiq::Job
        scope :recent, -> { where(paid: true) }

        def self.sync
          Order.where(open: true).first_or_create!
          ::User.find(1)
          Billing::Line::STATUSES
        end
      end
    end

    class Legacy < ApplicationRecord
      self.table_name = ENV["T"]
      self.abstract_class = true
    end
""")


def test_definitions_carry_model_settings() -> None:
    facts = parse_ruby(MODEL, "app/models/billing/invoice.rb")
    billing, invoice, legacy = facts.definitions
    assert (billing.name, billing.kind, billing.table_name_prefix, billing.leaf) == (
        "Billing", "module", "billing_", False)
    assert (invoice.name, invoice.line, invoice.table_name) == ("Billing::Invoice", 6,
                                                               "invoices_v2")
    assert invoice.superclass == ConstRef(("Billing::ApplicationRecord", "ApplicationRecord"), 6)
    assert [r.written for r in invoice.includes] == ["Sidekiq::Job"]
    assert ("where", 9) in invoice.self_calls
    assert (legacy.table_name, legacy.table_name_dynamic, legacy.abstract) == (None, True, True)


def test_references_list_every_name_they_may_denote() -> None:
    refs = {r.written: r for r in parse_ruby(MODEL, "a.rb").refs}
    order = refs["Order"]
    assert order.candidates == ("Billing::Invoice::Order", "Billing::Order", "Order")
    assert (order.line, order.chain) == (12, ("where", "first_or_create!"))
    assert refs["User"].candidates == ("User",)
    assert refs["Billing::Line::STATUSES"].chain == ()
    assert refs["Sidekiq::Job"].argument_of == "include"


def test_migration_operations_skip_down_and_read_execute_sql() -> None:
    text = dedent("""\
        class Init < ActiveRecord::Migration[7.1]
          def up
            create_table :orders do |t|
              t.string :number
            end
            create_join_table :music_artists, :music_records
            rename_table "orders", "purchases"
            execute <<~SQL
              INSERT INTO purchases (number) VALUES ('R-1');
            SQL
          end

          def down
            drop_table :purchases
          end
        end
    """)
    facts = parse_ruby(text, "db/migrate/20240101_init.rb")
    assert facts.table_ops == (
        TableOp("create", "orders", 3), TableOp("create", "music_artists_records", 6),
        TableOp("rename", "orders", 7, "purchases"))
    (sql,) = facts.sql
    assert "INSERT INTO purchases" in sql.text and sql.line == 8


def test_join_table_names() -> None:
    assert join_table_name("records", "artists") == "artists_records"
    assert join_table_name("music_artists", "music_records") == "music_artists_records"


def test_requests_in_tests() -> None:
    text = dedent("""\
        get "/orders/#{order.id}?page=2"
        visit new_order_path
        post api_v1_orders_url(format: :json), params: {}
        get "/a" => "b#c"
        get :index
    """)
    assert parse_ruby(text, "spec/requests/x_spec.rb").urls == (
        UrlCall(1, segments=("orders", None)), UrlCall(2, helper="new_order"),
        UrlCall(3, helper="api_v1_orders"))


def test_erb_code_is_parsed_at_template_lines() -> None:
    text = dedent("""\
        <h1>form_with</h1>
        <%# Order.where(x: 1) is an ERB comment %>
        <%= form_with model: @order do |f| %>
          <%= f.text_field :name %><%= f.submit %>
        <% end %>
        <% # a Ruby comment tag %>
        <% Order.all.each do |o| %><%= o.name %><% end %>
    """)
    facts = parse_ruby(text, "app/views/orders/index.html.erb", ["form_with", "Order.where"])
    assert facts.diagnostics == ()
    assert [(r.written, r.line, r.chain) for r in facts.refs] == [("Order", 7, ("all", "each"))]
    assert facts.signals == (("form_with", 3),)


def test_signals_ignore_comments_and_strings() -> None:
    text = '# form_for here\nx = "form_for"\nsimple_form_for(@a)\n'
    facts = parse_ruby(text, "app/helpers/a.rb", ["form_for", "simple_form_for"])
    assert facts.signals == (("form_for", 3), ("simple_form_for", 3))


def test_a_file_that_does_not_parse_is_a_diagnostic() -> None:
    facts = parse_ruby("class A\n  def x\n    Order.where(a\n  end\n", "app/a.rb")
    (note,) = facts.diagnostics
    assert (note.code, note.path) == ("ruby-parse-error", "app/a.rb")


def test_which_files_are_ruby() -> None:
    assert is_ruby_source("lib/tasks/x.rake")
    assert is_ruby_source("app/views/a/index.json.jbuilder")
    assert is_ruby_source("app/views/a/index.html.erb")
    assert is_ruby_source("script/expire", "#!/usr/bin/env ruby")
    assert not is_ruby_source("script/expire", "#!/bin/sh")
    assert not is_ruby_source("app/views/a/index.html.haml")


def test_methods_sends_columns_and_submits() -> None:
    facts = parse_ruby(dedent("""\
        class SyncJob < ApplicationJob
          def perform(sync, force: false)
            sync.perform
            Current.family.users.create!(name: "x")
            list.reject! { |x| x }
          end
        end
        create_table "syncs" do |t|
          t.string "status"
        end
    """), "app/jobs/sync_job.rb")
    (method,) = facts.methods
    assert (method.owner, method.name, method.line, method.end_line, method.params) == (
        "SyncJob", "perform", 2, 6, ("sync",))
    sends = {(s.name, s.hint, s.block) for s in facts.sends}
    assert {("perform", "sync", False), ("users", "family", False),
            ("reject!", "list", True)} <= sends
    assert facts.reader_writes == (("users", 4),)
    assert facts.columns == ("status",)
    view = parse_ruby('<%= button_to "Go", order_path(o), method: :patch %>\n'
                      '<%= link_to "List", orders_path %>\n'
                      '<%= link_to "Drop", order_path(o), data: { turbo_method: :delete } %>\n',
                      "app/views/orders/_o.html.erb")
    assert [(u.line, u.helper) for u in view.urls] == [(1, "order"), (3, "order")]
