"""Opportunity sheets: filled from a client and their matches, rendered, recorded in the history."""

from srek_desk.services.sheets.service import SheetService

__all__ = ["SheetService"]
