"""The generalization bench: documents unlike the dev set, to measure how the engine generalizes.

    python bench/generate_cases.py                # → bench/out/gen/{develop,frozen}/ (gitignored)
    python bench/accuracy.py --report             # dev, develop, frozen and realdev side by side

Each case folder has the dev set's format (see /work/shared/bench/README.md): document.pdf / .png /
.jpg, schema.json, config.json, expected.json and evidence.json, plus index.jsonl per split, so that
score.py scores it unchanged. Evidence boxes are where the generator drew each string (the 1-em line
box, top-left origin, in points; one box per line for wrapped values; tick box plus label for tick
boxes; mapped through the rotation for scans).

What varies, and what the dev set lacks: label, column-header and heading wordings (words.py,
words_forms.py: written once from business documents of many countries, not from the dev set or
the engine's synonym table), arrangements (label above / left / with dot leaders, boxed strips,
sidebars, single-line letterheads, column orders, tables with and without rulings, header case,
tick boxes drawn as ☒ ■ ◉ ✔ [x] (•) _X_ or as vector boxes and radio buttons), country formats of
numbers, dates, addresses and currencies (locales.py), genuinely absent fields (expected null), and
three families the dev set has no schema for (utility bills, payslips, delivery notes; schemas/).
The dev set's eight families use its schemas exactly (schemas/*.json are copies).

The split. `develop` may be looked at case by case while the engine is improved; `frozen` is only
ever scored as one number (accuracy.py prints nothing else for it). To make frozen unlike develop,
not merely other seeds, every list of alternatives the generator draws from is split in two by one
fixed rule: develop draws only from the entries at even positions, frozen only from those at odd
positions (`pick.half`). That covers the wordings, the arrangements, the fonts and page sizes, the
number/date/money formats and the made-up names and goods. Countries are split the same way, so a
country's own lists (its date formats, tax labels, address style) belong to one split whole: develop
prints US, German, Swiss, Dutch, Austrian, Indian and Singaporean documents; frozen British, Canadian,
Australian, French, Irish, Belgian and South African ones. tests/test_bench_generator.py checks that
no module-level list has an entry (compared case-insensitively) in both halves.

The freezing rule. The lists are frozen: append-only. Reordering or deleting an entry moves other
entries between the halves and changes both splits; appending adds to one half. The seeds are the
split, the case kind and its number (`build.jobs`), so the same command writes the same bytes.
Changing a list or a builder changes the cases: do it only to fix a generator bug, never to make
the engine score better, and never by looking at frozen cases.
"""
