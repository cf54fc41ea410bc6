"""Database layer: engine, tables (all modules registered here), migrations, queries."""

from srek_desk.db import models, models_history, models_reference  # noqa: F401  (register tables)
