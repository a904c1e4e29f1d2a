"""Domains: the team a server belongs to, its user profiles, their spaces and the apps that run
in those spaces, and the access keys that sign each user's AWS requests.

A domain holds user profiles (each with a role, ``admin``, ``member`` or ``viewer``, and
defaults for image, instance type and idle timeouts); every profile has a private space made
with it, and shared spaces have members. An app is a space's JupyterLab server; what starts it
is an :class:`~.launcher.AppLauncher` (JupyterHub's spawner on a team's hub; on a plain
``jupyter lab`` the server itself is the one app of its user's private space). A single-user
server is a one-person domain: :meth:`.service.DomainService.ensure_default` makes the default
domain, the server's user as its admin and that user's private space (the space every record
made on the server carries) with no set-up.
"""
