-- The program event outbox (Flow triggers, metafields) and survey answers (said vs did)
CREATE TABLE "ProgramEvent" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "customerId" TEXT,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),
    CONSTRAINT "ProgramEvent_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ProgramEvent_shopDomain_idempotencyKey_key" ON "ProgramEvent"("shopDomain", "idempotencyKey");
CREATE INDEX "ProgramEvent_deliveredAt_createdAt_idx" ON "ProgramEvent"("deliveredAt", "createdAt");
CREATE INDEX "ProgramEvent_shopDomain_customerId_idx" ON "ProgramEvent"("shopDomain", "customerId");
ALTER TABLE "ProgramEvent" ADD CONSTRAINT "ProgramEvent_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "SurveyAnswer" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SurveyAnswer_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SurveyAnswer_shopDomain_customerId_surveyId_question_key" ON "SurveyAnswer"("shopDomain", "customerId", "surveyId", "question");
CREATE INDEX "SurveyAnswer_shopDomain_question_idx" ON "SurveyAnswer"("shopDomain", "question");
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
