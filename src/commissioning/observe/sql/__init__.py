"""SQL migration and seed files, read with real parsers: which tables they create, drop, rename
and fill.

``read_sql`` reads one file into ``SqlTableFact`` values (and diagnostics for what it could not
read); ``replay_migrations`` applies a folder's facts in order and says which tables remain and
where each was created. Splitting, the sqlglot and pglast readers and the replay live in private
modules behind this one.
"""

from commissioning.observe.sql.facts import SqlTableFact
from commissioning.observe.sql.read import read_sql
from commissioning.observe.sql.replay import replay_migrations

__all__ = ["SqlTableFact", "read_sql", "replay_migrations"]
