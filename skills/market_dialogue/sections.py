"""The invitation's sections, in order: the product owns this structure, so a model
can fill prose into some of them but never drop or reorder one."""

from __future__ import annotations

SECTIONS = (
    "Bakgrunn",
    "Behov og formål",
    "Hva vi ønsker innspill på",
    "Dialogformer og program",
    "Tidsplan",
    "Påmelding",
    "Praktisk informasjon",
    "Likebehandling og informasjonsdeling",
    "Forretningshemmeligheter og innsyn",
    "Kontakt",
)
