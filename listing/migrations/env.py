"""Alembic's environment for the listing: it runs on the connection `listing.migrate` passes.

That connection is already inside the one transaction the whole upgrade runs in.
"""

from alembic import context

context.configure(connection=context.config.attributes["connection"], transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
