"""What a running process (API or worker) holds: settings, the database and the blob store, opened once."""

from __future__ import annotations

from dataclasses import dataclass

from assay.config import Settings
from assay.storage.blobs import BlobStore
from assay.storage.db import Database


@dataclass
class Runtime:
    settings: Settings
    db: Database
    blobs: BlobStore

    @classmethod
    def open(cls, settings: Settings) -> Runtime:
        db = Database(settings.resolved_database_url(), pool_size=settings.db_pool_size)
        db.migrate()
        return cls(settings=settings, db=db, blobs=BlobStore(settings.resolved_storage_url()))

    def close(self) -> None:
        self.db.dispose()
