"""Limits that protect the server from huge or hostile inputs."""

from __future__ import annotations

import io
import zipfile

from assay.errors import DocumentError, DocumentTooLargeError

MAX_IMAGE_PIXELS = 80_000_000  # ~ an A4 page at 1,200 dpi; bigger images are refused, not decoded
MAX_ZIP_UNCOMPRESSED = 512 * 1024 * 1024
MAX_ZIP_RATIO = 200  # uncompressed / compressed, per member, beyond which a member is a bomb
MAX_ZIP_MEMBERS = 20_000


def check_page_count(selected: int, max_page_count: int | None) -> None:
    if max_page_count is not None and selected > max_page_count:
        raise DocumentTooLargeError(
            f"{selected} pages selected; this server parses at most {max_page_count} pages per document"
        )


def check_pixels(width: int, height: int) -> None:
    if width * height > MAX_IMAGE_PIXELS:
        raise DocumentTooLargeError(
            f"image is {width}×{height} pixels; the limit is {MAX_IMAGE_PIXELS:,} pixels"
        )


def checked_zip(data: bytes) -> zipfile.ZipFile:
    """Open an OOXML package after checking its directory for zip-bomb sizes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(f"The document is a damaged ZIP package ({exc})") from exc
    if len(infos) > MAX_ZIP_MEMBERS:
        raise DocumentTooLargeError(f"the package has {len(infos):,} parts")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 10 * 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise DocumentTooLargeError(
                f"part {info.filename} expands {info.file_size // max(info.compress_size, 1)}× (a zip bomb?)"
            )
    if total > MAX_ZIP_UNCOMPRESSED:
        raise DocumentTooLargeError(
            f"the package expands to {total:,} bytes; the limit is {MAX_ZIP_UNCOMPRESSED:,}"
        )
    return archive
