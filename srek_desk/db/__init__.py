"""Database layer: engine, tables (all modules registered here), migrations, queries."""

import srek_desk.db.models_counselling
import srek_desk.db.models_desk
import srek_desk.db.models_erasure
import srek_desk.db.models_jobboerse
import srek_desk.db.models_offline
import srek_desk.db.models_timetable  # noqa: F401  (register tables)
from srek_desk.db import models, models_history, models_reference  # noqa: F401  (register tables)
