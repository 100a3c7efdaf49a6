"""The Prisma schema reader: tokens, blocks, tables, delegates, join tables and bad input."""

from __future__ import annotations

from textwrap import dedent

from commissioning.evidence import Severity, TableKey
from commissioning.observe.prisma import accessor_name, read_prisma_schema
from commissioning.observe.prisma.parse import parse_schema
from commissioning.observe.prisma.tokens import tokenize

SCHEMA = dedent('''\
    // top comment with a { brace and "quote"
    datasource db {
      provider = "postgresql"
      url      = env("DATABASE_URL")
      schemas  = ["public", "billing"]
    }

    generator client {
      provider        = "prisma-client-js"
      previewFeatures = ["multiSchema"]
    }

    /// Doc comment: the people.
    model UserProfile {
      id        String   @id @default(cuid())
      email     String   @unique @db.VarChar(255) // trailing } comment
      note      String   @default("a } and // inside")
      posts     Post[]
      invoices  Invoice[]
      geo       Unsupported("point")?

      @@index([email(sort: Desc)], map: "profile_email_idx")
      @@map(name: "user_profiles")
    }

    model Post {
      id      Int           @id
      author  UserProfile   @relation(fields: [authorId], references: [id])
      authorId String
      tags    Tag[]
    }

    model Tag {
      id        Int    @id
      posts     Post[]
      related   Tag[]  @relation("RelatedTags")
      relatedOf Tag[]  @relation("RelatedTags")
    }

    model Invoice {
      id     Int          @id
      owner  UserProfile  @relation(fields: [ownerId], references: [id])
      ownerId String
      @@schema("billing")
    }

    model Follow {
      id        Int @id
      @@ignore
    }

    enum Role {
      USER
      ADMIN @map("admin")
      @@map("roles")
    }

    view ActiveUser {
      id String @unique
    }
''')


def test_tokens_drop_comments_and_keep_strings_whole() -> None:
    tokens = tokenize('model A { // x { y\n  n String @default("a // b") }\n')
    texts = [t.text for t in tokens if t.kind != "newline"]
    assert texts == ["model", "A", "{", "n", "String", "@", "default", "(", "a // b", ")", "}"]
    assert [t.line for t in tokens if t.text == "n"] == [2]


def test_blocks_fields_and_attributes() -> None:
    parsed = parse_schema(SCHEMA, "prisma/schema.prisma")
    assert parsed.errors == ()
    kinds = [(b.keyword, b.name) for b in parsed.blocks]
    assert kinds == [("datasource", "db"), ("generator", "client"), ("model", "UserProfile"),
                     ("model", "Post"), ("model", "Tag"), ("model", "Invoice"),
                     ("model", "Follow"), ("enum", "Role"), ("view", "ActiveUser")]
    profile = parsed.blocks[2]
    assert profile.line == 14
    geo = next(f for f in profile.fields if f.name == "geo")
    assert (geo.type, geo.optional, geo.is_list) == ("Unsupported", True, False)
    posts = next(f for f in profile.fields if f.name == "posts")
    assert (posts.type, posts.is_list) == ("Post", True)
    mapped = profile.attribute("map")
    assert mapped is not None and mapped.arg("name") is not None
    email = next(f for f in profile.fields if f.name == "email")
    assert [a.name for a in email.attributes] == ["unique", "db.VarChar"]


def test_tables_delegates_schemas_and_join_tables() -> None:
    schema = read_prisma_schema({"prisma/schema.prisma": SCHEMA})
    assert schema.diagnostics == ()
    models = {m.name: m for m in schema.models}
    assert set(models) == {"UserProfile", "Post", "Tag", "Invoice", "Follow"}  # no view, no enum
    assert models["UserProfile"].key == TableKey("public", "user_profiles")
    assert models["UserProfile"].accessor == "userProfile"
    assert models["Post"].key == TableKey("public", "Post")  # no @@map: the model's name
    assert models["Invoice"].key == TableKey("billing", "Invoice")
    assert models["Follow"].accessor is None  # @@ignore: no delegate
    assert dict(models["Post"].relations) == {"author": "UserProfile", "tags": "Tag"}
    joins = {j.key.name: j for j in schema.join_tables}
    assert set(joins) == {"_PostToTag", "_RelatedTags"}
    assert joins["_PostToTag"].fields == (("Post", "tags"), ("Tag", "posts"))
    assert schema.units[0].dialect == "postgres"


def test_accessor_is_the_model_with_a_lower_first_letter() -> None:
    assert accessor_name("UserProfile") == "userProfile"
    assert accessor_name("URLShortener") == "uRLShortener"
    assert accessor_name("event_log") == "event_log"


def test_a_schema_folder_shares_one_datasource() -> None:
    texts = {
        "apps/web/prisma/schema/schema.prisma":
            'datasource db {\n  provider = "mysql"\n  url = env("X")\n}\n',
        "apps/web/prisma/schema/link.prisma": "model Link {\n  id Int @id\n}\n",
        "apps/web/prisma/schema/nested/tag.prisma": "model Tag {\n  id Int @id\n}\n",
        "packages/db/schema.prisma":
            'datasource db {\n  provider = "sqlite"\n  url = "file:x"\n}\n'
            "model Note {\n  id Int @id\n}\n",
    }
    schema = read_prisma_schema(texts)
    units = {m.name: m.unit for m in schema.models}
    assert units == {"Link": "apps/web/prisma/schema", "Tag": "apps/web/prisma/schema",
                     "Note": "packages/db"}
    keys = {m.name: m.key for m in schema.models}
    assert keys["Note"] == TableKey("main", "Note")
    assert {u.root: u.dialect for u in schema.units} == {
        "apps/web/prisma/schema": "mysql", "packages/db": "sqlite"}


def test_a_broken_schema_is_a_diagnostic_and_the_rest_is_read() -> None:
    text = dedent('''\
        model Good {
          id Int @id
          name String @default("unclosed
          other Int
        }

        model Broken {{
          id Int @id
        }

        model AlsoGood {
          id Int @id
        }

        model Open {
          id Int @id
    ''')
    schema = read_prisma_schema({"prisma/schema.prisma": text})
    # Broken's header is readable, so it stays a table; its stray brace is skipped
    assert {m.name for m in schema.models} == {"Good", "Broken", "AlsoGood", "Open"}
    notes = [(d.code, d.line, d.severity) for d in schema.diagnostics]
    assert notes == [("prisma-parse-error", 3, Severity.WARNING),  # the unclosed string
                     ("prisma-parse-error", 7, Severity.WARNING),  # the stray brace
                     ("prisma-parse-error", 15, Severity.WARNING)]  # Open never closes
    assert all(d.path == "prisma/schema.prisma" for d in schema.diagnostics)
    good = next(m for m in schema.models if m.name == "Good")
    assert good.key == TableKey("public", "Good")


def test_an_unresolvable_table_name_is_a_diagnostic_not_a_guess() -> None:
    text = dedent('''\
        datasource db {
          provider = "postgresql"
          url = env("X")
        }
        model Tenant {
          id Int @id
          @@map(env("TENANT_TABLE"))
        }
        model Plan {
          id Int @id
        }
        model Plan {
          id Int @id
        }
    ''')
    schema = read_prisma_schema({"prisma/schema.prisma": text})
    assert [m.name for m in schema.models] == ["Plan"]
    codes = {(d.code, d.line) for d in schema.diagnostics}
    assert ("unresolved-table-name", 7) in codes
    assert ("duplicate-model", 12) in codes


def test_an_unknown_provider_is_read_as_postgres_with_a_note() -> None:
    text = 'datasource db {\n  provider = "oracle"\n  url = env("X")\n}\n'
    schema = read_prisma_schema({"schema.prisma": text, "empty.prisma": None})
    assert schema.units[0].dialect == "postgres"
    assert [d.code for d in schema.diagnostics] == ["prisma-provider"]


def test_a_model_left_open_ends_at_the_next_block() -> None:
    text = "model A {\n  id Int @id\n\nmodel B {\n  id Int @id\n}\n"
    schema = read_prisma_schema({"schema.prisma": text})
    assert [m.name for m in schema.models] == ["A", "B"]
    assert [(d.code, d.line) for d in schema.diagnostics] == [("prisma-parse-error", 1)]
