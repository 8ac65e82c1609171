"""Where the parse cache keeps things: a `parse_cache` row per parse in the database, the parse itself
(the document model as JSON) in the blob store. What the cache means is `assay.pipeline.parse`."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from assay.pipeline.parse import StoredFile
from assay.storage import tables
from assay.storage.blobs import BlobStore
from assay.storage.db import Database


class StoredParses:
    """The `assay.pipeline.parse.ParseStore` of a database and a blob store."""

    def __init__(self, db: Database, blobs: BlobStore) -> None:
        self.db = db
        self.blobs = blobs

    def file(self, file_id: str) -> StoredFile | None:
        with self.db.session(read_only=True) as session:
            record = session.get(tables.File, file_id)
            return None if record is None else StoredFile(record.name, record.sha256, record.blob_key)

    def read(self, file: StoredFile) -> bytes:
        return self.blobs.read(file.blob_key)

    def cached(self, key: str) -> bytes | None:
        with self.db.session(read_only=True) as session:  # reading never waits on SQLite's write lock
            row = session.get(tables.ParseCache, key)
        if row is None or not self.blobs.exists(row.blob_key):
            return None
        return self.blobs.read(row.blob_key)

    def keep(self, key: str, parse: bytes, page_count: int) -> None:
        blob_key = f"parse-cache/{key}.json"
        self.blobs.put_bytes(blob_key, parse)
        try:
            with self.db.session() as session:
                if session.get(tables.ParseCache, key) is None:
                    session.add(tables.ParseCache(key=key, blob_key=blob_key, page_count=page_count))
        except IntegrityError:
            pass  # another worker cached the same parse a moment ago
