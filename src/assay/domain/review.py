"""Review of an extraction kept as the SDK's `ExtractedData` (the `data` of an agent-data item):
field paths, one field's state, why a result needs a person (routing), and rows for export.

An item's data: `{original_data, data, status, overall_confidence, field_metadata, file_id, file_name,
file_hash, metadata}`. `data` is the result as it stands after review and `field_metadata` mirrors
it (a leaf's entry: confidence, citation, ...). What review adds lives in `metadata["review"]`:
`confirmed` (the paths a reviewer confirmed, corrected or cleared) and `reason` (of the last accept
or reject), so the SDK reads a reviewed item exactly as it reads any other.

A path names a leaf as the web UI shows it: `vendor.name`, `line_items[2].amount`.
"""

from __future__ import annotations

import re
from typing import Any

from assay.errors import InvalidFieldError

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str) -> list[str | int]:
    """`"line_items[2].amount"` → `["line_items", 2, "amount"]`."""
    keys: list[str | int] = []
    position = 0
    for match in _STEP.finditer(path):
        if match.start() != position and path[position:match.start()] != ".":
            break
        keys.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
        position = match.end()
    if not keys or position != len(path):
        raise InvalidFieldError(f"Invalid field path {path!r}: write it as `name`, `a.b` or `items[0].name`.")
    return keys


def get_at(tree: Any, keys: list[str | int]) -> Any:
    for key in keys:
        if isinstance(key, int) and isinstance(tree, list) and key < len(tree):
            tree = tree[key]
        elif isinstance(key, str) and isinstance(tree, dict):
            tree = tree.get(key)
        else:
            return None
    return tree


def set_at(tree: Any, keys: list[str | int], value: Any) -> None:
    """Sets a leaf that exists, or a new key of an object (objects on the way are made)."""
    for i, key in enumerate(keys):
        last = i == len(keys) - 1
        if isinstance(key, int):
            if not isinstance(tree, list) or key >= len(tree):
                raise InvalidFieldError(f"No item {key} at this path.")
            if last:
                tree[key] = value
                return
            if tree[key] is None:
                tree[key] = {}
            tree = tree[key]
        else:
            if not isinstance(tree, dict):
                raise InvalidFieldError(f"{key!r} is not a field of an object here.")
            if last:
                tree[key] = value
                return
            if tree.get(key) is None:
                tree[key] = [] if isinstance(keys[i + 1], int) else {}
            tree = tree[key]


def field_state(item: dict[str, Any], path: str) -> dict[str, Any]:
    """What a revision records of a field: its value, its metadata entry, whether a reviewer confirmed it."""
    keys = parse_path(path)
    if not _exists(item.get("data"), keys):
        raise InvalidFieldError(f"The result has no field {path!r}.")
    return {"value": get_at(item.get("data"), keys), "meta": get_at(item.get("field_metadata"), keys),
            "confirmed": path in _review(item).get("confirmed", [])}


def set_field_state(item: dict[str, Any], path: str, state: dict[str, Any]) -> None:
    keys = parse_path(path)
    set_at(item.setdefault("data", {}), keys, state["value"])
    if state.get("meta") is not None or get_at(item.get("field_metadata"), keys) is not None:
        set_at(item.setdefault("field_metadata", {}), keys, state.get("meta"))
    review = _review(item, create=True)
    confirmed = [p for p in review.get("confirmed", []) if p != path]
    review["confirmed"] = [*confirmed, path] if state.get("confirmed") else confirmed
    item["overall_confidence"] = overall_confidence(item.get("field_metadata"))


def status_state(item: dict[str, Any]) -> dict[str, Any]:
    return {"status": item.get("status"), "reason": _review(item).get("reason")}


def set_status_state(item: dict[str, Any], state: dict[str, Any]) -> None:
    item["status"] = state["status"]
    _review(item, create=True)["reason"] = state.get("reason")


def _review(item: dict[str, Any], create: bool = False) -> dict[str, Any]:
    metadata = item.get("metadata")
    if not isinstance(metadata, dict):
        if not create:
            return {}
        metadata = item["metadata"] = {}
    review = metadata.get("review")
    if not isinstance(review, dict):
        if not create:
            return {}
        review = metadata["review"] = {}
    return review


def _exists(tree: Any, keys: list[str | int]) -> bool:
    for key in keys:
        if isinstance(key, int) and isinstance(tree, list) and key < len(tree):
            tree = tree[key]
        elif isinstance(key, str) and isinstance(tree, dict) and key in tree:
            tree = tree[key]
        else:
            return False
    return True


def coerce(text: str, current: Any) -> Any:
    """A typed correction as the kind of value the field holds (a number stays a number)."""
    if isinstance(current, bool):
        lowered = text.strip().lower()
        if lowered in ("true", "yes", "y", "1", "x", "checked"):
            return True
        if lowered in ("false", "no", "n", "0", "", "unchecked"):
            return False
        raise InvalidFieldError(f"{text!r} is not yes or no.")
    if isinstance(current, int | float):
        cleaned = re.sub(r"[^\d.\-]", "", text.replace(",", ""))
        try:
            number = float(cleaned)
        except ValueError as exc:
            raise InvalidFieldError(f"{text!r} is not a number.") from exc
        return int(number) if isinstance(current, int) and number.is_integer() else number
    return text


def citation(words: list[dict[str, Any]], page_dimensions: dict[str, float] | None) -> dict[str, Any]:
    """The SDK's FieldCitation for printed words a reviewer selected: `[{page, text, box: [x, y, w, h]}]`
    in points, origin top left, on one page."""
    if not words:
        raise InvalidFieldError("Select at least one word.")
    pages = {w["page"] for w in words}
    if len(pages) != 1:
        raise InvalidFieldError("Select words on one page.")
    return {"page": pages.pop(), "matching_text": " ".join(w["text"] for w in words),
            "bounding_boxes": [dict(zip(("x", "y", "w", "h"), w["box"], strict=True)) for w in words],
            "page_dimensions": page_dimensions}


def leaves(value: Any, meta: Any, path: str = "") -> list[tuple[str, Any, dict[str, Any] | None]]:
    """(path, value, metadata entry) of every leaf, in document order."""
    if isinstance(value, list):
        return [leaf for i, item in enumerate(value)
                for leaf in leaves(item, meta[i] if isinstance(meta, list) and i < len(meta) else None,
                                   f"{path}[{i}]")]
    if isinstance(value, dict):
        return [leaf for key, item in value.items()
                for leaf in leaves(item, meta.get(key) if isinstance(meta, dict) and not _is_entry(meta) else None,
                                   f"{path}.{key}" if path else key)]
    return [(path, value, meta if _is_entry(meta) else None)]


def _is_entry(meta: Any) -> bool:
    return isinstance(meta, dict) and any(k in meta for k in ("confidence", "citation", "grounding"))


def overall_confidence(field_metadata: Any) -> float | None:
    """The mean of the leaves' confidences, as the SDK's `calculate_overall_confidence` computes it."""
    found: list[float] = []

    def walk(node: Any) -> None:
        if _is_entry(node):
            if isinstance(node.get("confidence"), int | float):
                found.append(float(node["confidence"]))
        elif isinstance(node, dict):
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(field_metadata)
    return sum(found) / len(found) if found else None


def required_paths(schema: dict[str, Any], prefix: str = "") -> list[str]:
    """The paths of required fields: a required object's own required fields, not those inside arrays."""
    out = []
    properties = schema.get("properties") or {}
    for key in schema.get("required") or []:
        child = properties.get(key) or {}
        path = f"{prefix}.{key}" if prefix else key
        if child.get("type") == "object" and child.get("properties"):
            out.extend(required_paths(child, path))
        else:
            out.append(path)
    return out


def flags(result: Any, field_metadata: Any, schema: dict[str, Any], *, confidence_below: float | None,
          required_empty: bool, ungrounded: bool) -> list[str]:
    """Why a result needs a person: `low_confidence:<path>`, `required_empty:<path>`, `ungrounded:<path>`."""
    out = []
    for path, value, entry in leaves(result, field_metadata):
        confidence = (entry or {}).get("confidence")
        if confidence_below is not None and isinstance(confidence, int | float) and confidence < confidence_below:
            out.append(f"low_confidence:{path}")
        if ungrounded and value is not None and (entry or {}).get("grounding", "none") == "none":
            out.append(f"ungrounded:{path}")
    if required_empty:
        for path in required_paths(schema):
            if get_at(result, parse_path(path)) in (None, "", []):
                out.append(f"required_empty:{path}")
    return out


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """An object's scalar leaves by dotted path; arrays are left to `rows`."""
    out: dict[str, Any] = {}
    for key, item in (value or {}).items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(item, dict):
            out.update(flatten(item, path))
        elif not isinstance(item, list):
            out[path] = item
    return out


def rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """A result as table rows: its scalars on every row, and one row per item of its arrays (the n-th
    row holds the n-th item of each array, as `array.field`)."""
    base = flatten(result)
    arrays = _arrays(result)
    height = max((len(items) for items in arrays.values()), default=0)
    out = []
    for n in range(max(height, 1)):
        row = dict(base)
        for path, items in arrays.items():
            if n < len(items):
                item = items[n]
                row.update(flatten(item, path) if isinstance(item, dict) else {path: item})
        out.append(row)
    return out


def _arrays(value: dict[str, Any], prefix: str = "") -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for key, item in (value or {}).items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(item, list):
            out[path] = item
        elif isinstance(item, dict):
            out.update(_arrays(item, path))
    return out
