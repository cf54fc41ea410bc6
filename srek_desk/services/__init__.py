"""Use cases of the desk, a package per capability; no Qt, one session per call.

The rooms (docs/architecture.md has the map):

- `core`: what every capability stands on: opening the database, the acting user and their
  rights, field validation, the audit log, change stamps, paged listings.
- `clients`: client records: editing, input checks, duplicates, merging, proposals, applications.
- `offers`: offers and employers, the offer table, the skills vocabulary, occupations and the
  office's reference tables (neighbouring occupations, travel times).
- `matching`: the matching indexes built from the database, kept fresh, ranked.
- `sheets`: opportunity sheets filled from a client and their matches, rendered and recorded.
- `chances`: new chances after imports, reminders and contacts for the Heute page.
- `imports`: file imports of offers and clients in one transaction, with report and history.
- `protection`: staff accounts, data subject rights, retention, backups.
- `offline`: laptop check-out and check-in, moving a single-PC database onto a server.
- `handover`: case handover between offices in a password-encrypted file.
- `settings`: what the Einstellungen page edits.
- `statistics`: aggregate counts for the Statistik page.
- `demo`: fictitious demo data.

A capability package imports another only through that package's `__init__` (import-linter's
`protected` contracts in pyproject.toml); `core` is the floor every package may use directly.
"""
