// Prisma CLI configuration: JS engine + the pg driver adapter, so migrate/generate work offline.
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { createPrismaPgAdapter } from "./app/db/adapter.server";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL must be set for Prisma CLI commands (see scripts/migrate.ts)");
    return createPrismaPgAdapter(url);
  },
});
