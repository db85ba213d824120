-- Choice texts become unique per poll, ignoring case and surrounding spaces ("Yes", "yes " and "YES" are
-- one choice). Polls that already hold such duplicates stop the migration with a list of them, before
-- anything changes: rename or remove the duplicates, then migrate again.
DO $$
DECLARE
  report text;
BEGIN
  SELECT string_agg(format('poll %s (%L): %s', d."pollId", p."question", d."choices"), '; ' ORDER BY d."pollId")
    INTO report
    FROM (
      SELECT c."pollId", string_agg(format('%L (choice %s)', c."choiceText", c."id"), ', ' ORDER BY c."id") AS "choices"
        FROM "Choice" c
       GROUP BY c."pollId", lower(btrim(c."choiceText"))
      HAVING count(*) > 1
    ) d
    JOIN "Poll" p ON p."id" = d."pollId";
  IF report IS NOT NULL THEN
    RAISE EXCEPTION 'Duplicate choices (ignoring case) in schema %: %', current_schema(), report
      USING HINT = 'Rename or remove one choice of each pair, then migrate again.';
  END IF;
END
$$;

-- CreateIndex
CREATE UNIQUE INDEX "Choice_pollId_choiceText_lower_key" ON "Choice"("pollId", lower(btrim("choiceText")));

-- Removing a choice no longer deletes its votes as a side effect: they must be deleted first, explicitly.
-- DropForeignKey
ALTER TABLE "Vote" DROP CONSTRAINT "Vote_choiceId_pollId_fkey";

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_choiceId_pollId_fkey" FOREIGN KEY ("choiceId", "pollId") REFERENCES "Choice"("id", "pollId") ON DELETE NO ACTION ON UPDATE CASCADE;
