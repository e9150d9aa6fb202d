"""Ledger extracts as municipalities export them, loaded into DuckDB once and whole.

The expected sums are worked out by hand from the lines below.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from skills.spend.store import LedgerFileError, SpendStore, purchase_ranges

# Visma-style export: a title row above the header, semicolons, comma decimals, spaces
# as thousands separators, a credit note, a salary line (art 010) and a four-digit account.
LEDGER = """\
Hovedbok 2026 – Vestland fylkeskommune;;;;;;;;;
Bilagsdato;Bilagsnr;Lev.nr;Leverandør;Org.nr.;Konto;Ansvar;Tjeneste;Prosjekt;Beløp
02.01.2026;10001;5001;Renhold Vest AS;974 760 673;1200;3100;2150;;12 500,00
15.01.2026;10002;5001;Renhold Vest AS;974760673;1200;3100;2150;;7 500,50
20.01.2026;10003;5002;Kontorrekvisita Nord AS;923609016;100;3100;2150;;1 234,50
21.01.2026;10004;5002;Kontorrekvisita Nord AS;923609016;100;3100;2150;;-234,50
31.01.2026;10005;;Lønn januar;;010;3100;2150;;500 000,00
03.02.2025;9001;5001;Renhold Vest AS;974760673;1200;3100;2150;;999,00
"""


def write(tmp_path: Path, text: str, name: str = "hovedbok.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_an_export_is_read_as_written_and_summed_by_supplier(tmp_path: Path) -> None:
    store = SpendStore(tmp_path / "spend.duckdb")
    try:
        result = store.load(write(tmp_path, LEDGER), "Vestland")
        assert (result.lines, result.already) == (6, False)
        # 2026 purchases only: the salary (art 010) and the 2025 line are not counted.
        # Renhold: 12 500,00 + 7 500,50 = 20 000,50; kontor: 1 234,50 - 234,50 = 1 000,00.
        assert store.spend_by_supplier(2026) == [
            ("974760673", "Renhold Vest AS", 20000.50),
            ("923609016", "Kontorrekvisita Nord AS", 1000.00),
        ]
        assert store.spend_by_supplier(2025) == [("974760673", "Renhold Vest AS", 999.00)]
        assert store.spend_by_supplier(2026, entity="Rogaland") == []
    finally:
        store.close()


def test_the_same_file_twice_is_counted_once_even_after_a_restart(tmp_path: Path) -> None:
    path = write(tmp_path, LEDGER)
    store = SpendStore(tmp_path / "spend.duckdb")
    store.load(path, "Vestland")
    store.close()
    again = SpendStore(tmp_path / "spend.duckdb")
    try:
        second = again.load(path, "Vestland")
        assert second.already and second.lines == 6
        assert again.line_count() == 6
    finally:
        again.close()


def test_windows_1252_and_a_tab_separated_export_read_the_same(tmp_path: Path) -> None:
    tabbed = LEDGER.replace(";", "\t").replace("–", "-")
    store = SpendStore(tmp_path / "spend.duckdb")
    try:
        store.load(write(tmp_path, tabbed, "hovedbok.txt", "cp1252"), "Vestland")
        assert store.spend_by_supplier(2026)[0] == ("974760673", "Renhold Vest AS", 20000.50)
    finally:
        store.close()


def test_unreadable_lines_are_named_and_nothing_is_loaded(tmp_path: Path) -> None:
    broken = LEDGER.replace("7 500,50", "sju tusen").replace("20.01.2026", "32.01.2026")
    store = SpendStore(tmp_path / "spend.duckdb")
    try:
        with pytest.raises(LedgerFileError) as caught:
            store.load(write(tmp_path, broken), "Vestland")
        said = caught.value.message("nb")
        assert "2 linjer kunne ikke leses" in said
        # The file's own line numbers: the title row is line 1, the header line 2.
        assert "linje 4, belop: «sju tusen»" in said
        assert "linje 5, bilagsdato: «32.01.2026»" in said
        assert store.line_count() == 0
        # Corrected, the file loads.
        assert store.load(write(tmp_path, LEDGER), "Vestland").lines == 6
    finally:
        store.close()


def test_unknown_columns_get_the_columns_found(tmp_path: Path) -> None:
    text = "Dato;Tekst;Sum\n02.01.2026;Kaffe;100,00\n"
    store = SpendStore(tmp_path / "spend.duckdb")
    try:
        with pytest.raises(LedgerFileError) as caught:
            store.load(write(tmp_path, text), "Vestland")
        said = caught.value.message("nb")
        assert "Art/Konto, Leverandør/Org.nr." in said and "Dato; Tekst; Sum" in said
        not_text = write(tmp_path, "", "bilde.csv")
        not_text.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
        with pytest.raises(LedgerFileError, match="not a text file"):
            store.load(not_text, "Vestland")
    finally:
        store.close()


def test_which_arts_are_purchases_is_data(tmp_path: Path) -> None:
    # Art 195 (fees and charges) is not a purchase.
    assert purchase_ranges() == (("100", "194"), ("196", "299"), ("300", "399"))
    own = tmp_path / "art_kinds.csv"
    own.write_text("# an office's own copy\nfra;til;slag\n100;199;kjøp\n200;999;annet\n", "utf-8")
    assert purchase_ranges(own) == (("100", "199"),)


def test_a_corrected_file_replaces_the_one_loaded_before(tmp_path: Path) -> None:
    """Offices send a corrected extract under the same name: its lines replace the old."""
    store = SpendStore(tmp_path / "spend.duckdb")
    try:
        store.load(write(tmp_path, LEDGER), "Vestland")
        corrected = LEDGER.replace("12 500,00", "2 500,00")
        result = store.load(write(tmp_path, corrected), "Vestland")
        assert (result.lines, result.already) == (6, False)
        assert store.line_count() == 6
        # Renhold: 2 500,00 + 7 500,50 = 10 000,50 (not the first version's 20 000,50).
        assert store.spend_by_supplier(2026)[0] == ("974760673", "Renhold Vest AS", 10000.50)
        # The same bytes for another entity, from another place, would put the same lines
        # in two counties: refused, naming both.
        with pytest.raises(LedgerFileError) as caught:
            store.load(write(tmp_path, corrected, "other.csv"), "Rogaland")
        assert caught.value.message("nb") == (
            "other.csv er den samme filen som hovedbok.csv, som allerede er lastet for "
            "Vestland. Fjern en av dem: de samme linjene kan ikke høre til to enheter."
        )
        assert store.line_count() == 6
        # The same file moved to another entity's folder (the same source) moves its lines.
        moved = store.load(write(tmp_path, corrected), "Rogaland", source="Vestland/hovedbok.csv")
        assert (moved.entity, moved.already) == ("Rogaland", False)
        assert store.spend_by_supplier(2026, entity="Rogaland")[0][2] == 10000.50
        assert store.spend_by_supplier(2026, entity="Vestland") == []
    finally:
        store.close()


def test_a_re_export_of_a_loaded_file_is_refused(tmp_path: Path) -> None:
    """The same vouchers under a new name and a new title row would count twice."""
    store = SpendStore(tmp_path / "spend.duckdb")
    try:
        store.load(write(tmp_path, LEDGER), "Vestland")
        again = LEDGER.replace("Hovedbok 2026", "Hovedbok 2026 (eksportert på nytt)")
        with pytest.raises(LedgerFileError) as caught:
            store.load(write(tmp_path, again, "hovedbok (2).csv"), "Vestland")
        assert caught.value.message("en") == (
            "hovedbok (2).csv repeats 6 of its 6 lines (the same voucher, date and amount) "
            "from hovedbok.csv, already loaded for Vestland. If it replaces that file, give "
            "it the same name or remove the old one; nothing was loaded."
        )
        assert store.line_count() == 6
        # A file deleted from the library takes its lines with it.
        assert store.forget_missing("Vestland/", keep=set()) == 1
        assert store.line_count() == 0
    finally:
        store.close()


def test_a_ragged_line_is_named_and_nothing_loaded(tmp_path: Path) -> None:
    text = (
        LEDGER.replace("7 500,50", "7 500,50;;x") + '04.02.2026;1;;"Åpen sitat AS;;100;1;1;;5,00\n'
    )
    store = SpendStore(tmp_path / "spend.duckdb")
    try:
        with pytest.raises(LedgerFileError) as caught:
            store.load(write(tmp_path, text), "Vestland")
        said = caught.value.message("nb")
        assert "linje 4 har 12 celler, overskriften 10" in said
        assert "et sitat som åpnes på linje 9, lukkes aldri" in said
        assert store.line_count() == 0
    finally:
        store.close()
