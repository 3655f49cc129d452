-- Assignments: an instructor's set of published scenarios for a cohort or one trainee, as practice
-- or as an exam. Every key to a user or an attempt cascades, so deleting a user removes what hangs
-- on them (the user deletion relies on it).
CREATE TABLE assignments (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('practice', 'exam')),
  due_at timestamptz,
  -- NULL: unlimited (practice only; an exam always has a number).
  attempts_allowed integer CHECK (attempts_allowed BETWEEN 1 AND 50),
  -- NULL: each scenario's own pass score.
  pass_mark double precision CHECK (pass_mark BETWEEN 0 AND 100),
  seed_policy text NOT NULL CHECK (seed_policy IN ('fixed', 'fresh')),
  -- The fixed policy's seed; NULL for 'fresh' (each attempt draws its own).
  seed bigint,
  -- The target: a cohort or one trainee, never both.
  cohort_id uuid REFERENCES cohorts (id) ON DELETE CASCADE,
  trainee_id uuid REFERENCES users (id) ON DELETE CASCADE,
  released boolean NOT NULL DEFAULT false,
  released_at timestamptz,
  created_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((cohort_id IS NULL) <> (trainee_id IS NULL)),
  CHECK ((seed_policy = 'fixed') = (seed IS NOT NULL)),
  CHECK (mode = 'practice' OR attempts_allowed IS NOT NULL)
);
CREATE INDEX assignments_cohort ON assignments (cohort_id);
CREATE INDEX assignments_trainee ON assignments (trainee_id);
CREATE INDEX assignments_creator ON assignments (created_by);

-- The scenarios of an assignment, pinned at creation to the published version and content hash, so
-- an attempt on a later edit of the scenario is not one of this assignment.
CREATE TABLE assignment_scenarios (
  assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
  position integer NOT NULL,
  scenario_id text NOT NULL,
  scenario_version integer NOT NULL,
  scenario_hash text NOT NULL,
  title text NOT NULL,
  PRIMARY KEY (assignment_id, scenario_id)
);

-- Reservations: POST /api/assignments/:id/start makes one before any upload, and it counts against
-- attempts_allowed at once (an attempt abandoned or never uploaded still used a try). The attempt
-- row may not exist yet, so attempt_id is no foreign key; closed_at is set when an instructor's
-- restart closes a reservation that was never uploaded.
CREATE TABLE assignment_attempts (
  attempt_id uuid PRIMARY KEY,
  assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
  trainee_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scenario_id text NOT NULL,
  seed bigint NOT NULL,
  station text,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignment_attempts_assignment ON assignment_attempts (assignment_id, trainee_id);
CREATE INDEX assignment_attempts_trainee ON assignment_attempts (trainee_id);

-- Restarts an instructor granted: each adds one attempt to the trainee's attempts_allowed.
CREATE TABLE assignment_grants (
  id bigserial PRIMARY KEY,
  assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
  trainee_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  granted_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  granted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignment_grants_assignment ON assignment_grants (assignment_id, trainee_id);
