"""PDFium is not thread-safe: every call into it from this process happens under this one lock.

Workers, request threads (page images, upload page counts) and the parser all take it, so two
threads never run PDFium at once. OCR subprocesses run outside PDFium and are not limited by it.
"""

import threading

LOCK = threading.RLock()
