"""Notebook kernels inside registered images, limited to an instance type's CPUs, memory and
GPUs, started by jupyter_client kernel provisioners."""
