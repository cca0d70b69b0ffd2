"""The output intent names the printing condition, not just the profile's description."""

from __future__ import annotations

import pikepdf

from typeset.issue.paper import OutputCondition


def name_condition(pdf: pikepdf.Pdf, condition: OutputCondition) -> None:
    """WeasyPrint copies the profile's name into OutputConditionIdentifier and Info; a RIP
    reads the identifier as a registered condition's name, so it is set from the paper."""
    for intent in pdf.Root.get("/OutputIntents", pikepdf.Array()):
        if intent.get("/S") != "/GTS_PDFX":
            continue
        intent.OutputConditionIdentifier = pikepdf.String(condition.identifier)
        for key, value in (
            ("/OutputCondition", condition.condition),
            ("/Info", condition.info),
            ("/RegistryName", condition.registry),
        ):
            if value:
                intent[key] = pikepdf.String(value)
            elif key in intent:
                del intent[key]
