"""duediligence on Spark: `attribute(df, ...)` adds `duediligence.attribute`'s columns to a
Spark DataFrame through `mapInArrow` (`pip install "duediligence[spark]"`). The work is done
in duediligence/frames/on_spark.py; see docs/scale-out.md."""

from duediligence.frames.on_spark import attribute

__all__ = ["attribute"]
