-- The database of Reptile Sine Lab on PostgreSQL: a login role and a database it owns (the server creates its
-- tables at start-up, by its migrations). Run once, as the PostgreSQL superuser, with the password you put in
-- /etc/reptile/reptile.env as REPTILE_DB_PASSWORD (the script on stdin: the postgres user need not read your checkout):
--   sudo -u postgres psql -v ON_ERROR_STOP=1 -v password='the password' < deploy/postgres-setup.sql
-- Debian's pg_hba.conf accepts passwords (scram-sha-256) from 127.0.0.1; for workers on other machines, add a
-- `host reptile reptile <their network> scram-sha-256` line and listen_addresses to postgresql.conf.

CREATE ROLE reptile LOGIN PASSWORD :'password';
-- UTF-8 whatever the cluster's default; the C locale sorts by bytes, the same on every machine.
CREATE DATABASE reptile OWNER reptile ENCODING 'UTF8' LOCALE 'C' TEMPLATE template0;
-- Only its owner (and superusers) may connect.
REVOKE CONNECT, TEMPORARY ON DATABASE reptile FROM PUBLIC;
