/**
 * The field names the scenario schema allows at a place in the file, read from the zod
 * schema itself so they can't drift: what "did you mean" picks from for an unknown key.
 */
import type { z } from 'zod';
import { ScenarioSchema } from './schema.ts';

/** The parts of zod's internal definitions this walk reads (zod 4: `schema._zod.def`). */
interface Def {
	type: string;
	shape?: Record<string, z.ZodType>;
	getter?: () => z.ZodType;
	element?: z.ZodType;
	options?: z.ZodType[];
	valueType?: z.ZodType;
	innerType?: z.ZodType;
	in?: z.ZodType;
	out?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def | undefined => (schema as unknown as { _zod?: { def?: Def } })._zod?.def;

/** The object schemas a schema stands for, looking through wrappers, lazy schemas and unions. */
function objectsOf(schema: z.ZodType, seen = new Set<z.ZodType>()): Def[] {
	if (seen.has(schema)) return [];
	seen.add(schema);
	const def = defOf(schema);
	if (!def) return [];
	if (def.type === 'object') return [def];
	if (def.type === 'lazy' && def.getter) return objectsOf(def.getter(), seen);
	if (def.type === 'union' && def.options) return def.options.flatMap((o) => objectsOf(o, seen));
	if (def.type === 'pipe')
		return [...(def.in ? objectsOf(def.in, seen) : []), ...(def.out ? objectsOf(def.out, seen) : [])];
	return def.innerType ? objectsOf(def.innerType, seen) : [];
}

/** The schemas one step down a path from a schema: a field, a list's items, a record's values. */
function childrenOf(schema: z.ZodType, part: string | number, seen = new Set<z.ZodType>()): z.ZodType[] {
	if (seen.has(schema)) return [];
	seen.add(schema);
	const def = defOf(schema);
	if (!def) return [];
	if (def.type === 'object') return def.shape?.[String(part)] ? [def.shape[String(part)]!] : [];
	if (def.type === 'array' && def.element) return [def.element];
	if (def.type === 'record' && def.valueType) return [def.valueType];
	if (def.type === 'lazy' && def.getter) return childrenOf(def.getter(), part, seen);
	if (def.type === 'union' && def.options) return def.options.flatMap((o) => childrenOf(o, part, seen));
	if (def.type === 'pipe') return def.in ? childrenOf(def.in, part, seen) : [];
	return def.innerType ? childrenOf(def.innerType, part, seen) : [];
}

/**
 * The field names allowed on the object at a path in a scenario file.
 * @param path keys and indexes, e.g. `['actions', 3, 'requires', 0, 'when']`
 */
export function fieldNamesAt(path: ReadonlyArray<string | number>): string[] {
	let schemas: z.ZodType[] = [ScenarioSchema];
	for (const part of path) schemas = schemas.flatMap((s) => childrenOf(s, part));
	return [...new Set(schemas.flatMap((s) => objectsOf(s)).flatMap((d) => Object.keys(d.shape ?? {})))];
}
