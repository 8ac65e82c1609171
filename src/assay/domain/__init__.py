"""The domain: what every other layer shares, with no I/O and nothing else of Assay's (but `errors`).

* document  the parsed document: pages, words, lines, blocks, tables, boxes
* schema    the user's data_schema, validated and normalized into one spelling
* fields    the schema seen as fields to fill (`Field`), the document's reading conventions
            (`ReadContext`) and `read_scalar`, which reads a printed text as a field's type
* values    printed text as typed values: numbers, dates, times, booleans, enums, currencies
* labels    how a field may be labelled on paper, and how well a printed phrase matches it
* job       job kinds, statuses and the legal moves between them
* tiers     the extract and parse tiers, and their credits per page
"""
