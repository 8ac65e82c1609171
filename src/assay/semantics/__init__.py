"""Meaning of short texts, for the engines: is this printed label the schema's `total`?

`embed` turns phrases into vectors with a small sentence encoder shipped on PyPI (no download at run
time); `match` scores a printed phrase against a field's name, title and description, with the
encoder when it is installed and on lexical evidence alone when it is not. A leaf: it imports nothing
of Assay's but, at most, the domain.
"""
