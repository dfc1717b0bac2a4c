"""The local SQL store (SQLModel): the only package that talks SQL. Also settings and errors."""
