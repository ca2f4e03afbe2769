"""The API's documentation page, generated from its own OpenAPI schema so
that it cannot drift from what the endpoints really accept."""

from django.conf import settings
from django.shortcuts import render

from .api import api


def _type_of(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(
            _type_of(s) for s in schema["anyOf"] if s.get("type") != "null"
        )
    kind = schema.get("type", "")
    if schema.get("format") == "date":
        return "date"
    return {"integer": "entier", "string": "texte"}.get(kind, kind)


def _bounds(schema: dict) -> str:
    parts = []
    if "minimum" in schema:
        parts.append(f"≥ {schema['minimum']}")
    if "maximum" in schema:
        parts.append(f"≤ {schema['maximum']}")
    if "maxLength" in schema:
        parts.append(f"{schema['maxLength']} caractères au plus")
    return ", ".join(parts)


def endpoints(schema: dict) -> list[dict]:
    rows = []
    for url, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            parameters = []
            for parameter in operation.get("parameters", []):
                detail = parameter.get("schema", {})
                parameters.append(
                    {
                        "name": parameter["name"],
                        "where": parameter["in"],
                        "type": _type_of(detail),
                        "required": parameter.get("required", False),
                        "default": detail.get("default"),
                        "bounds": _bounds(detail),
                        "description": parameter.get("description")
                        or detail.get("description", ""),
                    }
                )
            rows.append(
                {
                    "method": method.upper(),
                    "path": url,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": parameters,
                    "id": operation.get("operationId", ""),
                }
            )
    return rows


def documentation(request):
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    limit, seconds = settings.QUARTIERS_RATE_LIMITS["api"]
    return render(
        request,
        "api/documentation.html",
        {
            "endpoints": endpoints(schema),
            "schema_url": request.build_absolute_uri("/api/v1/openapi.json"),
            "base_url": request.build_absolute_uri("/api/v1"),
            "rate_limit": limit,
            "rate_seconds": seconds,
        },
    )
