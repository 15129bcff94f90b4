-- Earning actions beyond purchases, shoppers birthdays, poll votes, and the shop time zone they fall in
ALTER TABLE "Shop" ADD COLUMN "timezone" TEXT NOT NULL DEFAULT 'UTC';

CREATE TABLE "EarningAction" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "limit" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "config" JSONB NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "EarningAction_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "EarningAction_shopDomain_position_idx" ON "EarningAction"("shopDomain", "position");
ALTER TABLE "EarningAction" ADD CONSTRAINT "EarningAction_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "MemberBirthday" (
    "shopDomain" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "birthday" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "changes" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MemberBirthday_pkey" PRIMARY KEY ("shopDomain", "customerId")
);
CREATE INDEX "MemberBirthday_shopDomain_month_day_idx" ON "MemberBirthday"("shopDomain", "month", "day");
ALTER TABLE "MemberBirthday" ADD CONSTRAINT "MemberBirthday_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "PollVote" (
    "shopDomain" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "option" TEXT NOT NULL,
    "votedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "PollVote_pkey" PRIMARY KEY ("actionId", "customerId")
);
CREATE INDEX "PollVote_shopDomain_actionId_option_idx" ON "PollVote"("shopDomain", "actionId", "option");
ALTER TABLE "PollVote" ADD CONSTRAINT "PollVote_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PollVote" ADD CONSTRAINT "PollVote_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "EarningAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
