// An empty array born with object elements. An empty literal starts as an array of small ints and
// changes kind on its first object, which throws away optimised code that reads or pushes onto it;
// the machine's stack, an import's samples and the memo's arrays are new for every stream, so with
// a literal each stream would start from the kind the previous stream's optimised code never saw.
const SEED = {};

export function objectArray<T>(): T[] {
  const a: unknown[] = [SEED];
  a.pop();
  return a as T[];
}
