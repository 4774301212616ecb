/**
 * Vitest `globalSetup` of the browser project: starts the fake OpenAI server for the whole run
 * and provides its API base URL; browser tests get it with `inject('fakeOpenAI')`.
 */
import type { TestProject } from 'vitest/node';
import { startFakeOpenAI } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fake OpenAI API base URL, `http://127.0.0.1:<port>/v1`. */
    fakeOpenAI: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fake = await startFakeOpenAI();
  project.provide('fakeOpenAI', fake.baseURL);
  return () => fake.close();
}
