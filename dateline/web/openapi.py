"""The API's OpenAPI 3.1 description, written by hand; a test checks it against the routes."""

from __future__ import annotations

from typing import Any

# Limits of the query parameters, shared with the views that check them.
STORIES_LIMIT = (1, 100, 20)  # least, most, default
SOURCES_LIMIT = (1, 500, 100)
MAX_OFFSET = 1_000_000
CURSOR_PATTERN = "^[0-9]{1,17}_[0-9]{1,18}$"
SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"
COUNTRY_PATTERN = "^[A-Za-z]{2}$"

_country: dict[str, Any] = {
    "type": "object",
    "required": ["code", "name", "flag"],
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2"},
        "name": {"type": "string"},
        "flag": {
            "type": ["string", "null"],
            "format": "uri",
            "description": "The flag as an SVG image on this site (null for an unknown code).",
        },
    },
}

_story: dict[str, Any] = {
    "type": "object",
    "required": [
        "slug",
        "url",
        "headline",
        "summary",
        "language",
        "primary_country",
        "secondary_countries",
        "first_seen_at",
        "last_updated_at",
        "article_count",
        "outlet_count",
        "single_source",
        "writer",
        "edited_by_editor",
        "correction_note",
    ],
    "properties": {
        "slug": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "headline": {"type": "string"},
        "summary": {"type": "string", "description": "Plain text; paragraphs separated by a blank line."},
        "language": {
            "type": "string",
            "pattern": "^[a-z]{2,3}$",
            "description": (
                "The language the headline and summary are written in (ISO 639-1, e.g. 'en'): "
                "English when the story has an English source, else its sources' own language."
            ),
        },
        "primary_country": {"oneOf": [{"$ref": "#/components/schemas/Country"}, {"type": "null"}]},
        "secondary_countries": {"type": "array", "items": {"$ref": "#/components/schemas/Country"}},
        "first_seen_at": {"type": "string", "format": "date-time"},
        "last_updated_at": {"type": "string", "format": "date-time"},
        "article_count": {"type": "integer", "minimum": 0},
        "outlet_count": {"type": "integer", "minimum": 0},
        "single_source": {"type": "boolean"},
        "writer": {"type": "string", "description": "What wrote the text: 'extractive' or a model's name."},
        "edited_by_editor": {"type": "boolean"},
        "correction_note": {"type": ["string", "null"]},
    },
}

_source_article: dict[str, Any] = {
    "type": "object",
    "required": ["outlet", "title", "url", "published_at", "language"],
    "properties": {
        "outlet": {"type": "string"},
        "title": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "published_at": {"type": ["string", "null"], "format": "date-time"},
        "language": {"type": "string"},
    },
}

_error: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string"}},
}


def _ok(schema_ref: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


def _bad(description: str) -> dict[str, Any]:
    return _ok("Error", description)


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "Dateline API",
        "version": "1.0.0",
        "description": (
            "Read-only access to Dateline's published stories, countries and sources. Every "
            "operation answers GET (and HEAD); any other method gets 405 with an Allow header. "
            "Errors are JSON objects with an 'error' message; a query parameter outside its "
            "schema is answered 400."
        ),
    },
    "paths": {
        "/api/stories/": {
            "get": {
                "operationId": "listStories",
                "summary": "Published stories, newest first",
                "parameters": [
                    {
                        "name": "country",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "pattern": COUNTRY_PATTERN},
                        "description": (
                            "Only stories filed under this country (primary or secondary); any two "
                            "letters, either case. A code with no stories gives an empty page."
                        ),
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {
                            "type": "integer",
                            "minimum": STORIES_LIMIT[0],
                            "maximum": STORIES_LIMIT[1],
                            "default": STORIES_LIMIT[2],
                        },
                    },
                    {
                        "name": "before",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "pattern": CURSOR_PATTERN},
                        "description": "Cursor from the previous page's 'next' link.",
                    },
                ],
                "responses": {"200": _ok("StoryPage", "One page of stories"), "400": _bad("Bad parameter")},
            }
        },
        "/api/stories/{slug}/": {
            "get": {
                "operationId": "getStory",
                "summary": "One story with its source articles",
                "parameters": [
                    {
                        "name": "slug",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": SLUG_PATTERN},
                    }
                ],
                "responses": {
                    "200": _ok("StoryDetail", "The story"),
                    "404": _bad("No such story (or not published)"),
                },
            }
        },
        "/api/countries/": {
            "get": {
                "operationId": "listCountries",
                "summary": "Countries with published stories",
                "responses": {"200": _ok("CountryList", "Countries and story counts")},
            }
        },
        "/api/sources/": {
            "get": {
                "operationId": "listSources",
                "summary": "The outlets' feeds Dateline reads",
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {
                            "type": "integer",
                            "minimum": SOURCES_LIMIT[0],
                            "maximum": SOURCES_LIMIT[1],
                            "default": SOURCES_LIMIT[2],
                        },
                    },
                    {
                        "name": "offset",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
                    },
                ],
                "responses": {"200": _ok("SourceList", "One page of sources"), "400": _bad("Bad parameter")},
            }
        },
    },
    "components": {
        "schemas": {
            "Country": _country,
            "Story": _story,
            "Error": _error,
            "SourceArticle": _source_article,
            "StoryPage": {
                "type": "object",
                "required": ["stories", "next"],
                "properties": {
                    "stories": {"type": "array", "items": {"$ref": "#/components/schemas/Story"}},
                    "next": {"type": ["string", "null"], "format": "uri"},
                },
            },
            "StoryDetail": {
                "allOf": [
                    {"$ref": "#/components/schemas/Story"},
                    {
                        "type": "object",
                        "required": ["sources"],
                        "properties": {
                            "sources": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/SourceArticle"},
                            }
                        },
                    },
                ]
            },
            "CountryList": {
                "type": "object",
                "required": ["countries"],
                "properties": {
                    "countries": {
                        "type": "array",
                        "items": {
                            "allOf": [
                                {"$ref": "#/components/schemas/Country"},
                                {
                                    "type": "object",
                                    "required": ["story_count", "url", "feed"],
                                    "properties": {
                                        "story_count": {"type": "integer", "minimum": 1},
                                        "url": {"type": "string", "format": "uri"},
                                        "feed": {"type": "string", "format": "uri"},
                                    },
                                },
                            ]
                        },
                    }
                },
            },
            "SourceList": {
                "type": "object",
                "required": ["sources", "next_offset"],
                "properties": {
                    "sources": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": [
                                "name",
                                "site_url",
                                "feed_url",
                                "country",
                                "language",
                                "active",
                                "healthy",
                                "last_success_at",
                            ],
                            "properties": {
                                "name": {"type": "string"},
                                "site_url": {"type": "string"},
                                "feed_url": {"type": "string", "format": "uri"},
                                "country": {"type": ["string", "null"]},
                                "language": {"type": "string"},
                                "active": {"type": "boolean"},
                                "healthy": {"type": "boolean"},
                                "last_success_at": {"type": ["string", "null"], "format": "date-time"},
                            },
                        },
                    },
                    "next_offset": {"type": ["integer", "null"]},
                },
            },
        }
    },
}
