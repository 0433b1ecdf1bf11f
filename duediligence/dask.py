"""duediligence on Dask: `attribute(ddf, ...)` adds `duediligence.attribute`'s columns to
every partition of a Dask DataFrame (`pip install "duediligence[dask]"`). The work is done
in duediligence/frames/on_dask.py; see docs/scale-out.md."""

from duediligence.frames.on_dask import attribute

__all__ = ["attribute"]
