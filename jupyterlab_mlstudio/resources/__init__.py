"""The resource overview: everything a user has running (kernels, apps, jobs, endpoints) with its
instance type, run time and memory, stopped from one place; admins see and stop everyone's."""
