"""the registry's newest-first order read off an index on PostgreSQL

Revision ID: 0010_document_newest_index
Revises: 0009_federal_indexes

The registry lists documents by `date DESC NULLS LAST, id DESC`. PostgreSQL sorted all of them
to show the first page (20,000 at federal scale); with this index it reads the page off in
order. SQLite has no `NULLS LAST` in an index and needs none: its index on `document.date`
ends in the rowid (`id`), and NULLs sort first, so the same order is that index read backwards.
"""

from __future__ import annotations

from alembic import op

revision = '0010_document_newest_index'
down_revision = '0009_federal_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CREATE INDEX ix_document_newest ON document (date DESC NULLS LAST, id DESC)')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP INDEX ix_document_newest')
