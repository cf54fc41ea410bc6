"""Protection: staff accounts, data subject rights (DSGVO), retention and backups."""

from srek_desk.services.protection.accounts import AccountService
from srek_desk.services.protection.backups import BackupService
from srek_desk.services.protection.privacy import PrivacyService
from srek_desk.services.protection.retention import RetentionService

__all__ = ["AccountService", "BackupService", "PrivacyService", "RetentionService"]
