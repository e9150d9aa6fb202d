"""Search over earlier invitations and templates, so a new draft follows the closest ones.

One interface (`DocumentIndex`) with two stores: a local SQLite index on disk by default
and Azure AI Search in production, kept in sync from the SharePoint library.
"""
