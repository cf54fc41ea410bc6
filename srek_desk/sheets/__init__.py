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
    SheetConnection,
    SheetData,
    SheetLeg,
    SheetOffer,
    SkillGap,
    offer_url,
    suggest_filename,
)
from srek_desk.sheets.pathway import PathwayTemplates, default_steps, load_templates

# Rendering pulls in ReportLab's layout and QR code machinery (a few hundred ms of imports);
# they load on first use so that the desktop starts without them.
_LAZY = {
    "SheetResult": "srek_desk.sheets.render",
    "render_batch": "srek_desk.sheets.render",
    "render_sheet": "srek_desk.sheets.render",
    "qr_payload": "srek_desk.sheets.qr",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)


__all__ = [
    "LANGUAGES",
    "Commute",
    "CounsellorInfo",
    "HomeArea",
    "OfficeInfo",
    "PathwayStep",
    "PathwayTemplates",
    "SheetConnection",
    "SheetData",
    "SheetLeg",
    "SheetOffer",
    "SheetResult",
    "SkillGap",
    "default_steps",
    "load_templates",
    "offer_url",
    "qr_payload",
    "render_batch",
    "render_sheet",
    "suggest_filename",
]
