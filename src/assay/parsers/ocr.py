"""OCR (to be filled)."""
def require_tesseract(): raise NotImplementedError
def worker_count(): return 1
def recognise_many(images, dpi): raise NotImplementedError
