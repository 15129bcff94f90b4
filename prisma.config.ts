// Prisma CLI configuration: JS engine + the pg driver adapter, so migrate/generate work offline.
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { createPrismaPgAdapter } from "./app/platform/db/adapter.server";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    // Commands such as `migrate diff --from-empty` never connect; the pool connects lazily.
    return createPrismaPgAdapter(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres");
  },
});
