-- Run once by the postgres:17 image when its data volume is new (docker-entrypoint-initdb.d).
-- One database per service: no service reads another's tables. Owned by the compose user (grants).
CREATE DATABASE grants_grant;
CREATE DATABASE grants_review;
CREATE DATABASE grants_ledger;
