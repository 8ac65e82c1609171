"""Where remembered layouts are kept and found (what they mean: `assay.pipeline.recall`).

A document's layout is found in two steps: the rows of `layout_bands` that share a band with the
document's fingerprint name a few candidate layouts of the project and schema (one indexed query,
however many layouts are remembered); of those, the one whose signature agrees most with the
document's, if its fixed-word tokens are at least `fingerprint.SAME` alike (Jaccard), is the match.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from assay.pipeline import fingerprint as F
from assay.pipeline.recall import Memory
from assay.storage import tables

CANDIDATES = 8


def match(session: Session, project_id: str, schema_key: str, fp: F.Fingerprint) -> tables.Layout | None:
    """The project's remembered layout (for this schema) that the fingerprint `fp` belongs to, if any."""
    B, L = tables.LayoutBand, tables.Layout
    shared = func.count().label("shared")
    candidates = (select(B.layout_id).where(B.project_id == project_id, B.schema_key == schema_key,
                                             B.band.in_(fp.bands))
                  .group_by(B.layout_id).order_by(shared.desc()).limit(CANDIDATES))
    signatures = session.execute(select(L.id, L.signature).where(L.id.in_(candidates.scalar_subquery()))).all()
    if not signatures:
        return None
    layout_id, sig = max(signatures, key=lambda row: F.estimate(row[1], fp.signature))
    if F.estimate(sig, fp.signature) < F.SAME - 0.15:
        return None
    layout = session.get(L, layout_id)
    return layout if layout is not None and F.jaccard(layout.tokens, fp.tokens) >= F.SAME else None


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
