"""The listing's schema revisions, oldest first: each file is frozen once released.

Alembic reads these files itself (it skips this one); nothing imports them.
"""
