"""What the forms of the report page and of the unit's page share: a field per section and figure of
the plan, and each refused value's message put under its field."""

from __future__ import annotations

from typing import Any

from wtforms import BooleanField, Field, StringField

from tracker.core.model import Plan
from tracker.errors import InvalidFields


def with_plan_fields(form_class: type[Any], plan: Plan) -> None:
    """Add to `form_class` a checkbox per section and a field per figure, labelled with their titles
    (`section_0`, …, `figure_0`, …)."""
    for index, section in enumerate(plan.sections):
        setattr(form_class, f"section_{index}", BooleanField(section.title))
    for index, figure in enumerate(plan.figures):
        hint = f"{figure.unit}; " if figure.unit else ""
        setattr(
            form_class,
            f"figure_{index}",
            StringField(figure.label, description=f"{hint}viết như 1.234 hoặc 1,5"),
        )


def place_problems(form: Any, refused: InvalidFields, plan: Plan) -> str:
    """Put each problem under its field (a problem's key is the field's name, `sections`, or
    `figures.<key>`); what belongs to no field is returned, to be said above the form."""
    fields: dict[str, Field] = dict(form._fields)
    sections = [f for name, f in form._fields.items() if name.startswith("section_")]
    if sections:
        fields["sections"] = sections[0]
    for index, figure in enumerate(plan.figures):
        if f"figure_{index}" in fields:
            fields[f"figures.{figure.key}"] = fields[f"figure_{index}"]
    rest = []
    for key, message in refused.problems.items():
        field = fields.get(key)
        if field is None:
            rest.append(message)
        else:
            field.errors = [*field.errors, message]
    return " ".join(rest)
