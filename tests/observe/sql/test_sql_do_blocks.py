"""Seeds that fill tables inside DO blocks: their INSERTs are read, their DDL is not."""

from __future__ import annotations

from commissioning.observe.sql import read_sql

SEED = """\
insert into workspaces (name) values ('Home');

do $$
declare
  home uuid;
  chat uuid;
begin
  select id into home from workspaces where name = 'Home';
  -- a folder first
  insert into folders (workspace_id, name) values (home, 'Chats');
  if home is not null then insert into chats (workspace_id) values (home)
    returning id into chat;
  end if;
  create table not_a_seed (id int);
  begin
    insert into public.messages (chat_id, content) values (chat, 'hi');
  end;
end
$$;

create function f() returns trigger language plpgsql as $$
begin
  insert into audit_log (x) values (1);
  return new;
end;
$$;
"""


def test_inserts_inside_a_do_block_are_seed_rows_with_their_lines() -> None:
    facts, diagnostics = read_sql(SEED, "supabase/seed.sql")
    assert diagnostics == ()
    assert [(f.action, str(f.table), f.line) for f in facts] == [
        ("insert", "public.workspaces", 1),
        ("insert", "public.folders", 10),
        ("insert", "public.chats", 11),
        ("insert", "public.messages", 16),
    ]
