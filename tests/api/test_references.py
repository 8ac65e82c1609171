"""A create body that names a saved object which does not exist is refused at once (404, `not_found`),
never run without it: every reference an extract or parse job, or a saved configuration, can carry."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from llama_cloud import NotFoundError

from tests.conftest import LiveServer
from tests.documents import INVOICE_SCHEMA, invoice_pdf

PARSE = {"product_type": "parse_v2", "tier": "fast", "version": "latest"}
MISSING_FILE = "dfl-00000000-0000-0000-0000-000000000000"


def _refused(call: Callable[[], object], names: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        call()
    assert caught.value.body["code"] == "not_found"
    assert names in caught.value.body["detail"]


def test_extract_jobs_refuse_every_missing_reference(api_server: LiveServer) -> None:
    client = api_server.sdk()
    file_id = client.files.create(file=("i.pdf", invoice_pdf(), "application/pdf"), purpose="extract").id
    extract_cfg = client.configurations.create(
        name="inv", parameters={"product_type": "extract_v2", "data_schema": INVOICE_SCHEMA}).id
    parse_cfg = client.configurations.create(name="fast", parameters=PARSE).id
    config = {"data_schema": INVOICE_SCHEMA}

    _refused(lambda: client.extract.create(file_input=MISSING_FILE, configuration=config), MISSING_FILE)
    _refused(lambda: client.extract.create(file_input="pjb-nope", configuration=config), "pjb-nope")
    _refused(lambda: client.extract.create(file_input=file_id, configuration_id="cfg-nope"), "cfg-nope")
    _refused(lambda: client.extract.create(file_input=file_id, configuration_id=parse_cfg), parse_cfg)
    _refused(lambda: client.extract.create(file_input=file_id, configuration={**config, "parse_config_id": "cfg-x"}),
             "cfg-x")
    _refused(lambda: client.extract.create(  # a saved extract configuration is not a parse configuration
        file_input=file_id, configuration={**config, "parse_config_id": extract_cfg}), extract_cfg)
    _refused(lambda: client.extract.create(file_input=file_id, configuration=config,
                                           webhook_configuration_ids=["whc-nope"]), "whc-nope")
    assert list(client.extract.list()) == []

    job = client.extract.create(file_input=file_id, configuration={**config, "parse_config_id": parse_cfg})
    assert job.status == "PENDING"


def test_saved_configurations_refuse_a_missing_parse_configuration(api_server: LiveServer) -> None:
    client = api_server.sdk()
    file_id = client.files.create(file=("i.pdf", invoice_pdf(), "application/pdf"), purpose="extract").id
    parse_cfg = client.configurations.create(name="fast", parameters=PARSE).id
    params = {"product_type": "extract_v2", "data_schema": INVOICE_SCHEMA}
    _refused(lambda: client.configurations.create(name="a", parameters={**params, "parse_config_id": "cfg-x"}),
             "cfg-x")
    saved = client.configurations.create(name="a", parameters={**params, "parse_config_id": parse_cfg}).id
    _refused(lambda: client.configurations.update(saved, parameters={**params, "parse_config_id": "cfg-y"}),
             "cfg-y")
    client.configurations.delete(parse_cfg)  # the saved extract configuration now names a missing one
    _refused(lambda: client.extract.create(file_input=file_id, configuration_id=saved), parse_cfg)
    assert client.configurations.update(saved, name="renamed").name == "renamed"  # a rename names nothing new


def test_parse_jobs_refuse_every_missing_reference(api_server: LiveServer) -> None:
    client = api_server.sdk()
    file_id = client.files.create(file=("i.pdf", invoice_pdf(), "application/pdf"), purpose="parse").id
    parse_cfg = client.configurations.create(name="fast", parameters=PARSE).id
    _refused(lambda: client.parsing.create(tier="fast", version="latest", file_id=MISSING_FILE), MISSING_FILE)
    _refused(lambda: client.parsing.create(tier="fast", version="latest", file_id=file_id,
                                           configuration_id="cfg-nope"), "cfg-nope")
    _refused(lambda: client.parsing.create(tier="fast", version="latest", file_id=file_id,
                                           webhook_configuration_ids=["whc-nope"]), "whc-nope")
    assert list(client.parsing.list()) == []
    job = client.parsing.create(tier="fast", version="latest", file_id=file_id, configuration_id=parse_cfg)
    assert job.status == "PENDING"
