"""The JSON API against its own OpenAPI document (schemathesis): no request, however odd, makes
the server fail with a 5xx, and every response has a documented status code. Examples are drawn
per operation with Hypothesis (a bounded number of valid and of invalid requests), without
schemathesis's pytest plugin."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
import schemathesis
from conftest import IN_PROCESS
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import status_code_conformance

from storyline.web.app import create_app

TOKEN = "schema-token"
EXAMPLES_PER_OPERATION = 25


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory, built_db: Path) -> object:
    db = tmp_path_factory.mktemp("schema-store") / "stories.db"
    shutil.copyfile(built_db, db)  # POST examples write to this copy
    return schemathesis.openapi.from_asgi(
        "/openapi.json", create_app(db, token=TOKEN, settings=IN_PROCESS)
    )


def test_the_api_never_fails_and_answers_as_documented(api_schema: object) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]  # type: ignore[attr-defined]
    assert {f"{op.method.upper()} {op.path}" for op in operations} >= {
        "GET /api/stories",
        "GET /api/stories/{story_id}",
        "GET /api/articles/{article_id}",
        "POST /api/articles",
    }
    for operation, mode in itertools.product(operations, GenerationMode):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: object) -> None:
            case.call_and_validate(  # type: ignore[attr-defined]
                headers={"Authorization": f"Bearer {TOKEN}"},
                checks=[not_a_server_error, status_code_conformance],
            )

        try:
            check()
        except Unsatisfiable:
            # No invalid request exists for this operation (any string is a valid id).
            assert mode is GenerationMode.NEGATIVE, operation.path
