"""Every error a user can cause, one tree. Each class's docstring is its default message and
`code` is the stable machine-readable name. HTTP status codes live only in `assay.api.errors`.

* AssayError
  + NotFoundError          an id that does not exist, or belongs to another project
  + AuthError              missing, unknown or revoked API key
  + InvalidRequestError    a request that can never succeed as sent (bad field combination, bad page range)
    - SchemaError          a data_schema Assay cannot use; `problems` lists each one
    - InvalidFieldError    one field's value is not allowed (unknown enum value, empty list)
    - WebhookAddressError  a webhook URL this server will not deliver to (private, loopback, metadata host)
    - WebhookEventError    a webhook event name that no job emits (not in the SDK's event enum)
  + ConflictError          the object is in a state that forbids the operation (cancel a finished job)
  + PayloadTooLargeError   an upload or body over the configured limit
  + RateLimitedError       too many requests for one key
  + DocumentError          a document that cannot be read
    - UnsupportedFormatError  a type Assay has no parser for
    - EncryptedDocumentError  a password-protected document
    - DocumentTooLargeError   over the page or pixel limits
    - OcrUnavailableError     a page needs OCR and Tesseract is not installed
  + EngineError            the extraction backend failed (model unreachable, invalid output, ...)
  + JobCancelledError      raised inside a worker when its job was cancelled
  + LeaseLostError         a worker's lease was taken over: its late write is refused
"""

from __future__ import annotations


class AssayError(Exception):
    """Assay could not complete the request."""

    code = "error"

    def __init__(self, message: str | None = None) -> None:
        self.message = message or (self.__doc__ or "").strip().splitlines()[0]
        super().__init__(self.message)


class NotFoundError(AssayError):
    """Not found."""

    code = "not_found"


class AuthError(AssayError):
    """Invalid or missing API key: send `Authorization: Bearer <key>`."""

    code = "unauthorized"


class InvalidRequestError(AssayError):
    """The request is invalid."""

    code = "invalid_request"


class SchemaError(InvalidRequestError):
    """The data_schema is invalid."""

    code = "invalid_schema"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Invalid data_schema: " + "; ".join(problems))


class InvalidFieldError(InvalidRequestError):
    """A field has a value that is not allowed."""

    code = "invalid_field"


class WebhookAddressError(InvalidRequestError):
    """This server does not deliver webhooks to this address."""

    code = "webhook_address_refused"


class WebhookEventError(InvalidRequestError):
    """Unknown webhook event name."""

    code = "unknown_webhook_event"


class ConflictError(AssayError):
    """The object's state does not allow this operation."""

    code = "conflict"


class PayloadTooLargeError(AssayError):
    """The upload is larger than the configured limit."""

    code = "payload_too_large"


class RateLimitedError(AssayError):
    """Too many requests; retry later."""

    code = "rate_limited"

    def __init__(self, message: str | None = None, retry_after: float = 1.0) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class DocumentError(AssayError):
    """The document could not be read."""

    code = "document_error"


class UnsupportedFormatError(DocumentError):
    """This file type is not supported."""

    code = "unsupported_format"


class EncryptedDocumentError(DocumentError):
    """The document is password-protected."""

    code = "encrypted_document"


class DocumentTooLargeError(DocumentError):
    """The document exceeds the page or pixel limits."""

    code = "document_too_large"


class OcrUnavailableError(DocumentError):
    """This page has no text layer and needs OCR, but Tesseract is not installed (Debian/Ubuntu: apt-get install tesseract-ocr)."""  # noqa: E501 (the first line is the message)

    code = "ocr_unavailable"


class EngineError(AssayError):
    """The extraction engine failed."""

    code = "engine_error"


class JobCancelledError(AssayError):
    """The job was cancelled."""

    code = "cancelled"


class LeaseLostError(AssayError):
    """This worker no longer holds the job's lease."""

    code = "lease_lost"
