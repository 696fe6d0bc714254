-- The least time PostgreSQL itself needs for what a bulk apply writes per new user, with no client
-- work at all: one set-based INSERT per table for 100,000 generated users, timed by psql, against
-- the same users inserted into a scratch copy of `users` (what bench:bulk's raw COPY writes).
-- Run against a migrated database with the demo tenant; it rolls back, leaving nothing:
--   DATABASE_URL=postgres://postgres@127.0.0.1:5432/apply_floor node services/domain/dist/services/domain/src/scripts/migrate.js --seed-demo
--   psql postgres://postgres@127.0.0.1:5432/apply_floor -f services/api/src/bench/apply-floor.sql
\timing on
SELECT t.id AS tenant, (SELECT id FROM roles WHERE tenant_id = t.id LIMIT 1) AS role, (SELECT id FROM teams WHERE tenant_id = t.id LIMIT 1) AS team
  FROM tenants t WHERE slug = 'demo' \gset
BEGIN;
CREATE TEMP TABLE v ON COMMIT DROP AS
  SELECT gen_random_uuid() AS id, 'floor' || g || '@bench.test' AS email, 'First' || g AS first_name, 'Last' || g AS last_name, 900000 + g AS extension
    FROM generate_series(1, 100000) g;
\echo users
INSERT INTO users (id, tenant_id, email, email_key, first_name, last_name, alias, extension, status, version)
  SELECT id, :'tenant', email, email, first_name, last_name, first_name || ' ' || last_name, extension, 'INVITED', 1 FROM v;
\echo user_roles
INSERT INTO user_roles (tenant_id, user_id, role_id) SELECT :'tenant', id, :'role' FROM v;
\echo team_memberships
INSERT INTO team_memberships (tenant_id, user_id, team_id, role) SELECT :'tenant', id, :'team', 'MEMBER' FROM v;
\echo invitations
INSERT INTO invitations (tenant_id, user_id, token_hash) SELECT :'tenant', id, md5(id::text) || md5(email) FROM v;
\echo email_outbox
INSERT INTO email_outbox (tenant_id, kind, to_address, subject, body_text)
  SELECT :'tenant', 'invitation', email, 'You are invited to Switchboard',
         'Hello ' || first_name || ', you have been invited to the contact center console. Set your password: https://console.example/accept-invitation?token=' || md5(email)
    FROM v;
\echo audit_events
INSERT INTO audit_events (tenant_id, action, target_type, target_id, after)
  SELECT :'tenant', 'user.create', 'user', id,
         jsonb_build_object('email', email, 'firstName', first_name, 'lastName', last_name, 'roles', jsonb_build_array(:'role'), 'teams', jsonb_build_array(:'team'))
    FROM v;
\echo 'scratch copy of users (what the raw COPY writes)'
CREATE TABLE scratch_users (LIKE users INCLUDING DEFAULTS INCLUDING INDEXES);
INSERT INTO scratch_users (id, tenant_id, email, email_key, first_name, last_name, alias, extension, status, version)
  SELECT gen_random_uuid(), :'tenant', 'x' || email, 'x' || email, first_name, last_name, first_name || ' ' || last_name, extension, 'INVITED', 1 FROM v;
ROLLBACK;
