"""What the Einstellungen page edits: settings per group and the sheet's pathway templates."""

from srek_desk.services.settings.service import (
    save_settings,
    save_templates,
    settings_of,
)

__all__ = ["save_settings", "save_templates", "settings_of"]
