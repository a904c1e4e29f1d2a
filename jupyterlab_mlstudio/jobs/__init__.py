"""One shape for every job kind: a state machine, a runner per job, one supervisor per server.

A job kind (training jobs and image versions today; tuning jobs, endpoint deployments, batch
transform and processing next) plugs in by declaring three things and inventing nothing else:

1. **Its table and its machine** (``machine.StateMachine``): an enum of states, a transition
   table (every state has a row; terminal states have an empty one), the initial state, the
   column that holds the state and any columns derived from it (training's primary ``status``
   follows its ``secondary_status``), an optional JSON column for SageMaker's transition log,
   and which states are *active*, i.e. driven by a runner. By default every non-terminal state
   is active; a kind with resting states lists only its working ones (an endpoint is driven
   while Creating, Updating, SystemUpdating, RollingBack or Deleting, and rests InService or
   Failed until the next request). The table module calls ``MACHINE.guard(RecordClass)`` right
   under the class: from then on, assigning a status column anywhere but inside the machine's
   ``begin()`` (a new record) or ``transition()`` raises ``StatusWriteRefused``.
2. **Its kind** (``supervisor.JobKind``): ``name`` (``training-job``, in job keys, events and
   capacity reservations), ``record``, ``machine``, ``event`` (the jupyter_events schema emitted
   after every move, with ``snapshot()`` as payload), and ``runner()``. ``find()`` and
   ``adoptable()`` default to tables with ``name``/``domain``/``space``/``owner``/``supervisor``
   columns; ``moved()`` is a hook run after a move commits, before its event.
3. **Its runner** (``runner.JobRunner``), a thread per job: ``execute()`` carries the job from
   whatever state its record is in (so an adopted job resumes), calling ``self.move(to, message,
   failure_reason, changes=...)`` for every change of state and ``self.supervisor.write()`` for
   anything else it records; ``fail(reason)`` records a failure of the server itself. Work that
   needs the host (hosts, trials, endpoint instances, processing and transform jobs) takes it
   from the capacity ledger with ``wait_for_capacity()``: a claim that does not fit moves the job
   to its waiting state once, with the ledger's reason, and the runner wakes when a reservation
   is returned anywhere on the host.

The server builds one ``JobSupervisor`` and registers every kind. The supervisor is the one
writer of status (``move``: the kind's ``changes`` and the transition commit together under the
job's lock, then ``moved()``, then the event), starts runners (``submit``), stops jobs
(``request_stop``: the stopping state now, then the runner ends the work), adopts on start every
kind's records in an active state that this server left behind, and on shutdown detaches from
runners without stopping what they run. A kind that drives another (a tuning job's trials are
training jobs) creates and stops those through the other kind's service and waits for their
moves like any client; it never writes their records.
"""
