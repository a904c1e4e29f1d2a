"""Records: SQLAlchemy 2 with Alembic migrations; SQLite by default, any SQLAlchemy URL."""

from .database import Database
from .orm import Base, Owned

__all__ = ["Base", "Database", "Owned"]
