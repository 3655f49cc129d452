-- Accounts, cohorts and sessions. Ids are UUIDs made by the server (crypto.randomUUID).
CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'instructor', 'trainee')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A cohort belongs to the instructor who made it; trainees join it with its code.
CREATE TABLE cohorts (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  join_code text NOT NULL UNIQUE,
  owner_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cohort_members (
  cohort_id uuid NOT NULL REFERENCES cohorts (id),
  user_id uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX cohort_members_user ON cohort_members (user_id);

-- Only the SHA-256 of a session token is stored: a copy of the database signs no one in.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed sign-ins per key ('user:<name>', 'ip:<address>') in a fixed window.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  count integer NOT NULL,
  window_start timestamptz NOT NULL
);
