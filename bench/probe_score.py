"""The scoring loop the probes share (bench/*_probe.py): make each seed's document, read it, compare field by
field, and print the share right, the failures per field and per (field, arrangement, wording); and the values
read with a list's items among them, each item one field (ListRead).

`--scan` after the seeds reads each PDF as a scan instead (`scanned`): the pages printed, then scanned at 150 to
300 dpi a little askew on greyish paper, with blur, noise and JPEG's blocks, as an image-only PDF the engine has
to OCR. The simulation is written apart from the generalization generator's (bench/gen/scan.py): its own
resolutions, angles, paper and compression."""

from __future__ import annotations

import collections
import io
import random
import sys
from collections.abc import Callable

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter


def report(make: Callable[[int], tuple[bytes, dict, dict]], read: Callable[..., dict],
           wording: Callable[[str, dict], str | None], with_choices: bool = False) -> None:
    """`make(seed)` gives (PDF, expected values, the choices made, "style" among them); `read(pdf)` the values the
    engine read, under the expected values' keys (`read(data, choices)` with `with_choices`: a file that is no PDF
    needs its name); `wording(key, choices)` the wording a failure is counted under.
    Seeds and -v (print each failure) come from the command line: FIRST LAST [-v]."""
    first, last = int(sys.argv[1]), int(sys.argv[2])
    fails, fields = collections.Counter(), 0
    by_choice: collections.Counter = collections.Counter()
    for seed in range(first, last):
        pdf, expected, choices = make(seed)
        if "--scan" in sys.argv and pdf.startswith(b"%PDF"):
            pdf = scanned(pdf, seed)
        got = read(pdf, choices) if with_choices else read(pdf)
        for k, v in expected.items():
            fields += 1
            if got[k] == v:
                continue
            name = k.rstrip("0123456789") or k  # "tx3": one of a list's items, counted under the list
            fails[name] += 1
            by_choice[(name, choices["style"], wording(k, choices))] += 1
            if "-v" in sys.argv:
                print(seed, k, "expected", v, "got", got[k], choices["style"], choices.get("date", ""))
    print(f"fields right {1 - sum(fails.values()) / fields:.3f} of {fields}")
    print("failures by field", dict(fails))
    for (k, style, said), n in by_choice.most_common(40):
        print(n, k, style, said)


def scanned(pdf: bytes, seed: int) -> bytes:
    """`pdf` printed and scanned (see the module docstring): an image-only PDF of the same page sizes."""
    rng = random.Random(f"scan/{seed}")
    dpi = rng.choice((150, 200, 240, 300))
    angle = rng.uniform(-1.8, 1.8)
    paper, ink = rng.uniform(225, 250), rng.uniform(0, 50)
    noise = np.random.default_rng(seed)
    document = pdfium.PdfDocument(pdf)
    pages = []
    for page in document:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.9) * dpi / 200))
        pixels = ink + np.asarray(image, dtype=np.float32) * (paper - ink) / 255
        pixels += noise.normal(0.0, rng.uniform(3.0, 10.0), pixels.shape)
        compressed = io.BytesIO()
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(compressed, "JPEG",
                                                                       quality=rng.randint(45, 85))
        pages.append(Image.open(compressed))
    document.close()
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out.getvalue()


class ListRead(dict):
    """The values read, where a key of `prefix` and a number ("item3") stands for one of a list's items: it gives a
    value equal to its expected tuple when the engine read that tuple anywhere in the list."""

    def __init__(self, got: dict, read: list[tuple], prefix: str) -> None:
        super().__init__(got)
        self.read, self.prefix = read, prefix

    def __getitem__(self, key: str):
        if key.startswith(self.prefix) and key[len(self.prefix):].isdigit():
            return _Among(self.read, int(key[len(self.prefix):]))
        return super().__getitem__(key)


class _Among:
    def __init__(self, read: list[tuple], n: int) -> None:
        self.read, self.n = read, n

    def __eq__(self, other: object) -> bool:
        return other in self.read

    def __repr__(self) -> str:
        return repr(self.read[self.n]) if self.n < len(self.read) else "(none)"
