"""The rule pack as it travels to a cluster's workers: pickled once on the driver, checked on
arrival against what the worker itself runs.

A worker judges rows with its own installed code and the driver's pack. A worker with another
duediligence (and so another bundled pack) would attribute the same rows differently and the
frame would mix two answers, so a worker that finds itself out of step fails the job and says
with what.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass

from duediligence.errors import UsageError
from duediligence.pack.bundled import bundled_rules_dir
from duediligence.pack.loader import Pack, safe_loader
from duediligence.results.findings import VERSION


@dataclass(frozen=True, slots=True)
class Shipment:
    """A pack pickled with the versions the driver runs: what is broadcast or scattered."""

    pack_id: str
    pack_version: str
    tool_version: str
    payload: bytes

    @classmethod
    def of(cls, pack: Pack) -> Shipment:
        return cls(pack.meta.id, pack.meta.version, VERSION, pickle.dumps(pack))

    def unpack(self, where: str = "worker") -> Pack:
        """The pack, on a worker that runs what the driver runs; else UsageError saying what
        each runs."""
        problem = self.mismatch(VERSION, *installed_pack())
        if problem is not None:
            raise UsageError(f"this {where} {problem}")
        pack = pickle.loads(self.payload)  # noqa: S301 - our own pack, pickled by the driver
        if not isinstance(pack, Pack):
            raise UsageError(f"this {where} received no rule pack")
        return pack

    def mismatch(self, tool: str, pack_id: str, pack_version: str) -> str | None:
        """What differs between a worker that runs `tool` with the bundled pack `pack_id`
        `pack_version` and the driver, or None."""
        driver = f"the driver runs rule pack {self.pack_id} {self.pack_version} (duediligence"
        driver += f" {self.tool_version})"
        same_pack = pack_id != self.pack_id or pack_version == self.pack_version
        if same_pack and tool == self.tool_version:
            return None
        return (
            f"runs rule pack {pack_id} {pack_version} (duediligence {tool}), {driver}: install"
            " the same duediligence on the workers as on the driver"
        )


def installed_pack() -> tuple[str, str]:
    """The id and version of the pack bundled with the duediligence this process runs."""
    import yaml

    text = (bundled_rules_dir() / "pack.yml").read_text(encoding="utf-8")
    meta = yaml.load(text, Loader=safe_loader())  # noqa: S506 - the safe loader
    return str(meta["id"]), str(meta["version"])
