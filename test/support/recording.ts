/** One call to a recorded method: proof that a request was (or was not) processed. */
export interface RecordedCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

/**
 * The same object, with calls to the named methods recorded (and optionally made to fail once): a spy that
 * keeps the real behaviour, so tests run against the real services.
 */
export function recording<T extends object>(target: T, name: string, methods: readonly (keyof T & string)[], calls: RecordedCall[], failNext: { error?: Error }): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(object);
      if (!methods.includes(property as keyof T & string)) return bound;
      return (...args: unknown[]) => {
        calls.push({ method: `${name}.${String(property)}`, args });
        const failure = failNext.error;
        failNext.error = undefined;
        if (failure) return Promise.reject(failure);
        return bound(...args);
      };
    },
  });
}
