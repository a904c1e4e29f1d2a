"""Starts a kernel inside its instance type's limits, then becomes it (``exec``).

Standard library only and Python 3.6+, because it also runs inside Docker images, whatever
Python they ship::

    python limits.py --cpus 0,1 --memory 4294967296 -- python -m ipykernel_launcher -f F

``--cpus`` pins the kernel (and everything it starts) to those CPUs, so ``os.sched_getaffinity``,
``torch`` and BLAS libraries see exactly that many. ``--memory`` caps the kernel's data segment
(RLIMIT_DATA, which counts heap and anonymous mappings): an allocation past the instance type's
memory fails inside the kernel with ``MemoryError``, and the host is never pushed into swap.

``--namespace MODE --bind SOURCE:TARGET`` (process kernels on this host only) gives the kernel
private read-only bind mounts (``/opt/ml/metadata``) in a mount namespace of its own, with the
process backend's own code (``runtime/isolation.py``). A host that refuses it costs the kernel
the mounts, never its start: the reason goes to stderr.
"""

import os
import resource
import sys

THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "NUMEXPR_MAX_THREADS",
)


def private_mounts(mode, binds):
    """Enter a mount namespace (``mode``: "mount" or "user") and bind ``binds`` there."""
    runtime = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "runtime")
    sys.path.insert(0, runtime)
    try:
        import isolation

        isolation.enter(mode)
        isolation.mount_all(binds)
    except (ImportError, OSError) as error:
        targets = ", ".join(bind["target"] for bind in binds)
        sys.stderr.write(f"ML Studio: the kernel runs without {targets}: {error}\n")
    finally:
        sys.path.remove(runtime)


def main(argv):
    cpus = None
    memory = None
    namespace = None
    binds = []
    if "--" not in argv:
        sys.stderr.write("usage: limits.py [--cpus LIST] [--memory BYTES] -- COMMAND...\n")
        return 2
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1 :]
    while options:
        name = options.pop(0)
        value = options.pop(0) if options else ""
        if name == "--cpus" and value:
            cpus = [int(cpu) for cpu in value.split(",")]
        elif name == "--memory" and value:
            memory = int(value)
        elif name == "--namespace" and value:
            namespace = value
        elif name == "--bind" and ":" in value:
            source, target = value.rsplit(":", 1)
            binds.append({"source": source, "target": target, "read_only": True})
    if cpus:
        available = os.sched_getaffinity(0)
        chosen = [cpu for cpu in cpus if cpu in available] or sorted(available)[: len(cpus)]
        os.sched_setaffinity(0, chosen)
        for variable in THREAD_VARIABLES:
            os.environ.setdefault(variable, str(len(chosen)))
    if namespace and binds:
        private_mounts(namespace, binds)
    if memory:
        resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    os.execvp(command[0], command)
    return 127


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
