"""A generated case, and how it is written in the dev set's folder format."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gen.sheet import Box, Cite

SCHEMAS = Path(__file__).parent / "schemas"


@dataclass
class Case:
    family: str
    layout: str
    schema: str  # file name in schemas/, without .json
    expected: Any
    cites: list[Cite]
    page_sizes: list[tuple[float, float]]
    document: bytes
    file_type: str = "pdf"
    config: dict = field(default_factory=dict)  # extraction_target and target_pages when not per_doc
    tags: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # more index keys (source_family, ...)
    unprinted: set[str] = field(default_factory=set)  # values implied, not printed (a receipt's quantity 1)

    @property
    def target(self) -> str:
        return self.config.get("extraction_target", "per_doc")

    def evidence(self) -> list[dict]:
        out = []
        for cite in self.cites:
            w, h = self.page_sizes[cite.page - 1]
            entry: dict[str, Any] = {"path": cite.path, "page": cite.page, "text": cite.text,
                                     "bbox": Box.union(cite.lines).to_dict(), "page_width": round(w, 2),
                                     "page_height": round(h, 2)}
            if len(cite.lines) > 1:
                entry["line_boxes"] = [b.to_dict() for b in cite.lines]
            if cite.kind:
                entry["kind"] = cite.kind
            out.append(entry)
        return out


def leaves(value: Any, path: str = "") -> dict[str, Any]:
    """Every scalar of an expected result by evidence path ('a.b', 'items[0].x', '[2].y', 'skills[1]')."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(leaves(item, f"{path}.{key}" if path else key))
        return out
    if isinstance(value, list):
        out = {}
        for i, item in enumerate(value):
            out.update(leaves(item, f"{path}[{i}]"))
        return out
    return {path: value}


def check(case: Case) -> None:
    """Every printed value has evidence and every piece of evidence names a printed value."""
    values = leaves(case.expected)
    cited = {c.path for c in case.cites}
    missing = sorted(p for p, v in values.items() if v is not None and p not in cited and p not in case.unprinted)
    stray = sorted(p for p in cited if values.get(p) is None)
    if missing or stray:
        raise AssertionError(f"{case.family}/{case.layout}: values without evidence {missing}; "
                             f"evidence without a value {stray}")


def write(case: Case, folder: Path, case_id: str, split: str) -> dict:
    """Write the case folder and return its index line."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"document.{case.file_type}").write_bytes(case.document)
    (folder / "schema.json").write_bytes((SCHEMAS / f"{case.schema}.json").read_bytes())
    config = {"extraction_target": case.target, **{k: v for k, v in case.config.items() if k != "extraction_target"},
              "cite_sources": True, "confidence_scores": True}
    (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    (folder / "expected.json").write_text(json.dumps(case.expected, indent=2, ensure_ascii=False) + "\n")
    (folder / "evidence.json").write_text(json.dumps(case.evidence(), indent=1, ensure_ascii=False) + "\n")
    return {"id": case_id, "family": case.family, "layout": case.layout, "split": split,
            "file_type": case.file_type, "pages": len(case.page_sizes), "extraction_target": case.target,
            "schema": case.schema.removesuffix("_rows"), "tags": case.tags, **case.extra}
