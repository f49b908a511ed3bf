"""docstore: every write of nok, checked against the user's roles and recorded in the audit log.

What the pages call (each function takes a `Session` first, except ingest which owns its
transactions and takes the engine; the caller commits the others, e.g. with
`db.engine.session_scope`):

- `docstore.ingest.ingest_file(engine, data, filename, user=, document_id=, extraction=)` and
  `ingest_paths(paths, engine=, user=, progress=)`: upload a file (or a new version), returns
  `IngestResult` (new / new_version / duplicate / failed, Russian `message`);
  `reextract_document(engine, document_id)` re-reads the current version; `preview(data,
  filename)` reads a file without storing it (the staff page shows it, then passes the edited
  extraction and its `improvement_criteria` back to `ingest_file`).
- `docstore.jobs` (the ingest queue's jobs: `submit`, `run_job` in a worker, `review_item`,
  `confirm`, `reject`) over `docstore.queue` (Huey, SQLite or Redis); `docstore.watch` (a
  watched folder); `docstore.copies` (copies of one act are versions of one document; where
  they differ); `docstore.dedupe` (documents stored twice merged); `docstore.previews` (pages
  of an original).
- `docstore.metadata.correct_field(session, user, document_id, field_name, value)`: a person's
  correction, kept over every re-extraction; `CORRECTABLE_FIELDS`, `FIELD_TITLES_RU`.
- `docstore.workflow.transition(session, user, document_id, to_state, comment)`,
  `available_transitions(session, user, document)`, `request_deletion(...)` (soft: archived).
- `docstore.rating_check.store_operator_data(engine, data, filename, user=, year=)`: the operator's
  raw figures kept as a document (kind `operator_data`) with their check by the method of
  приказ № 344н against the published ratings (`assessment`); `verify` checks without storing.
- `docstore.organizations.confirm_organization` / `merge_organization` for flagged names.
- `docstore.search.search(session, query, kind=, authority_id=, year=, state=, states=)`;
  `QueryTooLong` past `MAX_QUERY_CHARS` / `MAX_QUERY_WORDS`.
- `docstore.check.check_store(engine, blob_dir=, progress=)`: a `CheckReport` (messages with
  level, document, message) of every original against its sha256; `docstore.backup.backup(engine,
  directory)` / `restore(engine, directory)`: `BackupResult` / `RestoreResult` (`nok check`,
  `nok backup`, `nok restore` only print them).
- `docstore.blobs.read(sha256)`: the original bytes of a version, for download.
- `docstore.audit.events_for_document` / `events_by_user`.
- `docstore.roles.require(session, user, permission, authority_id=, organization_id=)` and
  `require_on_document(session, user, permission, document_id, new_authority=)`: every write's check.

Errors are `docstore.errors.DocstoreError` subclasses with a Russian message.
"""
