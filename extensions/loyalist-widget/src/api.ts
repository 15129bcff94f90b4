// The app proxy, the widget's only source of data: /apps/loyalist/<endpoint>, signed by Shopify for the shopper.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** Fetches JSON from the proxy; non-2xx answers throw an ApiError with the `error.code` the app gave. */
export async function api<T>(base: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/${path}`, {
    method: body === undefined ? "GET" : "POST",
    credentials: "same-origin",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  if (!response.ok) throw new ApiError(response.status, data?.error?.code ?? `http_${response.status}`);
  return data as T;
}
