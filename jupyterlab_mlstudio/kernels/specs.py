"""Kernel specs for registered images, written where Jupyter's kernel-spec manager looks.

Every kernel spec an image's app image config names becomes ``mlstudio-<image>-<spec>``,
shown in the launcher under the image's display name (with the spec's when the image offers
several) and ML Studio's logo, and started by the provisioner of the image's kind. The folder
is rewritten whenever an image, a version or a config changes.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path
from typing import Any

from ..images.service import ResolvedImage

PREFIX = "mlstudio-"
PROVISIONERS = {"local": "mlstudio-process", "docker": "mlstudio-docker"}
_UNSAFE = re.compile(r"[^a-zA-Z0-9._-]+")


def spec_name(image: str, spec: str) -> str:
    """The kernel name of spec ``spec`` in image ``image``."""
    return f"{PREFIX}{_UNSAFE.sub('-', image)}-{_UNSAFE.sub('-', spec)}".lower()


#: ML Studio's logo, copied into every spec folder: the launcher shows it on the kernel's card.
LOGO = Path(__file__).with_name("logo-svg.svg")


def display_name(image: ResolvedImage, spec: dict[str, str]) -> str:
    """What the launcher and the kernel picker call a spec: the image's display name (its
    name without one), and the spec's own when the image offers more than one."""
    shown = image.display_name or image.name
    if len(image.kernel_specs) <= 1:
        return shown
    return f"{shown} · {spec.get('display_name') or spec['name']}"


def kernel_json(image: ResolvedImage, spec: dict[str, str]) -> dict[str, Any]:
    return {
        "argv": image.argv(spec["name"]),
        "display_name": display_name(image, spec),
        "language": "python",
        "interrupt_mode": "signal",
        "env": {},
        "metadata": {
            "kernel_provisioner": {"provisioner_name": PROVISIONERS[image.kind], "config": {}},
            "mlstudio": {
                "image": image.name,
                "image_version": image.version,
                "kind": image.kind,
                "spec": spec["name"],
            },
        },
    }


class KernelSpecWriter:
    """Keeps ``folder`` holding exactly the specs of the usable images."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()

    def write(self, images: list[ResolvedImage]) -> list[str]:
        """Write a spec folder per (image, spec); remove the rest. Returns the kernel names."""
        wanted: dict[str, dict[str, Any]] = {}
        for image in images:
            for spec in image.kernel_specs:
                wanted[spec_name(image.name, spec["name"])] = kernel_json(image, spec)
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            for existing in self.folder.iterdir():
                if existing.name.startswith(PREFIX) and existing.name not in wanted:
                    shutil.rmtree(existing, ignore_errors=True)
            logo = LOGO.read_bytes()
            for name, body in wanted.items():
                target = self.folder / name / "kernel.json"
                _write_if_changed(self.folder / name / LOGO.name, logo)
                _write_if_changed(target, json.dumps(body, indent=1).encode())
        return sorted(wanted)


def _write_if_changed(target: Path, data: bytes) -> None:
    """Replace ``target`` atomically, only when its bytes differ (readers never see half)."""
    if target.is_file() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(target.suffix + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(target)
