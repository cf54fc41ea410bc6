"""What the Heute page asks: new chances since the last visit, reminders, recorded contacts."""

from srek_desk.services.chances.reminders import ReminderService
from srek_desk.services.chances.service import ChanceService

__all__ = ["ChanceService", "ReminderService"]
