CREATE TABLE "workplace_coverage_now" (
	"workplace_id" uuid PRIMARY KEY NOT NULL,
	"employees" integer NOT NULL,
	"members" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date
);
--> statement-breakpoint
ALTER TABLE "workplace_coverage_now" ADD CONSTRAINT "workplace_coverage_now_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Recomputes the coverage of some workplaces for today (see workplace_coverage_now in
-- src/features/workplaces/tables.ts). The workplaces are locked first, so that two transactions
-- changing one workplace's employments refresh it one after the other, each from what the other
-- committed.
CREATE FUNCTION workplace_coverage_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  today date := current_date;
BEGIN
  PERFORM 1 FROM workplaces w WHERE w.id = ANY(ids) ORDER BY w.id FOR NO KEY UPDATE;
  DELETE FROM workplace_coverage_now c WHERE c.workplace_id = ANY(ids);
  INSERT INTO workplace_coverage_now (workplace_id, employees, members, valid_from, valid_until)
  SELECT w.id, coalesce(n.employees, 0), coalesce(n.members, 0), today,
    (SELECT min(x.d) FROM (
      SELECT e.starts_on AS d FROM employments e WHERE e.workplace_id = w.id AND e.starts_on > today
      UNION ALL
      SELECT e.ends_on + 1 FROM employments e WHERE e.workplace_id = w.id AND e.ends_on >= today
    ) x)
  FROM workplaces w
  LEFT JOIN (
    SELECT e.workplace_id, count(DISTINCT e.person_id)::integer AS employees,
      (count(DISTINCT e.person_id) FILTER (WHERE EXISTS (SELECT 1 FROM memberships am WHERE am.person_id = e.person_id AND am.status = 'active')))::integer AS members
    FROM employments e
    WHERE e.workplace_id = ANY(ids) AND (e.starts_on IS NULL OR e.starts_on <= today) AND (e.ends_on IS NULL OR e.ends_on >= today)
    GROUP BY e.workplace_id
  ) n ON n.workplace_id = w.id
  WHERE w.id = ANY(ids);
END $$;
--> statement-breakpoint
CREATE FUNCTION employments_coverage_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM workplace_coverage_refresh(ARRAY(SELECT DISTINCT n.workplace_id FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM workplace_coverage_refresh(ARRAY(SELECT n.workplace_id FROM new_rows n UNION SELECT o.workplace_id FROM old_rows o));
  ELSE
    PERFORM workplace_coverage_refresh(ARRAY(SELECT DISTINCT o.workplace_id FROM old_rows o));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER employments_coverage_insert AFTER INSERT ON employments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION employments_coverage_refresh();
--> statement-breakpoint
CREATE TRIGGER employments_coverage_update AFTER UPDATE ON employments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION employments_coverage_refresh();
--> statement-breakpoint
CREATE TRIGGER employments_coverage_delete AFTER DELETE ON employments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION employments_coverage_refresh();
--> statement-breakpoint
CREATE FUNCTION workplaces_coverage_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM workplace_coverage_refresh(ARRAY(SELECT n.id FROM new_rows n));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER workplaces_coverage_insert AFTER INSERT ON workplaces REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workplaces_coverage_insert();
--> statement-breakpoint
-- A membership that became or stopped being active changes the members at its person's workplaces.
CREATE FUNCTION memberships_coverage_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM workplace_coverage_refresh(ARRAY(
      SELECT DISTINCT e.workplace_id FROM employments e JOIN new_rows n ON n.person_id = e.person_id WHERE n.status = 'active'));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM workplace_coverage_refresh(ARRAY(
      SELECT DISTINCT e.workplace_id FROM employments e
      JOIN (SELECT n.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.status = 'active') IS DISTINCT FROM (o.status = 'active') OR n.person_id IS DISTINCT FROM o.person_id
            UNION SELECT o.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.person_id IS DISTINCT FROM o.person_id) p
        ON p.person_id = e.person_id));
  ELSE
    PERFORM workplace_coverage_refresh(ARRAY(
      SELECT DISTINCT e.workplace_id FROM employments e JOIN old_rows o ON o.person_id = e.person_id WHERE o.status = 'active'));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_coverage_insert AFTER INSERT ON memberships REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memberships_coverage_refresh();
--> statement-breakpoint
CREATE TRIGGER memberships_coverage_update AFTER UPDATE ON memberships REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memberships_coverage_refresh();
--> statement-breakpoint
CREATE TRIGGER memberships_coverage_delete AFTER DELETE ON memberships REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION memberships_coverage_refresh();
--> statement-breakpoint
-- The workplaces so far.
SELECT workplace_coverage_refresh(ARRAY(SELECT id FROM workplaces));
