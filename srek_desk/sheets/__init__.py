"""Opportunity sheet PDF: plain SheetData in, A4 PDF out (ReportLab; no database, no Qt).

See `data.py` for how a service fills a `SheetData` from a client and its matches.
"""

from srek_desk.sheets.data import (
    LANGUAGES,
    Commute,
    CounsellorInfo,
    HomeArea,
    OfficeInfo,
    PathwayStep,
    SheetData,
    SheetOffer,
    offer_url,
    suggest_filename,
)
from srek_desk.sheets.pathway import PathwayTemplates, default_steps, load_templates
from srek_desk.sheets.qr import qr_payload
from srek_desk.sheets.render import SheetResult, render_batch, render_sheet

__all__ = [
    "LANGUAGES",
    "Commute",
    "CounsellorInfo",
    "HomeArea",
    "OfficeInfo",
    "PathwayStep",
    "PathwayTemplates",
    "SheetData",
    "SheetOffer",
    "SheetResult",
    "default_steps",
    "load_templates",
    "offer_url",
    "qr_payload",
    "render_batch",
    "render_sheet",
    "suggest_filename",
]
