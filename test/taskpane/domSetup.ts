/**
 * What jest's jsdom lacks and a browser has, for the DOM tests that run the real engine on the strict
 * in-memory Excel. Imported first by each *.test.tsx (jest.config.js, shared by every helper, has no
 * setup file for the dom project).
 */
import { configure } from "@testing-library/react";
import v8 from "v8";

// jsdom's window hides Node's structuredClone; V8's serializer implements the same algorithm.
if (typeof globalThis.structuredClone !== "function") {
  globalThis.structuredClone = (<T>(value: T): T => v8.deserialize(v8.serialize(value))) as typeof structuredClone;
}

// These tests run the real engine: under a busy CI machine an action can take seconds, not the
// default one second Testing Library waits.
configure({ asyncUtilTimeout: 15_000 });
