"""Package layout: installs the top-level resources/ folder inside the package.

pyproject.toml holds all metadata; this file only maps resources/ to `srek_desk.resources`,
which declarative configuration cannot combine with package discovery.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["srek_desk", "srek_desk.*"]), "srek_desk.resources"],
    package_dir={"srek_desk.resources": "resources"},
    package_data={
        "srek_desk.resources": ["**/*"],
        "srek_desk.db": ["migrations/*.py", "migrations/*.mako", "migrations/versions/*.py"],
    },
    include_package_data=False,
)
