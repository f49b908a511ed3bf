"""a version's seal and signature, and its OCR-read fields checked by a person

Revision ID: 0008_signed_ocr_checks
Revises: 0003_jobs_copies

Versions already stored get their seal and signature from the `source.signed` of their
extraction JSON, and the count of their OCR-read (and doubtful) fields from its `confidence`
entries; how many a person checked was not recorded then, so it stays NULL.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0008_signed_ocr_checks'
down_revision = '0005_rating_checks'
branch_labels = None
depends_on = None

_DOUBTFUL_BELOW = 60.0  # docstore.confidence.DOUBTFUL_BELOW when this revision was written
_RECORD_KINDS = ("indicators", "plan_items", "ratings", "improvement_items")
_BATCH = 500

_versions = sa.table(
    'documentversion',
    sa.column('id', sa.Integer()),
    sa.column('ocr', sa.Boolean()),
    sa.column('extraction', sa.JSON()),
    sa.column('seal', sa.Boolean()),
    sa.column('signature', sa.Boolean()),
    sa.column('ocr_fields', sa.Integer()),
    sa.column('ocr_fields_doubtful', sa.Integer()),
)


def upgrade() -> None:
    with op.batch_alter_table('documentversion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seal', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('signature', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('ocr_fields', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ocr_fields_doubtful', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ocr_fields_checked', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ocr_fields_corrected', sa.Integer(), nullable=True))
    _fill_from_extractions()


def _fill_from_extractions() -> None:
    connection = op.get_bind()
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(_versions.c.id, _versions.c.ocr, _versions.c.extraction)
            .where(_versions.c.id > last_id)
            .order_by(_versions.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        for version_id, ocr, extraction in rows:
            values = _values(bool(ocr), extraction)
            if values:
                connection.execute(
                    sa.update(_versions).where(_versions.c.id == version_id).values(**values)
                )
        last_id = rows[-1][0]


def _values(ocr: bool, extraction: Any) -> dict[str, Any]:
    if not ocr or not isinstance(extraction, dict):
        return {}
    values: dict[str, Any] = {}
    signed = (extraction.get('source') or {}).get('signed')
    if isinstance(signed, dict):
        values['seal'] = bool(signed.get('seal'))
        values['signature'] = bool(signed.get('signature'))
    records = [extraction.get('document') or {}]
    for kind in _RECORD_KINDS:
        records += [r for r in extraction.get(kind) or [] if isinstance(r, dict)]
    confidences = [
        float(c)
        for record in records
        for c in (record.get('confidence') or {}).values()
        if isinstance(c, (int, float))
    ]
    values['ocr_fields'] = len(confidences)
    values['ocr_fields_doubtful'] = sum(c < _DOUBTFUL_BELOW for c in confidences)
    return values


def downgrade() -> None:
    with op.batch_alter_table('documentversion', schema=None) as batch_op:
        batch_op.drop_column('ocr_fields_corrected')
        batch_op.drop_column('ocr_fields_checked')
        batch_op.drop_column('ocr_fields_doubtful')
        batch_op.drop_column('ocr_fields')
        batch_op.drop_column('signature')
        batch_op.drop_column('seal')
