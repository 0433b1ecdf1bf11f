"""docs/rules.md tabulates every profile's measures and severities; it must match the pack."""

from pathlib import Path

from duediligence.api import load_pack

DOCS = Path(__file__).parents[2] / "docs" / "rules.md"


def test_the_profile_matrix_in_the_docs_is_the_pack() -> None:
    pack = load_pack()
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith("| measure |"))
    profiles = [cell.strip(" `") for cell in header.strip("|").split("|")[1:]]
    assert profiles == list(pack.profiles)
    documented: dict[str, dict[str, str]] = {}
    for line in lines[lines.index(header) + 2 :]:
        if not line.startswith("| `"):
            break
        cells = [c.strip(" `") for c in line.strip("|").split("|")]
        documented[cells[0]] = dict(zip(profiles, cells[1:], strict=True))
    assert set(documented) == set(pack.measures)
    for profile in profiles:
        selected = {m.id: m.severity_for(profile).value for m in pack.profile_measures(profile)}
        shown = {m: sev for m, row in documented.items() if (sev := row[profile]) != "—"}
        assert shown == selected, profile
