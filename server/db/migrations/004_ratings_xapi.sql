-- Instructors' ratings of attempts (OSATS-style items of src/attempt/attemptReview.ts, 1-5 each):
-- one row per rater per attempt, so two raters keep two ratings (inter-rater checks). A rating
-- goes with its attempt and with its rater.
CREATE TABLE ratings (
  attempt_id uuid NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
  rater_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  plus text NOT NULL,
  delta text NOT NULL,
  items jsonb NOT NULL,
  total integer,
  rated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (attempt_id, rater_id)
);
CREATE INDEX ratings_rater ON ratings (rater_id);

-- xAPI statements for the institution's LRS, written in the same transaction as the event that
-- causes them and sent by a loop in every instance (SELECT ... FOR UPDATE SKIP LOCKED). The
-- statement id is derived from the attempt and the verb, so a retry never makes a second one.
-- sent_at: the LRS took it (or already had it: 409); failed_at: the LRS refused it for good.
-- seq: the order statements were queued in (launched before initialized), the order they are sent in.
CREATE TABLE xapi_outbox (
  statement_id uuid PRIMARY KEY,
  seq bigserial NOT NULL,
  attempt_id uuid NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
  body jsonb NOT NULL,
  tries integer NOT NULL DEFAULT 0,
  next_try_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  failed_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX xapi_outbox_due ON xapi_outbox (seq) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX xapi_outbox_attempt ON xapi_outbox (attempt_id);

-- Deleting an attempt (a trainee's data erased on request) takes its scoring jobs with it.
ALTER TABLE scoring_jobs DROP CONSTRAINT scoring_jobs_attempt_id_fkey;
ALTER TABLE scoring_jobs ADD CONSTRAINT scoring_jobs_attempt_id_fkey
  FOREIGN KEY (attempt_id) REFERENCES attempts (id) ON DELETE CASCADE;
