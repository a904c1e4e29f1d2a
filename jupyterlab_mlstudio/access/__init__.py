"""Who may do what: the roles of a domain (``admin``, ``member``, ``viewer``) enforced through
jupyter_server's Authorizer on every face, and the audit log of what they did."""
