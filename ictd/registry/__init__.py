"""The registry service: agencies, accounts, subjects, listings, relations and the audit log.

Every function takes the acting ``Actor``, checks ``ictd.security.policy``, does its work in
one store transaction and records an audit event in that same transaction. May import
``ictd.model``, ``ictd.security``, ``ictd.store``, ``ictd.exc``.
"""
