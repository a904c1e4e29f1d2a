# JupyterHub configuration of an ML Studio domain, for
#     jupyterhub -f "$(python -m jupyterlab_mlstudio.hub)"
# A trial on the embedded defaults: JupyterHub's native authenticator (sign up at /hub/signup;
# the user named "admin" authorizes the others at /hub/authorize), every user's server started
# as this account with a home under the state folder, and one shared SQLite store and file
# object store for all of them. For real use, write a configuration of your own that calls
# configure(c) and sets c.MLStudioDomain.db_url (PostgreSQL), object_store_root (s3://...),
# an authenticator and a spawner of your choice: see the README's "A team on JupyterHub".
from jupyterlab_mlstudio.hub import configure

configure(get_config())  # type: ignore[name-defined]  # noqa: F821 (JupyterHub provides it)
