"""The data flow of one job: load → parse → extract → ground → score → validate → store."""
