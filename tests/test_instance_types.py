"""The instance-type catalogue: sizes, availability with reasons, configuration."""

from __future__ import annotations

import pytest

from jupyterlab_mlstudio.compute.catalogue import InstanceTypeCatalogue, assess
from jupyterlab_mlstudio.compute.models import GIB, Gpu, HostResources, InstanceTypeSpec
from jupyterlab_mlstudio.core.errors import InvalidInput, NotFound

SMALL_HOST = HostResources(cpus=2, memory_bytes=24 * GIB, gpus=[])
GPU_HOST = HostResources(cpus=8, memory_bytes=64 * GIB, gpus=[Gpu(index=0, name="NVIDIA T4")])

REQUIRED = {
    "ml.t3.medium": (2, 4, 0),
    "ml.m5.large": (2, 8, 0),
    "ml.m5.xlarge": (4, 16, 0),
    "ml.c5.xlarge": (4, 8, 0),
    "ml.g4dn.xlarge": (4, 16, 1),
    "ml.g5.xlarge": (4, 16, 1),
}


async def test_catalogue_lists_sagemaker_sizes_and_local_types(api, services):
    code, body = await api("GET", "instance-types")
    assert code == 200
    by_name = {item["name"]: item for item in body["instance_types"]}
    for name, (vcpus, memory, gpus) in REQUIRED.items():
        item = by_name[name]
        assert (item["vcpus"], item["memory_gib"], item["gpus"]) == (vcpus, memory, gpus)
    host = services.monitor.host()
    assert by_name["local"]["vcpus"] == host.cpus and by_name["local"]["gpus"] == 0
    assert by_name["local"]["available"] is True
    assert body["default"] == "local"
    # Availability follows the host's GPUs, and an unavailable type says why in words
    for item in body["instance_types"]:
        needs = max(item["gpus"], 1 if item["name"] == "local_gpu" else 0)
        assert item["available"] == (
            needs <= len(host.gpus) and item["memory_gib"] * GIB <= host.memory_bytes + GIB / 100
        )
        if not item["available"]:
            assert item["reason"]


async def test_catalogue_filters_by_availability(api):
    code, body = await api("GET", "instance-types", available="true")
    assert code == 200 and body["instance_types"]
    assert all(item["available"] for item in body["instance_types"])


async def test_bad_query_value_is_a_400_naming_the_field(api):
    code, body = await api("GET", "instance-types", available="maybe")
    assert code == 400
    assert body["error"] == "InvalidInput" and body["field"] == "available"
    assert "available" in body["message"]


async def test_unknown_instance_type_is_a_404(api):
    code, body = await api("GET", "instance-types/ml.nope.large")
    assert code == 404 and body["error"] == "NotFound"
    code, body = await api("GET", "instance-types/ml.m5.large")
    assert code == 200 and body["name"] == "ml.m5.large"


def test_gpu_type_on_a_host_without_gpus_is_unavailable_with_a_reason():
    item = assess(InstanceTypeSpec(name="ml.g5.xlarge", vcpus=4, memory_gib=16, gpus=1), SMALL_HOST)
    assert item.available is False
    assert item.reason == "needs 1 GPU; this host has none"
    item = assess(InstanceTypeSpec(name="ml.g5.xlarge", vcpus=4, memory_gib=16, gpus=1), GPU_HOST)
    assert item.available is True and item.reason is None


def test_local_gpu_needs_at_least_one_gpu_and_takes_them_all():
    spec = InstanceTypeSpec(name="local_gpu", vcpus=None, memory_gib=None, gpus=None)
    assert assess(spec, SMALL_HOST).reason == "needs 1 GPU; this host has none"
    on_gpu_host = assess(spec, GPU_HOST)
    assert (
        on_gpu_host.available
        and on_gpu_host.gpus == 1
        and on_gpu_host.vcpus == 8
        and on_gpu_host.local
    )


def test_more_memory_than_the_host_is_unavailable_but_more_vcpus_only_shares_cores():
    big = assess(InstanceTypeSpec(name="ml.m5.4xlarge", vcpus=16, memory_gib=64), SMALL_HOST)
    assert not big.available and big.reason == "needs 64 GiB of memory; this host has 24.0 GiB"
    wide = assess(InstanceTypeSpec(name="ml.m5.xlarge", vcpus=4, memory_gib=16), SMALL_HOST)
    assert wide.available and wide.effective_vcpus == 2
    assert wide.note == "runs on this host's 2 CPUs instead of 4 vCPUs"


def test_require_refuses_unknown_and_unavailable_types_with_the_reason():
    catalogue = InstanceTypeCatalogue(host=lambda: SMALL_HOST)
    assert catalogue.require(None).name == "local"
    with pytest.raises(InvalidInput, match="needs 1 GPU"):
        catalogue.require("ml.g4dn.xlarge")
    with pytest.raises(InvalidInput, match="No instance type named"):
        catalogue.require("ml.x.large")
    with pytest.raises(NotFound):
        catalogue.get("ml.x.large")


def test_catalogue_configuration_is_validated():
    from traitlets import TraitError

    with pytest.raises(TraitError, match="listed twice"):
        InstanceTypeCatalogue(
            host=lambda: SMALL_HOST, instance_types=[{"name": "a"}, {"name": "a"}]
        )
    with pytest.raises(TraitError, match="Invalid instance type"):
        InstanceTypeCatalogue(host=lambda: SMALL_HOST, instance_types=[{"name": "a", "vcpus": -1}])


class TestConfiguredCatalogue:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        jp_server_config["InstanceTypeCatalogue"] = {
            "instance_types": [
                {"name": "workstation", "vcpus": 1, "memory_gib": 1, "description": "my box"},
                {"name": "local", "vcpus": None, "memory_gib": None},
            ],
            "default_instance_type": "workstation",
        }
        return jp_server_config

    async def test_traitlets_configure_the_catalogue(self, api):
        code, body = await api("GET", "instance-types")
        assert code == 200
        assert [item["name"] for item in body["instance_types"]] == ["workstation", "local"]
        assert body["default"] == "workstation"
        assert body["instance_types"][0]["description"] == "my box"
