"""The lock files: every Python package at one exact version, with hashes, as installed."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\]+)")


def pins(lock: str) -> dict[str, str]:
    """Package name → version, checking on the way that each pin carries its hashes."""
    text = (ROOT / lock).read_text()
    found: dict[str, str] = {}
    for entry in re.split(r"\n(?=\S)", text):
        match = PIN.match(entry)
        if match:
            assert "--hash=sha256:" in entry, f"{lock}: {match[1]} has no hash"
            found[canonicalize_name(match[1])] = match[2]
    return found


def declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {canonicalize_name(Requirement(line).name) for line in requirements}


def test_every_dependency_is_pinned_with_hashes():
    assert declared() <= set(pins("requirements.lock"))
    assert declared() | declared("dev") <= set(pins("requirements-dev.lock"))


def test_both_lock_files_hold_the_same_version_of_a_package():
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")

    assert {name: dev.get(name) for name in runtime} == runtime


def test_what_is_installed_is_what_the_lock_says():
    for name, version in pins("requirements-dev.lock").items():
        assert metadata.version(name) == version, name
