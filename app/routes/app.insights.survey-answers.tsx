// Admin action: import survey answers from a CSV for "said vs did" (all rows or none).
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { readForm } from "~/platform/form-body.server";
import { fieldErrorsFromZod } from "~/platform/form-errors";
import { importSurveyAnswers } from "~/insight/survey-import.server";
import { t } from "~/platform/i18n";

const MAX_BYTES = 5 * 1024 * 1024;
// Built per request: its messages are in the viewer's language.
const schema = () =>
  z.object({
    file: z
      .instanceof(Blob, { message: t("insight.saidVsDid.chooseFile") })
      .refine((f) => f.size > 0, t("insight.saidVsDid.chooseFile"))
      .refine((f) => f.size <= MAX_BYTES, t("insight.saidVsDid.fileTooBig")),
  });

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = await readForm(request);
  const parsed = schema().safeParse({ file: form.get("file") });
  if (!parsed.success) return json({ ok: false as const, fieldErrors: fieldErrorsFromZod(parsed.error) }, { status: 422 });
  const result = await importSurveyAnswers(session.shop, await parsed.data.file.text());
  return json(result, { status: result.ok ? 200 : 422 });
}
