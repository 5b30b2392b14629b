CREATE TABLE "membership_insight_counts" (
	"kind" text NOT NULL,
	"month" date NOT NULL,
	"unit_id" uuid,
	"prev_unit" uuid,
	"type_id" uuid,
	"status" text,
	"code" integer,
	"reason" text,
	"n" integer NOT NULL,
	CONSTRAINT "membership_insight_counts_key" UNIQUE NULLS NOT DISTINCT("kind","month","unit_id","prev_unit","type_id","status","code","reason")
);
--> statement-breakpoint
CREATE TABLE "membership_insight_facts" (
	"membership_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"unit_id" uuid,
	"prev_unit" uuid,
	"type_id" uuid,
	"status" text,
	"code" integer,
	"reason" text
);
--> statement-breakpoint
CREATE INDEX "membership_insight_counts_empty_idx" ON "membership_insight_counts" USING btree ("kind") WHERE n = 0;--> statement-breakpoint
CREATE INDEX "membership_insight_facts_membership_idx" ON "membership_insight_facts" USING btree ("membership_id");--> statement-breakpoint
CREATE INDEX "membership_insight_facts_day_idx" ON "membership_insight_facts" USING btree ("day","kind");--> statement-breakpoint
-- The insights figures' facts of some memberships, from their whole history in membership_events:
-- each event in the order on_date, created_at, id; see membership_insight_facts in
-- src/features/members/tables.ts for what each kind means.
CREATE FUNCTION membership_insight_facts_of(ids uuid[]) RETURNS TABLE (membership_id uuid, kind text, day date, unit_id uuid, prev_unit uuid, type_id uuid, status text, code integer, reason text)
LANGUAGE sql STABLE AS $$
  WITH h AS (
    SELECT e.membership_id, e.on_date, e.status, e.type_id, e.unit_id, e.reason,
      lag(e.status) OVER w AS prev_status,
      lag(e.unit_id) OVER w AS prev_unit,
      lead(e.on_date) OVER w AS next_on,
      count(*) FILTER (WHERE e.status = 'active') OVER w AS actives
    FROM membership_events e
    WHERE e.membership_id = ANY(ids)
    WINDOW w AS (PARTITION BY e.membership_id ORDER BY e.on_date, e.created_at, e.id)
  )
  SELECT h.membership_id, 'began', h.on_date, h.unit_id, NULL::uuid, h.type_id, h.status, NULL::integer, NULL::text FROM h
  UNION ALL
  SELECT h.membership_id, 'ended', h.next_on, h.unit_id, NULL, h.type_id, h.status, NULL, NULL FROM h WHERE h.next_on IS NOT NULL
  UNION ALL
  -- A join: active from no state, applicant, rejected or a left status; its state 6, 12 and 24
  -- months on is that of the latest event on or before that day (date plus months clamps to the
  -- month's end: 31 August + 6 months is 28 February).
  SELECT h.membership_id, 'join', h.on_date, h.unit_id, NULL, NULL, NULL,
    CASE WHEN h.actives > 1 THEN 54 ELSE 27 END
      + (SELECT sum(CASE WHEN (SELECT x.status FROM membership_events x
            WHERE x.membership_id = h.membership_id AND x.on_date <= (h.on_date + make_interval(months => m.months))::date
            ORDER BY x.on_date DESC, x.created_at DESC, x.id DESC LIMIT 1) = 'active' THEN 1 ELSE 2 END * m.weight)
        FROM (VALUES (6, 9), (12, 3), (24, 1)) AS m(months, weight))::integer,
    NULL
  FROM h WHERE h.status = 'active' AND h.prev_status IS DISTINCT FROM 'active'
  UNION ALL
  SELECT h.membership_id, 'move', h.on_date, h.unit_id, h.prev_unit, NULL, NULL, NULL, NULL
  FROM h WHERE h.status = 'active' AND h.prev_status = 'active' AND h.unit_id IS DISTINCT FROM h.prev_unit
  UNION ALL
  SELECT h.membership_id, 'leave', h.on_date, h.unit_id, NULL, NULL, h.status, NULL, nullif(btrim(h.reason, E' \t\n\r'), '')
  FROM h WHERE h.prev_status = 'active' AND h.status IN ('resigned', 'expelled', 'deceased')
$$;
--> statement-breakpoint
-- Recomputes the facts of some memberships and moves the monthly counts by the difference. The
-- memberships are locked first, so that two transactions changing one membership's history refresh
-- it one after the other, each from what the other committed.
CREATE FUNCTION membership_insight_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM memberships m WHERE m.id = ANY(ids) ORDER BY m.id FOR NO KEY UPDATE;
  WITH old AS (
    DELETE FROM membership_insight_facts f WHERE f.membership_id = ANY(ids)
    RETURNING f.kind, f.day, f.unit_id, f.prev_unit, f.type_id, f.status, f.code, f.reason
  ), new AS (
    INSERT INTO membership_insight_facts SELECT * FROM membership_insight_facts_of(ids)
    RETURNING kind, day, unit_id, prev_unit, type_id, status, code, reason
  ), delta AS (
    SELECT d.kind, date_trunc('month', d.day)::date AS month, d.unit_id, d.prev_unit, d.type_id, d.status, d.code, d.reason, sum(d.n)::integer AS n
    FROM (SELECT old.*, -1 AS n FROM old UNION ALL SELECT new.*, 1 AS n FROM new) d
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(d.n) <> 0
  )
  INSERT INTO membership_insight_counts AS c (kind, month, unit_id, prev_unit, type_id, status, code, reason, n)
  SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ON CONSTRAINT membership_insight_counts_key DO UPDATE SET n = c.n + excluded.n;
  DELETE FROM membership_insight_counts c WHERE c.n = 0;
END $$;
--> statement-breakpoint
CREATE FUNCTION membership_events_insight_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM membership_insight_refresh(ARRAY(SELECT DISTINCT n.membership_id FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM membership_insight_refresh(ARRAY(SELECT n.membership_id FROM new_rows n UNION SELECT o.membership_id FROM old_rows o));
  ELSE
    PERFORM membership_insight_refresh(ARRAY(SELECT DISTINCT o.membership_id FROM old_rows o));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER membership_events_insight_insert AFTER INSERT ON membership_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION membership_events_insight_refresh();
--> statement-breakpoint
CREATE TRIGGER membership_events_insight_update AFTER UPDATE ON membership_events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION membership_events_insight_refresh();
--> statement-breakpoint
CREATE TRIGGER membership_events_insight_delete AFTER DELETE ON membership_events REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION membership_events_insight_refresh();
--> statement-breakpoint
-- The history so far.
SELECT membership_insight_refresh(ARRAY(SELECT id FROM memberships));
