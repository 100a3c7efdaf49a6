"""Act: deliver tasks to the sinks people work in, through the outbox, and read their changes back.

The store decides and remembers (it is the source of truth for every phase); the sinks only
render a neutral task and deliver it. Network sinks take an ``httpx.Client`` so tests can point
them at local servers.
"""
