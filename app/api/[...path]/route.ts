// Any other path under /api/: a JSON 404, which is what an API client can read, rather than the HTML 404 page.
import { ApiError, errorResponse } from "@/lib/api/errors";

async function noSuchEndpoint(request: Request): Promise<Response> {
  const response = errorResponse(new ApiError("not_found", `No such endpoint: ${new URL(request.url).pathname}`));
  response.headers.set("cache-control", "private, no-store");
  return response;
}

export { noSuchEndpoint as GET, noSuchEndpoint as POST, noSuchEndpoint as PUT, noSuchEndpoint as PATCH, noSuchEndpoint as DELETE };
