"""A local Microsoft 365 tenant: a Graph v1.0-compatible server over a folder of data.

It plays the role Azurite plays for Storage: the product, its demo and its tests
run the same msgraph-sdk code path as in production, with no Azure account.
"""
