"""The Prisma schema: a tokenizer-based parser for ``.prisma`` files and what its models mean.

``read_prisma_schema`` takes the texts of a venture's ``.prisma`` files and returns every model
with its database table and Prisma Client delegate, the implicit many-to-many join tables, and
diagnostics for what could not be read. Tokens and the parser live in private modules.
"""

from commissioning.observe.prisma.schema import (
    JoinTable,
    PrismaModel,
    PrismaSchema,
    SchemaUnit,
    accessor_name,
    read_prisma_schema,
)

__all__ = ["JoinTable", "PrismaModel", "PrismaSchema", "SchemaUnit", "accessor_name",
           "read_prisma_schema"]
