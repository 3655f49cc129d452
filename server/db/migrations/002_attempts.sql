-- Attempts as uploaded (the attempt file, v2, as text: exactly what the server checked and signs),
-- with the server's own score. The score columns are written only by the scoring workers.
CREATE TABLE attempts (
  id uuid PRIMARY KEY,
  trainee_id uuid NOT NULL REFERENCES users (id),
  scenario_id text NOT NULL,
  scenario_version integer NOT NULL,
  scenario_hash text NOT NULL,
  mode text NOT NULL,
  seed bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('in-progress', 'finished', 'abandoned')),
  station text,
  started_at text,
  ended_at text,
  log_length integer NOT NULL,
  end_tick integer NOT NULL,
  file_json text NOT NULL,
  body_hash text NOT NULL,
  revision integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  scoring text CHECK (scoring IN ('queued', 'running', 'done', 'failed')),
  report jsonb,
  score_total double precision,
  score_passed boolean,
  critical_errors integer,
  scored_sim_version text,
  scored_at timestamptz,
  scoring_error text
);
CREATE INDEX attempts_trainee ON attempts (trainee_id);

-- The re-scoring queue: any server instance takes the oldest queued job with
-- SELECT ... FOR UPDATE SKIP LOCKED, so two workers never take the same one. A running job whose
-- lease ran out (its instance stopped) is taken again.
CREATE TABLE scoring_jobs (
  id bigserial PRIMARY KEY,
  attempt_id uuid NOT NULL REFERENCES attempts (id),
  revision integer NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  tries integer NOT NULL DEFAULT 0,
  worker text,
  lease_until timestamptz,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX scoring_jobs_open ON scoring_jobs (id) WHERE state IN ('queued', 'running');
