"""One job only: put the top-level ``glossaries/`` folder in the wheel as ``bitext/glossaries``.

Everything else is configured in pyproject.toml. A setuptools ``package-dir`` mapping cannot be
combined with ``packages.find`` (which keeps new subpackages from being forgotten), so the
glossaries are copied at build time instead. A source checkout or editable install reads them
from ``glossaries/`` directly (``bitext.check.glossary.shipped_glossaries``).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithGlossaries(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "bitext" / "glossaries"
        self.mkpath(str(target))
        for source in sorted((HERE / "glossaries").glob("*.yaml")):
            self.copy_file(str(source), str(target / source.name))


setup(cmdclass={"build_py": BuildPyWithGlossaries})
