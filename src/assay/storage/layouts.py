"""Where remembered layouts are kept and found (what they mean: `assay.pipeline.recall`).

A document's layout is found in two steps: the rows of `layout_bands` that share a band with the
document's fingerprint name a few candidate layouts of the project and schema (one indexed query,
however many layouts are remembered); of those, the one whose signature agrees most with the
document's, if its fixed-word tokens are at least `fingerprint.SAME` alike (Jaccard), is the match. Only
the candidates' signatures and tokens are read, in the same query; the matched layout's memory (its places)
is read after, by its id (`find_memory`).
"""

from __future__ import annotations

from sqlalchemy import Select, bindparam, delete, func, select
from sqlalchemy.orm import Session

from assay.pipeline import fingerprint as F
from assay.pipeline.recall import Memory
from assay.storage import tables

CANDIDATES = 8


def match(session: Session, project_id: str, schema_key: str, fp: F.Fingerprint) -> tables.Layout | None:
    """The project's remembered layout (for this schema) that the fingerprint `fp` belongs to, if any."""
    layout_id = match_id(session, project_id, schema_key, fp)
    return session.get(tables.Layout, layout_id) if layout_id is not None else None


def match_id(session: Session, project_id: str, schema_key: str, fp: F.Fingerprint) -> str | None:
    """`match`'s layout id, in one indexed query: the few layouts sharing most bands with `fp`, with only
    their signatures and tokens (not their places), of which the one whose signature agrees most is kept."""
    rows = session.execute(_CANDIDATES, {"project_id": project_id, "schema_key": schema_key,
                                         "bands": fp.bands}).all()
    if not rows:
        return None
    layout_id, sig, tokens = max(rows, key=lambda row: F.estimate(row[1], fp.signature))
    if F.estimate(sig, fp.signature) < F.SAME - 0.15 or F.jaccard(tokens, fp.tokens) < F.SAME:
        return None
    return layout_id


def find_memory(session: Session, project_id: str, schema_key: str, fp: F.Fingerprint) -> Memory | None:
    """What the pipeline reads of the layout `fp` matches: `match_id`, then only the memory's own columns."""
    layout_id = match_id(session, project_id, schema_key, fp)
    if layout_id is None:
        return None
    row = session.execute(_MEMORY, {"layout_id": layout_id}).one_or_none()
    return Memory(layout_id, list(row[0]), dict(row[1]), list(row[2]), dict(row[3])) if row is not None else None


def _candidates() -> Select:
    B, L = tables.LayoutBand, tables.Layout
    near = (select(B.layout_id).where(B.project_id == bindparam("project_id"), B.schema_key == bindparam("schema_key"),
                                      B.band.in_(bindparam("bands", expanding=True)))
            .group_by(B.layout_id).order_by(func.count().desc()).limit(CANDIDATES).subquery())
    return select(L.id, L.signature, L.tokens).join(near, L.id == near.c.layout_id)


_CANDIDATES = _candidates()  # built once: a lookup only binds its values
_MEMORY = select(tables.Layout.fixed_words, tables.Layout.places, tables.Layout.sums,
                 tables.Layout.conventions).where(tables.Layout.id == bindparam("layout_id"))


def memory(layout: tables.Layout) -> Memory:
    return Memory(layout.id, list(layout.fixed_words), dict(layout.places), list(layout.sums),
                  dict(layout.conventions))


def save(session: Session, layout: tables.Layout) -> None:
    """Add or update `layout` and index its bands."""
    session.add(layout)
    session.flush()
    session.execute(delete(tables.LayoutBand).where(tables.LayoutBand.layout_id == layout.id))
    session.add_all(tables.LayoutBand(layout_id=layout.id, band=band, project_id=layout.project_id,
                                      schema_key=layout.schema_key) for band in F.bands(layout.signature))
    session.flush()


def remove(session: Session, layout: tables.Layout) -> None:
    session.execute(delete(tables.LayoutBand).where(tables.LayoutBand.layout_id == layout.id))
    session.delete(layout)
    session.flush()
