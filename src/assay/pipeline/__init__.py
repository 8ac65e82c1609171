"""The data flow of one job, one step per module, one public function per step (flow order):

    ② parse.py        bytes → Document (`parse_bytes`), or the cached parse of a stored file (`parse_cached`)
    ③ extract.py      the engine proposes values (`propose`), fitted to the schema (`conform_result`)
    ④ ground.py       where each value is printed (`ground_value`): page, words, boxes, how exactly
    ⑤ confidence.py   how far to trust each value: calibrated from the engine's signals and its grounding
    ⑥ validate.py     the result checked against the user's schema (`validate`)

`run.extract_document` runs ③–⑥ on a parsed document, in that order (`metadata.field_metadata` walks
the result and grounds and scores each leaf). The worker (`assay.jobqueue.run`) and the in-process
API (`assay.local`) each parse, then call it. The pipeline never touches storage, the queue or the
API (the layers contract in pyproject.toml): the parse cache reaches its storage through a port.

`propose_schema.py` is the one use of the pipeline outside a job: a draft schema from a document.
"""
