"""The frozen build can check HR-BA-XML against the BA's XSD: xmlschema is a runtime dependency,
is not excluded from the bundle, and its meta-schemas (read as files) are collected."""

from __future__ import annotations

import ast
import tomllib
from importlib.resources import files
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "srek-desk.spec"


def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def test_xmlschema_is_a_runtime_dependency() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(d.startswith("xmlschema") for d in project["dependencies"])


def test_spec_keeps_xmlschema_and_its_meta_schemas() -> None:
    tree = spec_tree()
    excludes = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "PYTHON_EXCLUDES" for t in node.targets)
    )
    assert "xmlschema" not in excludes and "elementpath" not in excludes
    collected = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "collect_data_files"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert "xmlschema" in collected
    # what collect_data_files("xmlschema") finds: the XSD 1.0 meta-schema every schema builds on
    assert files("xmlschema").joinpath("schemas", "XSD_1.0", "XMLSchema.xsd").is_file()
