-- Usernames are unique whatever their case, and stored lower-cased (decision 014).
-- Accounts whose usernames differ only in case are never merged or renamed here: the migration stops
-- first, naming them, and changes nothing; an admin decides which account keeps the name.
DO $$
DECLARE
  collisions text;
BEGIN
  SELECT string_agg(names, '; ' ORDER BY lower_name)
    INTO collisions
    FROM (
      SELECT lower("username") AS lower_name, string_agg("username", ' and ' ORDER BY "id") AS names
        FROM "PlatformAdmin"
       GROUP BY lower("username")
      HAVING count(*) > 1
    ) AS clash;
  IF collisions IS NOT NULL THEN
    RAISE EXCEPTION 'platform admin usernames that differ only in case in schema "%": %. Rename or remove all but one of each, then migrate again.',
      current_schema(), collisions;
  END IF;
END
$$;

UPDATE "PlatformAdmin" SET "username" = lower("username") WHERE "username" <> lower("username");

CREATE UNIQUE INDEX "PlatformAdmin_username_lower_key" ON "PlatformAdmin"(lower("username"));
