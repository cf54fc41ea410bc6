"""Assets and reference data shipped with SREK Desk (installed as srek_desk.resources)."""
