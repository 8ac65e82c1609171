"""The blob store: a local folder by default, any fsspec URL (s3://bucket/prefix, ...) at scale."""

from __future__ import annotations

import hashlib
import shutil
from typing import IO, Any

import fsspec

from assay.errors import PayloadTooLargeError

CHUNK = 1024 * 1024


class BlobStore:
    def __init__(self, url: str, **storage_options: Any) -> None:
        self.fs, root = fsspec.core.url_to_fs(url, **storage_options)
        self.root = root.rstrip("/")
        self.is_local = "file" in _protocols(self.fs)
        if self.is_local:
            self.fs.makedirs(self.root, exist_ok=True)

    def _path(self, key: str) -> str:
        if ".." in key.split("/") or key.startswith("/"):
            raise ValueError(f"bad blob key {key!r}")
        return f"{self.root}/{key}"

    def put_stream(self, key: str, source: IO[bytes], *, max_bytes: int | None = None) -> tuple[int, str]:
        """Copy `source` to `key` chunk by chunk; returns (size, sha256). Nothing is left behind on error."""
        path = self._path(key)
        digest = hashlib.sha256()
        size = 0
        if self.is_local:
            self.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        try:
            with self.fs.open(path, "wb") as target:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise PayloadTooLargeError(f"The upload is larger than the limit of {max_bytes} bytes.")
                    digest.update(chunk)
                    target.write(chunk)
        except BaseException:
            self.delete(key)
            raise
        return size, digest.hexdigest()

    def put_bytes(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if self.is_local:
            self.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        with self.fs.open(path, "wb") as target:
            target.write(data)

    def read(self, key: str) -> bytes:
        with self.fs.open(self._path(key), "rb") as source:
            return source.read()

    def open(self, key: str) -> IO[bytes]:
        return self.fs.open(self._path(key), "rb")

    def copy_to(self, key: str, target: IO[bytes]) -> None:
        with self.open(key) as source:
            shutil.copyfileobj(source, target, CHUNK)

    def delete(self, key: str) -> None:
        try:
            self.fs.rm(self._path(key))
        except FileNotFoundError:
            pass

    def exists(self, key: str) -> bool:
        return bool(self.fs.exists(self._path(key)))

    def check(self) -> None:
        """Raise if the store cannot be reached (used by /ready)."""
        try:
            self.fs.ls(self.root, refresh=True)
        except FileNotFoundError:
            if self.is_local:
                raise
            self.fs.ls(self.root.split("/", 1)[0], refresh=True)  # an empty prefix of a bucket that exists


def _protocols(fs: Any) -> set[str]:
    protocol = fs.protocol
    return {protocol} if isinstance(protocol, str) else set(protocol)
