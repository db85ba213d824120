// A poll's choices differ ignoring case and surrounding spaces: refused by the schemas, by addChoice
// and by the database's own index, which the migration only creates once no poll breaks it.
import { afterAll, describe, expect, it } from "vitest";
import { migrateSchema, loadMigrations, migrationsDir, MigrationError } from "@/lib/db/migrations";
import { poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { addChoice } from "@/lib/polls/choices";
import { createPoll, updatePoll } from "@/lib/polls/mutations";
import { findPoll } from "@/lib/polls/queries";
import { choiceListSchema } from "@/lib/polls/schemas";
import { quoteIdent } from "@/lib/tenancy/schema-name";
import { uniqueSlug, useTestTenant } from "@/test/tenants";

describe("duplicate choices", () => {
  const ctx = useTestTenant([{ username: "editor", role: "admin" }]);

  it("the choice list names each repeat, whatever its case and spaces", () => {
    const result = choiceListSchema.safeParse(["Yes", "No", " yes", "YES "]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["2", "Same as choice 1: each choice must differ (ignoring case)"],
      ["3", "Same as choice 1: each choice must differ (ignoring case)"],
    ]);
  });

  it("the database refuses a second 'yes' in a poll, and allows it in another poll", async () => {
    const { id } = await createPoll(ctx.db, ctx.userId.editor, { question: "Ready?", choices: ["Yes", "No"] });
    await expect(ctx.db.choice.create({ data: { pollId: id, choiceText: "yes" }, select: { id: true } })).rejects.toMatchObject({ code: "P2002" });
    const other = await createPoll(ctx.db, ctx.userId.editor, { question: "Also ready?", choices: ["yes", "no"] });
    expect((await findPoll(ctx.db, other.id))!.choices.map((c) => c.choiceText)).toEqual(["yes", "no"]);
  });

  it("addChoice refuses a text the poll already has", async () => {
    const { id } = await createPoll(ctx.db, ctx.userId.editor, { question: "Tea?", choices: ["Yes", "No"] });
    expect(await addChoice(ctx.db, id, "NO")).toEqual({ ok: false, code: "duplicate" });
    expect((await addChoice(ctx.db, id, "Maybe")).ok).toBe(true);
  });

  it("updatePoll swaps two choices' texts in one edit, and refuses renaming one onto another", async () => {
    const { id } = await createPoll(ctx.db, ctx.userId.editor, { question: "Order?", choices: ["First", "Second"] });
    const [first, second] = (await findPoll(ctx.db, id))!.choices;
    const swapped = [
      { id: first.id, text: "Second" },
      { id: second.id, text: "First" },
    ];
    expect(await updatePoll(ctx.db, id, { choices: swapped })).toEqual({ ok: true });
    expect((await findPoll(ctx.db, id))!.choices.map((c) => [c.id, c.choiceText])).toEqual([
      [first.id, "Second"],
      [second.id, "First"],
    ]);

    const clash = [{ id: first.id, text: "first" }, { id: second.id, text: "First" }];
    expect(await updatePoll(ctx.db, id, { choices: clash })).toEqual({ ok: false, code: "duplicate_choice" });
    expect((await findPoll(ctx.db, id))!.choices.map((c) => c.choiceText)).toEqual(["Second", "First"]);
  });
});

describe("the unique-choice migration", () => {
  const pool = () => poolFor(defaultServerUrl());
  const schema = uniqueSlug("dups");
  const migrations = loadMigrations(migrationsDir("tenant"));
  const unique = migrations.findIndex((m) => m.name.endsWith("_unique_choice_text"));

  afterAll(async () => {
    await pool().query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  });

  it("stops on existing duplicates with a report of each poll and its choices, changing nothing", async () => {
    await migrateSchema(pool(), schema, migrations.slice(0, unique));
    const q = quoteIdent(schema);
    await pool().query(`INSERT INTO ${q}."User" (username, "passwordHash") VALUES ('odin', 'x')`);
    await pool().query(`INSERT INTO ${q}."Poll" (question, "createdById") VALUES ('Ready?', 1), ('Fine?', 1)`);
    await pool().query(`INSERT INTO ${q}."Choice" ("pollId", "choiceText") VALUES (1, 'Yes'), (1, 'No'), (1, 'yes'), (2, 'Yes'), (2, 'No')`);

    const failure = await migrateSchema(pool(), schema, migrations).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).message).toBe(
      `${schema}: migration ${migrations[unique].name} failed: ` +
        `Duplicate choices (ignoring case) in schema ${schema}: poll 1 ('Ready?'): 'Yes' (choice 1), 'yes' (choice 3)`,
    );
    const applied = await pool().query(`SELECT migration_name FROM ${q}."_prisma_migrations"`);
    expect(applied.rows.map((r) => r.migration_name)).toEqual(migrations.slice(0, unique).map((m) => m.name));

    await pool().query(`DELETE FROM ${q}."Choice" WHERE id = 3`);
    expect((await migrateSchema(pool(), schema, migrations)).applied).toContain(migrations[unique].name);
  });
});
