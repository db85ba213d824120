"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML, true once React has hydrated. Controls that only work through JavaScript
 * stay disabled until then, so a click that would do nothing (or a native submit) cannot happen.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
