"""The analytical warehouse: DuckDB over Parquet files in one directory."""

from diogel.warehouse.store import Warehouse, WarehouseStatus

__all__ = ["Warehouse", "WarehouseStatus"]
