/**
 * Playwright `globalSetup`: starts the fake OpenAI server (port `FAKE_OPENAI_PORT`, default an
 * ephemeral one) and hands its API base URL to the tests as `process.env.FAKE_OPENAI_URL`
 * (workers inherit the environment). The returned function is the global teardown.
 */
import { startFakeOpenAI } from './server.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const fake = await startFakeOpenAI({ port: Number(process.env.FAKE_OPENAI_PORT ?? 0) });
  process.env.FAKE_OPENAI_URL = fake.baseURL;
  return () => fake.close();
}
