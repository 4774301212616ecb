/**
 * The tests' handle on the app's services (`window.__inpaint`: end-to-end tests, the bench,
 * debugging). main.tsx calls this only in the dev server and the test build
 * (`npm run build:test`, Vite mode `test`); a production build drops this module altogether.
 */
export function exposeForTests(services: unknown): void {
  (window as unknown as { __inpaint: unknown }).__inpaint = services;
}
