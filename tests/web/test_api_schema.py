"""The JSON API against its own OpenAPI document (schemathesis): no request, however odd, makes
the server fail with a 5xx, and every response matches the schema's status codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from storyline.web.app import create_app

TOKEN = "schema-token"


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory, built_db: Path) -> object:
    db = tmp_path_factory.mktemp("schema-store") / "stories.db"
    shutil.copyfile(built_db, db)  # POST examples write to this copy
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db, token=TOKEN))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_never_fails_and_answers_as_documented(case: object) -> None:
    case.call_and_validate(  # type: ignore[attr-defined]
        headers={"Authorization": f"Bearer {TOKEN}"},
        checks=[not_a_server_error, status_code_conformance],
    )
