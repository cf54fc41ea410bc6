"""Client records: editing, input checks, duplicates, merging, proposals and applications."""

from srek_desk.services.clients.applications import ApplicationService
from srek_desk.services.clients.duplicates import (
    CANDIDATE_COLUMNS,
    DuplicateCandidate,
    DuplicateIndex,
    DuplicateService,
    candidate_label,
    candidate_of,
    similar_clients,
)
from srek_desk.services.clients.merge import MergeService
from srek_desk.services.clients.proposals import CLOSED_STATUSES, ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.services.clients.values import ClientInput, display_name

__all__ = [
    "CANDIDATE_COLUMNS",
    "CLOSED_STATUSES",
    "ApplicationService",
    "ClientInput",
    "ClientService",
    "DuplicateCandidate",
    "DuplicateIndex",
    "DuplicateService",
    "MergeService",
    "ProposalService",
    "candidate_label",
    "candidate_of",
    "display_name",
    "similar_clients",
]
