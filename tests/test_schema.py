"""The dossier's JSON Schema, the consistency checks beyond it, and its documentation."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest

from storytrace.errors import StorytraceError
from storytrace.model import DatePrecision, ReaderName, RemovalReason
from storytrace.report import SCHEMA_VERSION, build_dossier, dossier_schema, validate_dossier
from test_report import full_dossier, three_articles

DOCS = Path(__file__).resolve().parent.parent / "docs" / "dossier.md"
SCHEMA_FILE = (
    Path(__file__).resolve().parent.parent / "src" / "storytrace" / "report" / "dossier.schema.json"
)


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema object inside ``node``, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def property_names() -> list[str]:
    names = {
        name
        for node in _walk(dossier_schema())
        if isinstance(node.get("properties"), dict)
        for name in node["properties"]
    }
    return sorted(names)


def enum_values() -> list[str]:
    values: set[str] = set()
    for node in _walk(dossier_schema()):
        values.update(v for v in node.get("enum", []) if isinstance(v, str))
    return sorted(values)


def _objects_with_properties() -> list[dict[str, Any]]:
    return [n for n in _walk(dossier_schema()) if isinstance(n.get("properties"), dict)]


# --- the schema itself --------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    schema = dossier_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_file_is_the_packaged_one() -> None:
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == dossier_schema()


def test_schema_version_matches_the_constant() -> None:
    assert dossier_schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION


def test_every_object_refuses_unknown_properties() -> None:
    for node in _objects_with_properties():
        assert node.get("additionalProperties") is False, sorted(node["properties"])


def test_every_property_is_required_unless_it_is_an_optional_span() -> None:
    optional_spans = {"start", "end"}
    for node in _objects_with_properties():
        optional = set(node["properties"]) - set(node.get("required", []))
        assert optional <= optional_spans, (sorted(node["properties"]), optional)
        if optional:
            assert node["dependentRequired"] == {"start": ["end"], "end": ["start"]}


def test_dossier_schema_returns_a_copy() -> None:
    schema = dossier_schema()
    schema["properties"].clear()
    assert dossier_schema()["properties"]
    with pytest.raises(StorytraceError):
        validate_dossier({})


@pytest.mark.parametrize(
    ("path", "literal"),
    [
        (
            ("$defs", "article", "properties", "removed", "items", "properties", "reason"),
            RemovalReason,
        ),
        (("$defs", "article", "properties", "reader"), ReaderName),
    ],
)
def test_schema_enums_match_the_model(path: tuple[str, ...], literal: Any) -> None:
    node: Any = dossier_schema()
    for key in path:
        node = node[key]
    assert node["enum"] == list(get_args(literal))


def test_precision_enum_matches_the_model() -> None:
    enum = dossier_schema()["$defs"]["article"]["properties"]["published_precision"]["enum"]
    assert enum == [*get_args(DatePrecision), None]


# --- valid dossiers -----------------------------------------------------------------------


def test_built_dossier_is_valid() -> None:
    validate_dossier(build_dossier(three_articles()))


def test_dossier_with_every_section_filled_is_valid() -> None:
    dossier = full_dossier()
    for section in ("entities", "attributions", "claims", "relations", "reuse", "stories"):
        assert dossier[section], section
    validate_dossier(dossier)


def test_dossier_survives_a_json_round_trip() -> None:
    from storytrace.report import render_json

    validate_dossier(json.loads(render_json(full_dossier())))


# --- schema violations --------------------------------------------------------------------

Edit = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Edit:
    def edit(dossier: dict[str, Any]) -> None:
        *parents, last = _keys(path)
        node: Any = dossier
        for key in parents:
            node = node[key]
        node[last] = value

    return edit


def _delete(path: str) -> Edit:
    def edit(dossier: dict[str, Any]) -> None:
        *parents, last = _keys(path)
        node: Any = dossier
        for key in parents:
            node = node[key]
        del node[last]

    return edit


def _keys(path: str) -> list[str | int]:
    return [int(k) if k.isdigit() else k for k in path.split(".")]


SCHEMA_VIOLATIONS: list[tuple[str, Edit, str]] = [
    # A missing required field.
    ("missing top-level section", _delete("stories"), r"\$: 'stories' is a required property"),
    ("missing article title", _delete("articles.0.title"), r"\$\.articles\[0\]: 'title'"),
    ("missing cue", _delete("attributions.0.cue"), r"\$\.attributions\[0\]: 'cue'"),
    ("missing passages", _delete("reuse.0.passages"), r"\$\.reuse\[0\]: 'passages'"),
    ("missing skipped problem", _delete("skipped.0.problem"), r"'problem' is a required"),
    ("span end without start", _delete("attributions.1.said_on.start"), r"said_on"),
    # A value outside its enum.
    ("bad removal reason", _set("articles.0.removed.0.reason", "menu"), r"removed\[0\]\.reason"),
    ("bad reader", _set("articles.0.reader", "pdf"), r"\.reader: 'pdf' is not one of"),
    ("bad entity type", _set("entities.0.type", "human"), r"entities\[0\]\.type"),
    ("bad mode", _set("attributions.0.mode", "quoted"), r"attributions\[0\]\.mode"),
    ("bad stance", _set("attributions.0.stance", "maybe"), r"attributions\[0\]\.stance"),
    ("bad relation kind", _set("relations.0.kind", "refutes"), r"relations\[0\]\.kind"),
    ("bad precision", _set("articles.0.published_precision", "week"), r"published_precision"),
    # A property the contract does not have.
    ("extra top-level", _set("extra", 1), r"\$: Additional properties .*'extra'"),
    ("extra article field", _set("articles.0.author", "x"), r"\$\.articles\[0\]: .*'author'"),
    ("extra quantity field", _set("attributions.0.quantities.0.confidence", 1), r"confidence"),
    ("extra summary field", _set("summary.words", 5), r"\$\.summary: .*'words'"),
    ("extra speaker field", _set("attributions.0.speaker.role", "x"), r"speaker: .*'role'"),
    # Wrong types and formats.
    ("day-first date", _set("articles.0.published", "14.03.2031"), r"articles\[0\]\.published"),
    ("three-letter language", _set("articles.0.language", "deu"), r"\.language"),
    ("negative offset", _set("articles.0.sentences.0.start", -1), r"sentences\[0\]\.start"),
    ("string offset", _set("attributions.0.start", "61"), r"attributions\[0\]\.start"),
    ("figure as string", _set("attributions.0.quantities.0.value", "3"), r"\.value"),
    ("approx as string", _set("attributions.0.quantities.0.approx", "etwa"), r"\.approx"),
    ("capitalised agency", _set("articles.0.agencies", ["DPA"]), r"agencies\[0\]"),
    ("empty sources", _set("articles.0.sources", []), r"sources"),
    ("zero origins", _set("claims.0.independent_origins", 0), r"independent_origins"),
    ("claim without attributions", _set("claims.0.attributions", []), r"claims\[0\]\.attrib"),
    ("id with a space", _set("entities.0.id", "e ohlsen"), r"entities\[0\]\.id"),
    ("speaker as string", _set("attributions.0.speaker", "Ohlsen"), r"speaker"),
    ("wrong version", _set("schema_version", "2.0"), r"schema_version"),
    ("line zero", _set("articles.0.removed.0.line", 0), r"removed\[0\]\.line"),
]


@pytest.mark.parametrize(
    ("edit", "message"),
    [pytest.param(edit, message, id=name) for name, edit, message in SCHEMA_VIOLATIONS],
)
def test_schema_violations_are_refused_by_json_path(edit: Edit, message: str) -> None:
    dossier = copy.deepcopy(full_dossier())
    validate_dossier(dossier)
    edit(dossier)
    with pytest.raises(StorytraceError, match="does not match the dossier schema") as info:
        validate_dossier(dossier)
    assert re.search(message, str(info.value)), str(info.value)


# --- consistency beyond the schema --------------------------------------------------------


def _swap_cue(dossier: dict[str, Any]) -> None:
    dossier["attributions"][0]["cue"]["text"] = "erklärte"


def _duplicate_article(dossier: dict[str, Any]) -> None:
    dossier["articles"].append(copy.deepcopy(dossier["articles"][0]))
    dossier["summary"]["articles"] += 1
    dossier["summary"]["languages"]["de"] += 1
    dossier["summary"]["outlets"]["Nordmark Rundschau"] += 1
    for agency in ("afp", "dpa"):
        dossier["summary"]["agencies"][agency] += 1


CONSISTENCY_VIOLATIONS: list[tuple[str, Edit, str]] = [
    ("duplicate article id", _duplicate_article, r"\$\.articles\[2\]\.id: duplicate id 'b2'"),
    ("duplicate entity id", _set("entities.1.id", "e-ohlsen"), r"entities\[1\]\.id: duplicate"),
    (
        "heading outside text",
        _set("articles.0.headings", [{"start": 5, "end": 999}]),
        r"999 .*length 111",
    ),
    (
        "start after end",
        _set("articles.0.sentences.0.start", 50),
        r"span 50\.\.35 ends before it starts",
    ),
    ("cue text differs from span", _swap_cue, r"cue\.text: 'erklärte' differs .*'sagte'"),
    ("figure span off by one", _set("attributions.0.quantities.0.start", 119), r"quantities"),
    ("unknown article", _set("attributions.0.article", "zz"), r"unknown article 'zz'"),
    ("unknown speaker entity", _set("attributions.0.speaker.entity", "e-x"), r"unknown entity"),
    ("unknown via entity", _set("attributions.1.via.0.entity", "e-x"), r"via\[0\]\.entity"),
    ("unknown attribution", _set("claims.0.attributions", ["t9"]), r"unknown attribution"),
    ("claim misses article", _set("claims.0.articles", ["b2"]), r"misses \['a1'\]"),
    ("unknown claim speaker", _set("claims.1.speakers.0.entity", "e-x"), r"speakers\[0\]"),
    ("relation to unknown claim", _set("relations.0.b", "c-x"), r"unknown claim 'c-x'"),
    ("relation to itself", _set("relations.0.b", "c-mai"), r"relates a claim to itself"),
    ("reuse with itself", _set("reuse.0.b", "a1"), r"pairs an article with itself"),
    ("reuse passage outside", _set("reuse.0.passages.0.b_end", 500), r"passages\[0\]"),
    ("story with unknown article", _set("stories.0.articles", ["zz"]), r"stories\[0\]"),
    ("source not first of sources", _set("articles.0.source", "elsewhere.txt"), r"first of"),
    ("agencies without credit", _set("articles.1.agencies", ["dpa", "afp"]), r"credited"),
    ("precision does not fit", _set("articles.0.published_precision", "day"), r"expected 'month'"),
    ("undated with precision", _set("articles.0.published", None), r"published: is null"),
    ("summary count off", _set("summary.articles", 7), r"\$\.summary\.articles: does not match"),
    ("skipped count off", _set("summary.skipped", 0), r"\$\.summary\.skipped"),
]


@pytest.mark.parametrize(
    ("edit", "message"),
    [pytest.param(edit, message, id=name) for name, edit, message in CONSISTENCY_VIOLATIONS],
)
def test_inconsistent_dossiers_are_refused(edit: Edit, message: str) -> None:
    dossier = copy.deepcopy(full_dossier())
    edit(dossier)
    with pytest.raises(StorytraceError, match="is inconsistent") as info:
        validate_dossier(dossier)
    assert re.search(message, str(info.value)), str(info.value)


def test_error_message_lists_five_problems_and_counts_the_rest() -> None:
    dossier = full_dossier()
    for article in dossier["articles"]:
        for removed in article["removed"]:
            removed["reason"] = "menu"
        article["language"] = "Deutsch"
        article["reader"] = "pdf"
        article["extra"] = True
    with pytest.raises(StorytraceError) as info:
        validate_dossier(dossier)
    message = str(info.value)
    assert "9 problems" in message
    assert message.count("$.articles[") == 5
    assert message.endswith("; and 4 more")


def test_long_offending_values_are_shortened() -> None:
    dossier = full_dossier()
    dossier["articles"][0]["headings"] = "x" * 5000
    with pytest.raises(StorytraceError) as info:
        validate_dossier(dossier)
    assert len(str(info.value)) < 400


# --- documentation ------------------------------------------------------------------------


def _docs() -> str:
    return DOCS.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", property_names())
def test_docs_describe_every_property(name: str) -> None:
    assert f"`{name}`" in _docs(), f"docs/dossier.md does not mention `{name}`"


@pytest.mark.parametrize("value", enum_values())
def test_docs_describe_every_enum_value(value: str) -> None:
    assert f"`{value}`" in _docs(), f"docs/dossier.md does not explain the value `{value}`"


def test_docs_say_how_to_validate() -> None:
    docs = _docs()
    assert "validate_dossier" in docs
    assert "src/storytrace/report/dossier.schema.json" in docs


def test_docs_example_is_a_valid_dossier() -> None:
    match = re.search(r"## Complete example\n.*?```json\n(.*?)```", _docs(), re.S)
    assert match, "docs/dossier.md needs a ```json block under '## Complete example'"
    example = json.loads(match.group(1))
    validate_dossier(example)
    for section in ("entities", "attributions", "claims", "relations", "reuse", "stories"):
        assert example[section], f"the docs example should show {section}"
