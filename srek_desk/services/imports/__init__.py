"""Imports of offers and clients: files in one transaction each, and searches of the Jobbörse."""

from srek_desk.services.imports.fetch import FetchService
from srek_desk.services.imports.service import ImportService

__all__ = ["FetchService", "ImportService"]
