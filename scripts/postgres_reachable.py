"""Exit 0 when the PostgreSQL server in argv[1] answers, 1 otherwise."""

import sys

import psycopg

url = sys.argv[1]
# Connect to the server's maintenance database: the test database is created by the tests.
server = url.rsplit("/", 1)[0] + "/postgres"
try:
    with psycopg.connect(server, connect_timeout=3) as con:
        con.execute("select 1")
except psycopg.Error:
    sys.exit(1)
