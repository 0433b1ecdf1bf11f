"""FRAMES: data frames and clusters. Each row of a pandas, polars or Arrow frame attributed
by the scan's own loop (`attribute`), and the same function run on every partition of a Dask
or Spark frame. `duediligence.dask` and `duediligence.spark` are the faces of the last two."""
