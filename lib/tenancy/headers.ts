// Request headers the proxy sets for the app after deleting any client-sent copy.

/** The tenant slug the proxy routed this request to. Pages compare it with their route param. */
export const TENANT_HEADER = "x-tenant-slug";

/** The host the proxy routed on (see effectiveHost), for building absolute links and redirects. */
export const ROUTED_HOST_HEADER = "x-routed-host";
