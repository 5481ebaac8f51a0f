"""The one exception tree of newsgraph, each class carrying the HTTP status it maps to.

The server renders every ``NewsgraphError`` through a single handler, and the CLI turns
each into a message and an exit code, so a new failure mode needs only a new class here::

    NewsgraphError (500)
    ├── ConfigError (500)             a setting has an unusable value
    ├── InputError (400)              input that cannot be read at all
    │   ├── ConversionError (422)     an article that cannot be turned into RDF
    │   ├── RDFSyntaxError (400)      an RDF document that does not parse
    │   ├── BadQuery (400)            a SPARQL query or update that does not parse
    │   └── UnsupportedFormat (415)   a media type or format name we do not read
    ├── ValidationFailed (422)        data that does not conform to the shapes (carries the report)
    ├── ResourceNotFound (404)        no such entity, graph or document
    ├── NotAcceptable (406)           no representation matches the Accept header
    ├── Unauthorized (401)            a write without the right bearer token
    ├── Forbidden (403)               an operation refused by policy (SERVICE, LOAD, ...)
    ├── PayloadTooLarge (413)         a body or query over the configured cap
    ├── TooManyRequests (429)         a client over its share of concurrent queries
    ├── QueryTimeout (503)            a query stopped at the time limit
    └── StoreError (503)              the store is missing, locked, read-only or unreachable
        └── StoreLocked (503)

SHACL non-conformance is normally a returned report (see ``newsgraph.shapes``);
``ValidationFailed`` exists only for the places that must refuse, such as ingest and
the write API, and it carries that report.
"""

from __future__ import annotations

from typing import Any


class NewsgraphError(Exception):
    """Base class: a message meant for a person, and an HTTP status."""

    status: int = 500
    title: str = "Internal error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.status, "error": self.title, "message": self.message}
        body.update({k: v for k, v in self.details.items() if _jsonable(v)})
        return body


def _jsonable(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | list | dict | type(None))


class ConfigError(NewsgraphError):
    title = "Configuration error"


class InputError(NewsgraphError):
    status = 400
    title = "Bad input"


class ConversionError(InputError):
    status = 422
    title = "Article cannot be converted"


class RDFSyntaxError(InputError):
    status = 400
    title = "RDF syntax error"


class BadQuery(InputError):
    status = 400
    title = "Bad SPARQL request"


class UnsupportedFormat(InputError):
    status = 415
    title = "Unsupported format"


class ValidationFailed(NewsgraphError):
    status = 422
    title = "Data does not conform to the shapes"

    def __init__(self, message: str, report: Any = None, **details: Any) -> None:
        super().__init__(message, **details)
        self.report = report


class ResourceNotFound(NewsgraphError):
    status = 404
    title = "Not found"


class NotAcceptable(NewsgraphError):
    status = 406
    title = "Not acceptable"


class Unauthorized(NewsgraphError):
    status = 401
    title = "Unauthorized"


class Forbidden(NewsgraphError):
    status = 403
    title = "Forbidden"


class PayloadTooLarge(NewsgraphError):
    status = 413
    title = "Payload too large"


class TooManyRequests(NewsgraphError):
    status = 429
    title = "Too many requests"


class QueryTimeout(NewsgraphError):
    status = 503
    title = "Query timed out"


class StoreError(NewsgraphError):
    status = 503
    title = "Store unavailable"


class StoreLocked(StoreError):
    title = "Store locked"


__all__ = [
    "BadQuery",
    "ConfigError",
    "ConversionError",
    "Forbidden",
    "InputError",
    "NewsgraphError",
    "NotAcceptable",
    "PayloadTooLarge",
    "QueryTimeout",
    "RDFSyntaxError",
    "ResourceNotFound",
    "StoreError",
    "StoreLocked",
    "TooManyRequests",
    "Unauthorized",
    "UnsupportedFormat",
    "ValidationFailed",
]
