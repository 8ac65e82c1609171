"""Webhook notifications: an outbox written with each status change, delivered with retries."""
