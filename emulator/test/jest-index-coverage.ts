// Jest setup (setupFilesAfterEnv): a test file whose stack answered a query that no declared
// index serves fails, with the emulator's report (collection, filter shape, call site, index to
// declare). A test that plants one on purpose takes it with takeUnindexedQueries().
import { takeUnindexedQueries } from '../database/coverage';

afterAll(() => {
  const found = takeUnindexedQueries();
  if (found.length > 0) {
    throw new Error(
      `${found.length} unindexed database quer${found.length === 1 ? 'y' : 'ies'}:\n` +
        found.map((q) => `- ${q.message}`).join('\n'),
    );
  }
});
