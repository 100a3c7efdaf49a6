"""Default role rules of the two Python profiles (docs/evidence.md, "SQLAlchemy" and "Django").

Rules are the shared ``Rule`` data, so ``[roles.<kind>]`` in commissioning.toml replaces or
extends them as it does for every profile. Signals: ``import:<module>``, ``python:<fact>``
(computed by the reader or the profile, see ``observe.python.facts``), or a literal looked for
in code. Directory globs are written ``**/dir/**`` so they hold inside a monorepo's folders.
"""

from __future__ import annotations

from commissioning.evidence import Kind
from commissioning.observe.python.class_marks import SIG_ADMIN, SIG_FORM, SIG_SERIALIZER
from commissioning.observe.python.facts import (
    SIG_API_ROUTE,
    SIG_JOB,
    SIG_RENDERS_PAGE,
    SIG_ROUTE,
    SIG_TEST_CLIENT,
)
from commissioning.observe.roles import Rule

SIG_URL_VIEW = "python:url_view"  # Django: a view some URLconf routes to
SIG_API_APP = "python:in_api_app"  # Django: a file of an app whose package is named ``api``
GRAPHQL_MUTATIONS = Rule(Kind.SERVER_ACTIONS, "graphql.mutation",
                         ("**/mutations/**", "**/mutations.py"),
                         signals=("graphene.Mutation", "ClientIDMutation", "@strawberry.mutation",
                                  "strawberry.mutation("))

ALEMBIC_GLOBS = ("**/alembic/versions/*.py", "**/migrations/versions/*.py",
                 "**/alembic/**/versions/*.py", "**/revisions/**/versions/*.py")
SQL_MIGRATION_GLOBS = ("**/migrations/**/*.sql", "**/alembic/**/*.sql")
DJANGO_MIGRATION_GLOBS = ("**/migrations/*.py",)
SEED_GLOBS = ("**/seed*.py", "**/seeds/**", "**/seeders/**", "**/initial_data.py",
              "**/populate*.py", "**/fixtures/**", "**/seed*.sql")
ETL_PATHS = ("**/jobs/**", "**/workers/**", "**/worker/**", "**/cron/**", "**/crons/**",
             "**/etl/**", "**/pipelines/**", "**/ingest/**", "**/importers/**",
             "**/exporters/**", "**/imports/**", "**/exports/**", "**/scripts/**",
             "**/tasks.py", "**/cli.py", "**/commands.py", "**/scheduler.py",
             "**/scheduled.py", "**/schedules.py", "**/scheduled/**",
             "**/management/commands/**", "**/webhooks/**", "**/webhooks.py")
ETL_SIGNALS = (SIG_JOB, "BaseCommand")
API_PATHS = ("**/api/**", "**/apis/**", "**/api.py", "**/graphql/**", "**/rest/**")
API_SIGNALS = (SIG_API_ROUTE, SIG_SERIALIZER, "import:flask_restful", "import:flask_restx",
               "import:flask_smorest", "import:apiflask", "import:graphene",
               "import:strawberry", "import:ariadne", "import:fastapi_mcp", "import:mcp.server")
ADMIN_SIGNALS = (SIG_ADMIN, "import:flask_admin", "import:sqladmin", "import:starlette_admin",
                 "import:flask_appbuilder")
E2E_GLOBS = ("**/e2e/**",)
E2E_SIGNALS = (SIG_TEST_CLIENT, "import:playwright", "import:selenium")

SQLALCHEMY_RULES: tuple[Rule, ...] = (
    Rule(Kind.MIGRATION, "alembic.create_table", ALEMBIC_GLOBS + SQL_MIGRATION_GLOBS),
    Rule(Kind.DATA, "python.seed", SEED_GLOBS),
    Rule(Kind.REPOSITORY, "sqlalchemy.access", ("**",)),
    Rule(Kind.SERVER_ACTIONS, "python.route", signals=(SIG_ROUTE,)),
    GRAPHQL_MUTATIONS,
    Rule(Kind.CRUD_UI, "python.page", signals=(SIG_RENDERS_PAGE,)),
    Rule(Kind.CRUD_UI, "python.form", signals=(SIG_FORM, "import:wtforms", "import:flask_wtf")),
    # An ``admin.py`` that only serves JSON under ``/api`` (Redash's ``/api/admin/…``) is an
    # API for administrators, not an admin UI.
    Rule(Kind.CRUD_UI, "python.admin", ("**/admin.py", "**/admin/**"),
         unless_signals=(SIG_API_ROUTE,)),
    Rule(Kind.CRUD_UI, "python.admin", signals=ADMIN_SIGNALS),
    Rule(Kind.ETL, "python.etl_path", ETL_PATHS),
    Rule(Kind.ETL, "python.etl_signal", signals=ETL_SIGNALS),
    Rule(Kind.A2A_API, "python.api_route", signals=API_SIGNALS),
    Rule(Kind.A2A_API, "python.api_path", API_PATHS),
    Rule(Kind.E2E_TESTS, "python.test_client", E2E_GLOBS, signals=E2E_SIGNALS),
)

DJANGO_RULES: tuple[Rule, ...] = (
    Rule(Kind.MIGRATION, "django.create_model", DJANGO_MIGRATION_GLOBS),
    # Commands named for loading data. Not ``create*``: ``createsuperuser``, ``create_app``
    # make one record from the operator's arguments, which is administration, not seed data.
    Rule(Kind.DATA, "python.seed", (*SEED_GLOBS,
                                    "**/management/commands/{seed,populate,load}*.py",
                                    "**/management/commands/*{demo,sample,random,fake}*.py")),
    Rule(Kind.REPOSITORY, "django.access", ("**",)),
    Rule(Kind.SERVER_ACTIONS, "django.view", ("**/views.py", "**/views/**", "**/viewsets.py"),
         signals=(SIG_ROUTE, SIG_URL_VIEW)),
    GRAPHQL_MUTATIONS,
    Rule(Kind.CRUD_UI, "django.page", signals=(SIG_RENDERS_PAGE,)),
    Rule(Kind.CRUD_UI, "django.form", ("**/forms.py", "**/forms/**"),
         signals=(SIG_FORM, "ModelForm", "modelform_factory(", "inlineformset_factory(",
                  "modelformset_factory(")),
    Rule(Kind.CRUD_UI, "django.admin", ("**/admin.py", "**/admin/**", "**/wagtail_hooks.py"),
         unless_signals=(SIG_API_ROUTE,)),
    Rule(Kind.CRUD_UI, "django.admin",
         signals=(SIG_ADMIN, "admin.site.register(", "@admin.register(", "register_snippet")),
    Rule(Kind.ETL, "python.etl_path", ETL_PATHS),
    Rule(Kind.ETL, "python.etl_signal", signals=ETL_SIGNALS),
    # ``**/api/**`` names an API package, except when the folder is a Django app that happens
    # to be called ``api`` (Healthchecks' ``hc/api`` holds its models, admin and management
    # commands): there only the views the URLconf serves under ``/api`` are the API.
    Rule(Kind.A2A_API, "django.api", API_PATHS, unless_signals=(SIG_API_APP,)),
    Rule(Kind.A2A_API, "django.api", ("**/serializers.py", "**/serializers/**",
                                      "**/viewsets.py", "**/schema.py"),
         signals=("import:rest_framework", "import:ninja", "import:tastypie",
                  "import:graphene_django", "import:strawberry_django", *API_SIGNALS)),
    Rule(Kind.E2E_TESTS, "django.test_client", E2E_GLOBS, signals=E2E_SIGNALS),
)
