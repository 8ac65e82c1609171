"""The test extra resolves without backtracking: the AWS libraries that moto and s3fs both pull are pinned
to one set that satisfies every one of their requirements on each other."""

from __future__ import annotations

import importlib.metadata as metadata
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
PINNED_TOGETHER = ("moto", "s3fs", "aiobotocore", "boto3", "botocore")


def _test_extra() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {(r := Requirement(line)).name: r for line in project["optional-dependencies"]["test"]}


def test_the_aws_libraries_are_pinned_to_one_consistent_set() -> None:
    extra = _test_extra()
    pins = {}
    for name in PINNED_TOGETHER:
        specifiers = list(extra[name].specifier)
        assert [s.operator for s in specifiers] == ["=="], f"{name} is not pinned: {extra[name]}"
        pins[name] = specifiers[0].version
    for name in PINNED_TOGETHER:  # each pinned package's own requirements accept the other pins
        assert metadata.version(name) == pins[name], f"installed {name} {metadata.version(name)}, pinned {pins[name]}"
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.name in pins and (requirement.marker is None or requirement.marker.evaluate({"extra": ""})):
                assert requirement.specifier.contains(pins[requirement.name]), f"{name} needs {requirement}"
