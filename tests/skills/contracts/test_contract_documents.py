"""Which library files are the contract's own, and which of them counts as signed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from graph.sharepoint import DriveEntry
from skills.contracts.contract_documents import (
    LibraryFile,
    folder_score,
    looks_like_contract,
    names_contract_id,
    rank_files,
)
from skills.contracts.model import Contract
from skills.contracts.terms import Evidence, Finding, TermProposal
from skills.contracts.terms_review import DocumentTerms, choose_findings


def contract(contract_id: str = "2024-1", title: str = "Renhold") -> Contract:
    return Contract(
        contract_id, title, "Rent AS", "", "a@x.no", "Renhold", False, date(2024, 3, 1),
        date(2026, 2, 28), (),
    )  # fmt: skip


def library_file(path: str, day: int = 1) -> LibraryFile:
    name = path.rsplit("/", 1)[-1]
    entry = DriveEntry(name, name, False, 1000, "", datetime(2025, 1, day, tzinfo=UTC), "")
    return LibraryFile(path, entry)


@pytest.mark.parametrize(
    "name",
    [
        "Rammeavtale usignert utkast.docx",
        "Kontrakt - ikke signert.docx",
        "Kontrakt_ikke_signert.docx",
        "Avtale ikke-signert.pdf",
        "Avtale ennå ikke underskrevet.docx",
        "Unsigned contract.docx",
        "Contract not yet signed.pdf",
        "Contract - not signed.docx",
        "Avtale uten signatur.docx",
        "Avtale (til signering).docx",
        "Rammeavtale.docx",
    ],
)
def test_unsigned_names_are_not_signed(name: str) -> None:
    assert not library_file(f"Saker/X/{name}").signed


@pytest.mark.parametrize(
    "name",
    [
        "Avtale (signert).pdf",
        "Rammeavtale signert.pdf",
        "Kontrakt_signert_2025.pdf",
        "Signed contract.pdf",
        "Kontrakt undertegnet.pdf",
        "Avtale - underskrevet av begge parter.pdf",
    ],
)
def test_signed_names_are_signed(name: str) -> None:
    assert library_file(f"Saker/X/{name}").signed


def test_a_newer_unsigned_draft_does_not_beat_the_signed_contract() -> None:
    signed = library_file("Saker/2024-1 Renhold/Kontrakt signert.pdf", day=5)
    draft = library_file("Saker/2024-1 Renhold/Kontrakt usignert utkast.docx", day=20)
    assert [f.name for f in rank_files([draft, signed], contract())] == [signed.name, draft.name]

    def terms(file: LibraryFile, options: str) -> DocumentTerms:
        finding = Finding("opsjoner", options, Evidence("…", 1, 1, file.name))
        return DocumentTerms(file.name, file.modified, file.signed, TermProposal((finding,)))

    chosen = choose_findings([terms(draft, "2"), terms(signed, "1+1")])
    assert chosen["opsjoner"].finding.value == "1+1"
    assert chosen["opsjoner"].finding.checks == ("conflict",)
    assert [c.document for c in chosen["opsjoner"].conflicts] == [draft.name]


def test_contract_ids_match_on_word_boundaries_only() -> None:
    short = contract("2024-1")
    assert folder_score("2024-1 Kantinedrift", short) == 100
    assert folder_score("Sak 2024-1", short) == 100
    assert folder_score("2024-1_Kantinedrift", short) == 100
    assert folder_score("2024-17 Kantinedrift", short) == 0
    assert folder_score("12024-1 Kantinedrift", short) == 0
    assert folder_score("2024-17 Renhold skoler", short) == 1  # by title word, not by id
    assert names_contract_id("Saker/X/Avtale 2024-1.docx", "2024-1")
    assert not names_contract_id("Saker/X/Avtale 2024-10.docx", "2024-1")
    assert not names_contract_id("Saker/2024-17 Kantine/Vedlegg.docx", "2024-1")


def test_a_file_naming_a_longer_id_is_not_taken_for_the_contract() -> None:
    short = contract("2024-1", "Kantinedrift")
    assert looks_like_contract(library_file("Saker/2024-1 Kantine/2024-1 Vedlegg.docx"), short)
    assert not looks_like_contract(library_file("Saker/2024-17 Kantine/Vedlegg.docx"), short)
    own = library_file("Saker/Kantine/Avtale 2024-1.docx", day=1)
    other = library_file("Saker/Kantine/Avtale 2024-17.docx", day=9)
    assert [f.name for f in rank_files([other, own], short)] == [own.name, other.name]
