"""The inference toolkit's convention: ``model_fn``, ``input_fn``, ``predict_fn``, ``output_fn``
(or ``transform_fn``) from the module ``SAGEMAKER_PROGRAM`` names, defaults for the rest.

Runs inside the unit (standard library and numpy only). The module is looked for in the staged
submit directory (``SAGEMAKER_SUBMIT_DIRECTORY``, ``/opt/ml/code``) and in
``/opt/ml/model/code``, both put on ``sys.path`` so it imports its neighbours. Without
``SAGEMAKER_PROGRAM`` it is ``inference.py`` if present; without any module the built-in
handlers serve the model (``builtin.py``). Every hook may take a trailing ``context``
argument, as with the toolkit; ``pre_model_fn(model_dir)``, ``model_warmup_fn(model_dir,
model)`` and ``execution_parameters_fn()`` are honoured too.

Errors: a content type nobody reads is 415, an Accept nobody writes 406 (checked before the
model runs), a body that is not what its type says 400; an exception in the model's code is 500
with the exception's message as the body (its traceback goes to the unit's log), or the
exception's own ``status_code`` when it carries one (the toolkit's errors do).
"""

from __future__ import annotations

import importlib.util
import inspect
import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import builtin, codecs
from .codecs import InferenceError

HOOKS = ("model_fn", "input_fn", "predict_fn", "output_fn", "transform_fn")
#: Positional arguments of each hook without the optional trailing ``context``.
ARITY = {
    "model_fn": 1,
    "input_fn": 2,
    "predict_fn": 2,
    "output_fn": 2,
    "transform_fn": 4,
    "pre_model_fn": 1,
    "model_warmup_fn": 2,
}


@dataclass
class ServingContext:
    """What a hook that takes ``context`` gets: the model folder, the GPU it may use, the
    request's custom attributes, and response headers it may set."""

    model_dir: str
    gpu_id: int | None = None
    custom_attributes: str | None = None
    response_headers: dict[str, str] = field(default_factory=dict)

    @property
    def system_properties(self) -> dict[str, Any]:
        return {"model_dir": self.model_dir, "gpu_id": self.gpu_id}


@dataclass(frozen=True)
class Reply:
    """One answer of ``/invocations``."""

    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Layout:
    """Where the unit finds its model and code (``SAGEMAKER_BASE_DIR``, ``/opt/ml``)."""

    base_dir: str

    @property
    def model_dir(self) -> str:
        return os.path.join(self.base_dir, "model")

    def code_dirs(self, submit_directory: str | None) -> list[str]:
        dirs = []
        if submit_directory and "://" not in submit_directory:
            dirs.append(submit_directory)
        dirs.append(os.path.join(self.base_dir, "code"))
        dirs.append(os.path.join(self.model_dir, "code"))
        unique: list[str] = []
        for folder in dirs:
            if folder not in unique and os.path.isdir(folder):
                unique.append(folder)
        return unique


def _wants_context(function: Any, hook: str) -> bool:
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    positional = [
        item
        for item in parameters.values()
        if item.kind in (item.POSITIONAL_ONLY, item.POSITIONAL_OR_KEYWORD)
    ]
    return len(positional) == ARITY[hook] + 1


class InferenceHandler:
    """The model and its hooks, loaded once per worker; ``invoke`` answers one request."""

    def __init__(
        self,
        layout: Layout,
        program: str | None = None,
        submit_directory: str | None = None,
        default_accept: str = codecs.JSON,
    ) -> None:
        self.layout = layout
        self.explicit_program = bool(program)
        self.program = program or "inference.py"
        self.submit_directory = submit_directory
        self.default_accept = codecs.media_type(default_accept) or codecs.JSON
        self.explicit_accept = default_accept != codecs.JSON
        self.module: Any = None
        self.module_path: str | None = None
        self.hooks: dict[str, Any] = {}
        self.model: Any = None
        gpu = os.environ.get("CUDA_VISIBLE_DEVICES", "")
        self.gpu_id = 0 if gpu.strip() else None

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> InferenceHandler:
        env = os.environ if environ is None else environ
        return cls(
            Layout(env.get("SAGEMAKER_BASE_DIR") or "/opt/ml"),
            program=env.get("SAGEMAKER_PROGRAM") or env.get("sagemaker_program") or None,
            submit_directory=env.get("SAGEMAKER_SUBMIT_DIRECTORY")
            or env.get("sagemaker_submit_directory"),
            default_accept=env.get("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT") or codecs.JSON,
        )

    # -- loading ---------------------------------------------------------------------------

    def _find_program(self) -> str | None:
        dirs = self.layout.code_dirs(self.submit_directory)
        for folder in dirs:
            candidate = os.path.join(folder, self.program)
            if os.path.isfile(candidate):
                return candidate
        if self.explicit_program:
            looked = ", ".join(dirs) or "no code folder exists"
            raise RuntimeError(
                f"SAGEMAKER_PROGRAM={self.program} was not found (looked in {looked})"
            )
        return None

    def load(self) -> None:
        """Import the inference module (if any), check its hooks, load the model."""
        path = self._find_program()
        if path is not None:
            for folder in reversed(self.layout.code_dirs(self.submit_directory)):
                if folder not in sys.path:
                    sys.path.insert(0, folder)
            if os.path.isfile(os.path.join(os.path.dirname(path), "requirements.txt")):
                print(
                    "ML Studio serving: requirements.txt is not installed by the unit; the "
                    "image or environment must already hold what it lists",
                    flush=True,
                )
            name = Path(path).stem
            spec = importlib.util.spec_from_file_location(name, path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
            self.module, self.module_path = module, path
            self.hooks = {
                hook: getattr(module, hook)
                for hook in (*HOOKS, "pre_model_fn", "model_warmup_fn", "execution_parameters_fn")
                if callable(getattr(module, hook, None))
            }
            if "transform_fn" in self.hooks and {"input_fn", "predict_fn", "output_fn"} & set(
                self.hooks
            ):
                raise RuntimeError(
                    f"{self.program} defines transform_fn together with input_fn, predict_fn or "
                    "output_fn: transform_fn replaces all three, so define one or the others"
                )
        else:
            self._use_algorithm()
        described = f"{self.program} ({', '.join(sorted(self.hooks)) or 'no hooks'})"
        print(
            f"ML Studio serving: inference code {described}"
            if path
            else "ML Studio serving: no inference code; the built-in handlers serve the model",
            flush=True,
        )
        model_dir = self.layout.model_dir
        if "pre_model_fn" in self.hooks:
            self._call("pre_model_fn", model_dir)
        if "model_fn" in self.hooks:
            self.model = self._call("model_fn", model_dir)
            if "predict_fn" not in self.hooks and "transform_fn" not in self.hooks:
                self.model = builtin.prepare(self.model)
        else:
            self.model = builtin.load_model(model_dir)
        if "model_warmup_fn" in self.hooks:
            self._call("model_warmup_fn", model_dir, self.model)

    def _use_algorithm(self) -> bool:
        """Without inference code, a built-in algorithm's model (named by the unit's
        environment or the artifact's marker) is served by the algorithm's own hooks."""
        from ..algorithms import serving as algorithm_serving

        name = algorithm_serving.algorithm_of(self.layout.model_dir)
        if name is None:
            return False
        self.hooks = algorithm_serving.hooks(name)
        if not self.explicit_accept:
            self.default_accept = algorithm_serving.default_accept(name)
        print(f"ML Studio serving: the built-in {name} algorithm serves the model", flush=True)
        return True

    def _call(self, hook: str, *args: Any, context: ServingContext | None = None) -> Any:
        function = self.hooks[hook]
        if _wants_context(function, hook):
            return function(*args, context or self._context())
        return function(*args)

    def _context(self, custom_attributes: str | None = None) -> ServingContext:
        return ServingContext(self.layout.model_dir, self.gpu_id, custom_attributes)

    def execution_parameters(self) -> dict[str, Any] | None:
        """What ``execution_parameters_fn()`` says (``GET /execution-parameters``), if defined."""
        if "execution_parameters_fn" not in self.hooks:
            return None
        return dict(self.hooks["execution_parameters_fn"]())

    # -- answering -------------------------------------------------------------------------

    def invoke(
        self,
        body: bytes,
        content_type: str | None,
        accept: str | None,
        custom_attributes: str | None = None,
    ) -> Reply:
        """One request through the hooks; every failure becomes a ``Reply`` with its status."""
        context = self._context(custom_attributes)
        try:
            status, payload, kind = self._run(body, content_type, accept, context)
        except InferenceError as error:
            return Reply(error.status, error.message.encode(), "text/plain; charset=utf-8")
        except Exception as error:
            traceback.print_exc()
            sys.stderr.flush()
            code = getattr(error, "status_code", None)
            status = code if isinstance(code, int) and 400 <= code <= 599 else 500
            message = getattr(error, "message", None) or str(error) or type(error).__name__
            return Reply(status, f"{message}".encode(), "text/plain; charset=utf-8")
        headers = dict(context.response_headers)
        return Reply(status, payload, kind, headers)

    def _run(
        self, body: bytes, content_type: str | None, accept: str | None, context: ServingContext
    ) -> tuple[int, bytes, str]:
        kind = codecs.media_type(content_type) or codecs.JSON
        wanted = codecs.accepted(accept, self.default_accept)
        data = codecs.as_text(body, kind)
        if "transform_fn" in self.hooks:
            result = self._call(
                "transform_fn", self.model, data, kind, ",".join(wanted), context=context
            )
            return self._reply(result, wanted[0])
        # The default output_fn refuses an Accept it cannot write before the model runs.
        response_kind = (
            ",".join(wanted) if "output_fn" in self.hooks else codecs.first_writable(wanted)
        )
        if "input_fn" in self.hooks:
            decoded = self._call("input_fn", data, kind, context=context)
        else:
            decoded = codecs.decode(data, kind)
        if "predict_fn" in self.hooks:
            prediction = self._call("predict_fn", decoded, self.model, context=context)
        else:
            prediction = builtin.predict(decoded, self.model)
        if "output_fn" in self.hooks:
            result = self._call("output_fn", prediction, response_kind, context=context)
            return self._reply(result, wanted[0])
        return 200, codecs.encode(prediction, response_kind), response_kind

    @staticmethod
    def _reply(result: Any, kind: str) -> tuple[int, bytes, str]:
        """A hook's result: a body, or ``(body, content_type)``."""
        if isinstance(result, tuple) and len(result) == 2:
            result, kind = result
        if result is None:
            payload = b""
        elif isinstance(result, bytes):
            payload = result
        elif isinstance(result, str):
            payload = result.encode()
        elif isinstance(result, (bytearray, memoryview)):
            payload = bytes(result)
        else:
            payload = codecs.encode(result, codecs.first_writable([kind]))
        return 200, payload, str(kind)
