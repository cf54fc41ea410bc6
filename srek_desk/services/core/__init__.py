"""The floor every capability stands on: database, acting user, validation, audit log, listings.

Every capability package may import these modules directly (`from srek_desk.services.core import
audit`); nothing here imports a capability package.
"""
