// Reading admin form posts and query strings: a body the parser cannot take, or a field PostgreSQL cannot
// store (NUL, a lone surrogate), is a 400 `invalid_request` naming the field, never a 5xx from the database.
import { errorResponse } from "~/platform/http.server";
import { isStorableText } from "~/platform/safe-json";

function refuseField(name: string): Response {
  const field = isStorableText(name) ? name : "field name";
  return errorResponse(400, "invalid_request", `${field}: holds a character that cannot be stored`);
}

function checkEntries(entries: Iterable<[string, FormDataEntryValue | string]>): void {
  for (const [key, value] of entries) {
    if (!isStorableText(key)) throw refuseField(key);
    if (typeof value === "string" && !isStorableText(value)) throw refuseField(key);
    if (typeof value !== "string" && !isStorableText(value.name)) throw refuseField(key);
  }
}

/** The request's form data, or throws a 400 `invalid_request` Response for an unreadable body or an unstorable field. */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw errorResponse(400, "invalid_request", "The body is not a form");
  }
  checkEntries(form.entries());
  return form;
}

/** The request's string form fields (files left out), checked as readForm does. */
export async function readFormFields(request: Request): Promise<Record<string, string>> {
  const form = await readForm(request);
  return Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** The request's query parameters, or throws a 400 `invalid_request` Response when one cannot be stored. */
export function readSearchParams(request: Request): URLSearchParams {
  const params = new URL(request.url).searchParams;
  checkEntries(params.entries());
  return params;
}

/** A path parameter (an id in the URL), or throws a 400 `invalid_request` Response when it cannot be stored or is absurdly long. */
export function readRouteParam(params: Record<string, string | undefined>, name: string): string {
  const value = params[name] ?? "";
  if (!isStorableText(value) || value.length > 200) throw errorResponse(400, "invalid_request", `${name}: not a valid id`);
  return value;
}
