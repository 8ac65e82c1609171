from __future__ import annotations

import io
import zipfile

import pytest

from assay.errors import InvalidRequestError, UnsupportedFormatError
from assay.parsers import SUPPORTED_TYPES, parse_document, parse_page_selection, sniff_mime


@pytest.mark.parametrize(
    ("spec", "max_pages", "count", "expected"),
    [
        pytest.param(None, None, 3, [1, 2, 3], id="all"),
        pytest.param("1,3,5-7", None, 10, [1, 3, 5, 6, 7], id="list-and-range"),
        pytest.param("5-7, 3,3,1", None, 10, [1, 3, 5, 6, 7], id="sorted-deduped"),
        pytest.param("2-100", None, 4, [2, 3, 4], id="beyond-end-ignored"),
        pytest.param("1-10", 2, 10, [1, 2], id="max-pages-first-n"),
        pytest.param(None, 2, 5, [1, 2], id="max-pages-alone"),
    ],
)
def test_page_selection_picks_sorted_pages(spec, max_pages, count, expected):
    assert parse_page_selection(spec, max_pages, count) == expected


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        pytest.param("1,a", "not a page number", id="malformed"),
        pytest.param("5-2", "reversed", id="reversed"),
        pytest.param("0", "numbered from 1", id="zero"),
        pytest.param("-1", "numbered from 1", id="negative"),
        pytest.param("1,,2", "empty", id="empty-entry"),
        pytest.param("9-12", "selects no page of this 3-page document", id="nothing-left"),
    ],
)
def test_page_selection_rejects_with_reason(spec, reason):
    with pytest.raises(InvalidRequestError, match=reason):
        parse_page_selection(spec, None, 3)


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "mime"),
    [
        pytest.param(b"%PDF-1.7\n...", "x.txt", "application/pdf", id="pdf-despite-extension"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"\0" * 20, None, "image/png", id="png"),
        pytest.param(b"\xff\xd8\xff\xe0" + b"\0" * 20, None, "image/jpeg", id="jpeg"),
        pytest.param(b"II*\x00" + b"\0" * 20, None, "image/tiff", id="tiff"),
        pytest.param(b"RIFF\0\0\0\0WEBPVP8 ", None, "image/webp", id="webp"),
        pytest.param(_zip(["[Content_Types].xml", "word/document.xml"]), "a.bin",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", id="docx"),
        pytest.param(_zip(["[Content_Types].xml", "xl/workbook.xml"]), None,
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", id="xlsx"),
        pytest.param(_zip(["[Content_Types].xml", "ppt/presentation.xml"]), None,
                     "application/vnd.openxmlformats-officedocument.presentationml.presentation", id="pptx"),
        pytest.param(b"<!DOCTYPE html><html><body>hi</body></html>", None, "text/html", id="html"),
        pytest.param(b"From: a@b.c\nTo: d@e.f\nSubject: hi\n\nbody", None, "message/rfc822", id="eml"),
        pytest.param(b"a,b,c\n1,2,3\n4,5,6\n", None, "text/csv", id="csv"),
        pytest.param(b"# Title\n\nSome *text*.\n", None, "text/markdown", id="markdown"),
        pytest.param(b"Just some words.\nAnother line.\n", None, "text/plain", id="text"),
        pytest.param(b"Just words", "notes.md", "text/markdown", id="extension-fallback-for-text"),
    ],
)
def test_sniffing_reads_content_first(data, filename, mime):
    assert sniff_mime(data, filename) == mime


def test_unknown_binary_is_unsupported_and_lists_types():
    with pytest.raises(UnsupportedFormatError) as info:
        parse_document(b"\x00\x01\x02\x03garbage\x00\xff" * 20, filename="x.bin")
    assert SUPPORTED_TYPES in info.value.message


def test_plain_zip_is_unsupported():
    with pytest.raises(UnsupportedFormatError, match="ZIP"):
        sniff_mime(_zip(["a.txt"]))
