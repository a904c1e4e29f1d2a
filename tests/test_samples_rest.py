"""The sample notebooks on the REST face (``GET /samples``, ``GET /samples/{name}``): what the
launcher and the sidebar list, and the notebook they copy into the workspace, read from the
installed package."""

from __future__ import annotations

import json

import nbformat

from jupyterlab_mlstudio.examples.catalogue import FOLDER, SAMPLES


async def test_the_listing_names_every_notebook_the_package_ships(api):
    # Given the samples folder of the installed package
    shipped = sorted(path.name for path in FOLDER.glob("*.ipynb"))

    # When the front end lists the samples
    code, body = await api("GET", "samples")

    # Then every shipped notebook is listed once, with a title and a description
    assert code == 200, body
    assert sorted(item["name"] for item in body["samples"]) == shipped
    assert len(shipped) == 5
    assert all(item["title"] and item["description"] for item in body["samples"])


async def test_a_sample_comes_with_its_notebook_as_valid_nbformat(api):
    # When the front end reads each sample
    for sample in SAMPLES:
        code, body = await api("GET", f"samples/{sample.file}")

        # Then it gets the notebook the package ships, which nbformat accepts as it is
        assert code == 200, body
        assert (body["name"], body["title"]) == (sample.file, sample.title)
        notebook = nbformat.reads(json.dumps(body["content"]), as_version=4)
        nbformat.validate(notebook)
        assert notebook == nbformat.read(FOLDER / sample.file, as_version=4)
        # And the notebook ships without outputs: a copy starts clean
        assert all(not cell.get("outputs") for cell in notebook.cells)


async def test_an_unknown_or_escaping_name_is_a_clear_404(api):
    # Given names that are not samples, one trying to leave the folder
    for name in ("nothing.ipynb", "..%2F__init__.py", "catalogue.py"):
        # When the front end asks for it
        code, body = await api("GET", f"samples/{name}")

        # Then the server answers 404 naming the samples there are, and reads no other file
        assert code == 404, (name, body)
        assert body["error"] == "NotFound"
        assert "kmeans_digits.ipynb" in body["message"]
