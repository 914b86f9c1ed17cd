"""Ships the bundled record in the wheel, so an installed treatywatch builds and serves with no
checkout (`pip install .` or `pipx install treatywatch`, then `treatywatch serve`).

The record lives in the checkout's data/ (reviewed as text, next to the code) and the map's
country shapes in node_modules/ (installed from npm by scripts/setup.sh); a wheel copies both
into the package as treatywatch/_bundled/. An editable install reads them where they are.
Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
ATLAS = ("world-atlas", ("countries-50m.json", "LICENSE"))


class BuildPyWithRecord(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "treatywatch" / "_bundled"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(ROOT / "data", target / "data")
        folder, names = ATLAS
        for name in names:
            source = ROOT / "node_modules" / folder / name
            if source.is_file():  # the map is drawn without shapes when npm was not run
                (target / folder).mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / folder / name)


setup(cmdclass={"build_py": BuildPyWithRecord})
