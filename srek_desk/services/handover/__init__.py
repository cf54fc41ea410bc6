"""Case handover without a server: clients into a password-encrypted file and back in elsewhere."""

from srek_desk.services.handover.file_format import HandoverFileError
from srek_desk.services.handover.service import HandoverService

__all__ = ["HandoverFileError", "HandoverService"]
