"""The object store: datasets, model artifacts and logs addressed by URI (file://, s3://)."""

from .base import ObjectInfo, ObjectStore, parse_uri
from .local import LocalObjectStore
from .router import ObjectStores
from .s3 import S3ObjectStore, S3Settings

__all__ = [
    "LocalObjectStore",
    "ObjectInfo",
    "ObjectStore",
    "ObjectStores",
    "S3ObjectStore",
    "S3Settings",
    "parse_uri",
]
