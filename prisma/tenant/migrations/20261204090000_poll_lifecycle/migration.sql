-- A poll's voting window (both ends optional; votes outside it are refused at vote time, by the
-- database's clock), whether voters see results before voting, and a counter of changes to its
-- results: the id of each event on the live results stream.
ALTER TABLE "Poll" ADD COLUMN "opensAt" TIMESTAMPTZ(3);

ALTER TABLE "Poll" ADD COLUMN "closesAt" TIMESTAMPTZ(3);

-- Polls that exist already keep showing their results to everyone, as they did; new polls hide them
-- until the reader has voted or the poll is closed.
ALTER TABLE "Poll" ADD COLUMN "resultsBeforeVoting" BOOLEAN NOT NULL DEFAULT true;

ALTER TABLE "Poll" ALTER COLUMN "resultsBeforeVoting" SET DEFAULT false;

ALTER TABLE "Poll" ADD COLUMN "resultsVersion" INTEGER NOT NULL DEFAULT 0;
