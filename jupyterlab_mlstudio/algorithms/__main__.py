"""``python -m jupyterlab_mlstudio.algorithms train NAME``: train a built-in algorithm in this
training unit (see ``train.py``)."""

import sys

from .train import run


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "train":
        print("usage: python -m jupyterlab_mlstudio.algorithms train NAME", file=sys.stderr)
        return 2
    return run(argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
