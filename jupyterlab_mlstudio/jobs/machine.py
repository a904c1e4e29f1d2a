"""A job kind's state machine: its states, the moves allowed between them, and the one function
that makes a move.

A table's status columns are guarded (``StateMachine.guard``): assigning one anywhere but inside
``begin()`` or ``transition()`` raises ``StatusWriteRefused``, so no service, runner or callable
handed to a session can change a job's status behind the machine's back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from enum import Enum
from typing import Any, Generic, TypeVar

from sqlalchemy import event

from ..core.clock import now_ms
from ..core.errors import IllegalTransition

S = TypeVar("S", bound=Enum)

#: Failure reasons are cut to SageMaker's limit.
REASON_LIMIT = 1024


class StatusWriteRefused(RuntimeError):
    """A status column was assigned outside its state machine: a bug, never a user's mistake."""


# The machine whose begin()/transition() is running in this thread, if any.
_writing: ContextVar[StateMachine[Any] | None] = ContextVar("mlstudio_status_writer", default=None)


class StateMachine(Generic[S]):
    """States of one job kind, the transitions between them, and the columns they drive.

    ``column`` holds the state; ``derived`` maps other columns to a value per state (training's
    primary ``status`` follows its secondary status). ``history`` names a JSON column that keeps
    SageMaker's transition log (``Status``, ``StartTime``, ``EndTime``, ``StatusMessage``);
    ``modified`` a column stamped with every move; ``reason`` the failure-reason column.
    ``on_enter(record, state, moment)`` stamps what else a kind times (training's start and end).

    Terminal states have no way out. ``active`` states are those in which a runner must drive
    the record (the supervisor adopts records in them after a restart); by default every state
    that is not terminal. A kind with resting states (an endpoint InService or Failed waits for
    the next request, it is not driven) lists only its working states as active. ``failed`` is
    where a job goes when its work cannot even begin (the supervisor's ``submit``).
    """

    def __init__(
        self,
        *,
        kind: str,
        states: type[S],
        transitions: Mapping[S, Iterable[S]],
        initial: S,
        column: str = "status",
        derived: Mapping[str, Mapping[S, str]] | None = None,
        active: Iterable[S] | None = None,
        history: str | None = None,
        reason: str | None = "failure_reason",
        modified: str | None = "last_modified_time",
        on_enter: Callable[[Any, S, int], None] | None = None,
        failed: S | None = None,
    ) -> None:
        missing = [state.value for state in states if state not in transitions]
        if missing:
            raise ValueError(f"{kind}: the transition table has no row for {missing}")
        self.kind = kind
        self.states = states
        self.transitions: dict[S, frozenset[S]] = {
            state: frozenset(targets) for state, targets in transitions.items()
        }
        self.initial = initial
        self.column = column
        self.derived = {name: dict(values) for name, values in (derived or {}).items()}
        self.terminal: frozenset[S] = frozenset(
            state for state, targets in self.transitions.items() if not targets
        )
        self.active: frozenset[S] = (
            frozenset(active) if active is not None else frozenset(states) - self.terminal
        )
        if self.active & self.terminal:
            raise ValueError(f"{kind}: a terminal state cannot be active")
        self.history = history
        self.reason = reason
        self.modified = modified
        self.on_enter = on_enter
        self.failed = failed

    # -- reading ---------------------------------------------------------------------------

    def state(self, record: Any) -> S:
        return self.states(getattr(record, self.column))

    def is_terminal(self, record: Any) -> bool:
        return self.state(record) in self.terminal

    def is_active(self, record: Any) -> bool:
        return self.state(record) in self.active

    def active_values(self) -> list[str]:
        """The active states as stored, for queries."""
        return sorted(str(state.value) for state in self.active)

    # -- writing ---------------------------------------------------------------------------

    def begin(self, record: Any, message: str, *, at: int | None = None) -> None:
        """Put a new record in the initial state (the only write of a state without a move)."""
        moment = at or now_ms()
        with self._writer():
            self._set_state(record, self.initial)
        if self.history:
            setattr(
                record,
                self.history,
                [{"Status": self.initial.value, "StartTime": moment, "StatusMessage": message}],
            )

    def transition(
        self,
        record: Any,
        to: S,
        message: str,
        *,
        failure_reason: str | None = None,
        at: int | None = None,
    ) -> None:
        """Move ``record`` to ``to``: stamp times, log the move, set the derived columns.

        Refuses (``IllegalTransition``) any move the table does not allow; terminal states
        never change again.
        """
        current = self.state(record)
        if to not in self.transitions[current]:
            name = getattr(record, "name", None) or getattr(record, "arn", "")
            raise IllegalTransition(
                f"{self.kind} {name} cannot go from {current.value} to {to.value}."
            )
        moment = at or now_ms()
        if self.history:
            entries = [dict(item) for item in getattr(record, self.history) or []]
            if entries and entries[-1].get("EndTime") is None:
                entries[-1]["EndTime"] = moment
            entry: dict[str, object] = {
                "Status": to.value,
                "StartTime": moment,
                "StatusMessage": message,
            }
            if to in self.terminal:
                entry["EndTime"] = moment
            entries.append(entry)
            setattr(record, self.history, entries)
        with self._writer():
            self._set_state(record, to)
        if self.modified:
            setattr(record, self.modified, moment)
        if self.on_enter is not None:
            self.on_enter(record, to, moment)
        if failure_reason is not None and self.reason:
            setattr(record, self.reason, failure_reason[:REASON_LIMIT])

    def guard(self, record_class: type) -> None:
        """Refuse every assignment of ``record_class``'s status columns outside this machine."""
        for name in (self.column, *self.derived):
            event.listen(getattr(record_class, name), "set", self._refuse_outside)

    # -- internals -------------------------------------------------------------------------

    def _set_state(self, record: Any, state: S) -> None:
        setattr(record, self.column, state.value)
        for name, values in self.derived.items():
            setattr(record, name, values[state])

    @contextmanager
    def _writer(self) -> Iterator[None]:
        token = _writing.set(self)
        try:
            yield
        finally:
            _writing.reset(token)

    def _refuse_outside(self, target: Any, value: Any, _old: Any, initiator: Any) -> None:
        if _writing.get() is not self:
            raise StatusWriteRefused(
                f"{type(target).__name__}.{initiator.key} = {value!r}: a {self.kind.lower()}'s "
                "status changes only through its state machine (the supervisor's move)."
            )
