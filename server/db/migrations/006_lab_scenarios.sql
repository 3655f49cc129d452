-- Scenarios instructors author and keep on the lab server, one row per version of a scenario id.
-- A draft may be replaced by its owner; a published version is frozen (an assignment and every
-- attempt on it name that exact version and content hash). The id belongs to the instructor who
-- first stored it; an owner removed leaves the scenario (assignments may name it) without owner.
-- scenario_json is the scenario as validated (levels/scenarioSchema.ts, after the format's
-- migrations), at the current scenario schema version.
CREATE TABLE lab_scenarios (
  id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published')),
  title text NOT NULL,
  scenario_json text NOT NULL,
  scenario_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  PRIMARY KEY (id, version)
);
CREATE INDEX lab_scenarios_owner ON lab_scenarios (owner_id);
