// Runs once when a Next server process starts. The Node runtime holds the tenant cache, so it also holds
// the one connection that hears about registry changes made by other instances (or by the CLI). That work is in
// instrumentation-node.ts, imported behind the NEXT_RUNTIME check as Next documents, so the Edge bundle leaves it out.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerNode } = await import("./instrumentation-node");
    await registerNode();
  }
}
