-- Messages an instructor watching an attempt live sends to its station: a note, or a pause or
-- resume of a practice attempt's clock. seq numbers them per attempt (1, 2, ...) so the station asks
-- only for what is new; the sender's name is kept with the message, so the station still shows who
-- wrote it after that account is removed. The messages go with their attempt.
CREATE TABLE attempt_messages (
  attempt_id uuid NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('note', 'pause', 'resume')),
  body text,
  from_id uuid REFERENCES users (id) ON DELETE SET NULL,
  from_name text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (attempt_id, seq)
);
