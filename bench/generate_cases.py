#!/usr/bin/env python3
"""Generate the generalization bench's develop and frozen cases (bench/gen; see its docstring).

    python bench/generate_cases.py [--out bench/out/gen] [--split develop|frozen|both] [--jobs 2] [--fresh N]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from gen.build import main

    sys.exit(main())
