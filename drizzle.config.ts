import { defineConfig } from 'drizzle-kit';

// Migrations are generated offline from the schema (no database needed) and committed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './backend/src/store/schema.ts',
  out: './backend/migrations',
});
