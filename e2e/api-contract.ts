// Every operation the JSON API promises (the django book's polls API), as "METHOD /path" in OpenAPI's notation.
export const CONTRACT = [
  "POST /api/users",
  "POST /api/login",
  "GET /api/polls",
  "POST /api/polls",
  "GET /api/polls/{id}",
  "PUT /api/polls/{id}",
  "PATCH /api/polls/{id}",
  "DELETE /api/polls/{id}",
  "GET /api/polls/{id}/choices",
  "POST /api/polls/{id}/choices",
  "POST /api/polls/{id}/choices/{choiceId}/vote",
  "GET /api/polls/{id}/results",
  "GET /api/polls/{id}/results/stream",
  "GET /api/polls/stream",
  "GET /api/openapi.json",
];
