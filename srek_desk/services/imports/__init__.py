"""File imports of offers and clients: one transaction, a report and a history per file."""

from srek_desk.services.imports.service import ImportService

__all__ = ["ImportService"]
