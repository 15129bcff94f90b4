/** Resolves after `ms` milliseconds (backoff between retries; never a stand-in for scheduled work). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
