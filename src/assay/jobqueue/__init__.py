"""The database is the queue: claims, leases, heartbeats, fencing, and the workers that use them."""
