"""config/routes.rb read as the DSL, and a test's request matched to its controller."""

from __future__ import annotations

from textwrap import dedent

import pytest

from commissioning.observe.ruby.facts import UrlCall
from commissioning.observe.ruby.parser import parse_ruby
from commissioning.observe.ruby.routes import RouteTable, split_path

ROUTES = dedent("""\
    Rails.application.routes.draw do
      root "home#index"
      get "/login" => "login#index"
      get "/top(/:length(/page/:page))" => "home#top", :as => "top"
      resources :orders do
        resources :items, only: [:index]
        member do
          post :ship
        end
        collection do
          get :search
        end
        get :preview, on: :member
      end
      resource :profile
      namespace :admin do
        resources :users, controller: "people"
      end
      namespace :api do
        namespace :v1 do
          resources :orders, only: %i[index show]
        end
      end
      scope module: "legacy", path: "old" do
        get "things", to: "things#index"
      end
      constraints(->(r) { true }) do
        resources :people
      end
      get "/s/:id/:title" => "stories#show"
      get "/files/*path" => "files#show"
      mount Sidekiq::Web => "/sidekiq"
      get "/x", to: redirect("/y")
    end
""")
TABLE = RouteTable(parse_ruby(ROUTES, "config/routes.rb").routes)


@pytest.mark.parametrize(("call", "controller"), [
    (UrlCall(1, segments=("orders",)), "orders"),
    (UrlCall(1, segments=("orders", "5", "edit")), "orders"),
    (UrlCall(1, segments=("orders", None, "items")), "items"),
    (UrlCall(1, segments=("api", "v1", "orders.json")), "api/v1/orders"),
    (UrlCall(1, segments=("s", None, "title")), "stories"),
    (UrlCall(1, segments=()), "home"),
    (UrlCall(1, segments=("top",)), "home"),
    (UrlCall(1, segments=("old", "things")), "legacy/things"),
    (UrlCall(1, segments=("files", "a", "b.txt")), "files"),
    (UrlCall(1, segments=("admin", "users")), "admin/people"),
    (UrlCall(1, helper="search_orders"), "orders"),
    (UrlCall(1, helper="ship_order"), "orders"),
    (UrlCall(1, helper="preview_order"), "orders"),
    (UrlCall(1, helper="order_items"), "items"),
    (UrlCall(1, helper="new_admin_user"), "admin/people"),
    (UrlCall(1, helper="edit_profile"), "profiles"),
    (UrlCall(1, helper="person"), "people"),
    (UrlCall(1, helper="root"), "home"),
    (UrlCall(1, helper="login"), "login"),
    (UrlCall(1, segments=("sidekiq",)), None),
    (UrlCall(1, segments=("x",)), None),
    (UrlCall(1, helper="nothing"), None),
])
def test_requests_land_on_controllers(call: UrlCall, controller: str | None) -> None:
    assert TABLE.controller(call) == controller


def test_split_path_drops_optional_parts() -> None:
    assert split_path("/top(/:length(/page/:page))") == (("top",), False)
    assert split_path("/orders/:id(.:format)") == (("orders", None), False)
    assert split_path("/files/*path") == (("files",), True)


def test_only_routes_files_have_routes() -> None:
    assert parse_ruby(ROUTES, "lib/routes_like.rb").routes == ()
    assert parse_ruby('get "/a" => "b#c"\n', "config/routes/admin.rb").routes
