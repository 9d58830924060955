/**
 * Validation rule that rejects operations whose response could be too large
 * to build, before any resolver runs. Depth alone does not bound the work:
 * 1,000 aliases of `invoices(first: 100)` are only four levels deep, yet they
 * make the gateway run about 2,000 statements and build an 8 MB response.
 *
 * Three limits apply to each operation, with fragments counted as if inlined:
 * - root fields, aliases included, because each one runs its own resolver;
 * - fields in the whole selection, counted once per place they appear;
 * - an estimated cost: each field counts once for every object it can be
 *   resolved on. A field with a `first` argument multiplies the list inside
 *   it by `first`, and any other list is estimated at DEFAULT_LIST_SIZE items.
 *
 * Introspection fields count towards the field limits but cost nothing,
 * because they read the schema in memory.
 */
import type {
  ASTVisitor,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValueNode,
} from 'graphql';
import { GraphQLError, Kind, getNamedType, getNullableType, isInterfaceType, isListType, isObjectType } from 'graphql';

import { MAX_PAGE_SIZE } from './pagination/first';

export interface QueryLimits {
  maxRootFields: number;
  maxFields: number;
  maxCost: number;
}

/**
 * 200 root fields leave room for one aliased lookup per invoice on a long
 * statement (the lookups share one batched query). A cost of 25,000 allows
 * 14 pages of 100 invoices with every field the web client's invoice list
 * shows (1,706 each), or a page of 100 orders with the lines and invoices of
 * each order (8,902), as query-cost.test.ts computes.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxRootFields: 200,
  maxFields: 2_000,
  maxCost: 25_000,
};

/**
 * Estimated length of a list that has no `first` argument, such as
 * Order.lines or Order.invoices. NOTE: a guess, not measured on ERP data.
 * Raising it would reject the 12-level Invoice.order.invoices chains that
 * the depth limit allows.
 */
export const DEFAULT_LIST_SIZE = 5;

/** An operation over one of the limits. Apollo reports it with the code GRAPHQL_VALIDATION_FAILED. */
export class QueryLimitError extends GraphQLError {}

export function createQueryCostRule(limits: QueryLimits = DEFAULT_QUERY_LIMITS): (context: ValidationContext) => ASTVisitor {
  return (context) => ({
    OperationDefinition(operation) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of context.getDocument().definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) {
          fragments.set(definition.name.value, definition);
        }
      }

      const schema = context.getSchema();
      const walker = new CostWalker(schema, fragments, variableDefaults(operation));
      const name = operation.name === undefined ? 'The operation' : `Operation "${operation.name.value}"`;
      const report = (message: string): void => context.reportError(new QueryLimitError(message, { nodes: operation }));

      // The cheap count first, so that a flood of aliases is not walked twice.
      const rootFields = walker.rootFieldCount(operation.selectionSet);
      if (rootFields > limits.maxRootFields) {
        report(
          `${name} selects ${formatCount(rootFields)} top-level fields (aliases included), more than the limit of ${formatCount(limits.maxRootFields)}. Request fewer top-level fields, or split the operation into several requests.`,
        );
        return;
      }

      const totals = walker.totals(operation.selectionSet, schema.getRootType(operation.operation) ?? null, null, false);
      if (totals.fields > limits.maxFields) {
        report(
          `${name} selects ${formatCount(totals.fields)} fields with its fragments expanded, more than the limit of ${formatCount(limits.maxFields)}. Request fewer fields, or split the operation into several requests.`,
        );
      } else if (totals.cost > limits.maxCost) {
        report(
          `${name} has an estimated cost of ${formatCount(totals.cost)}, more than the limit of ${formatCount(limits.maxCost)}. ` +
            `Each field counts once per object it can return: a list counts its "first" argument (at most ${MAX_PAGE_SIZE}), and a list without "first" counts ${DEFAULT_LIST_SIZE} items. ` +
            'Request smaller pages, fewer fields or fewer aliases, or split the operation into several requests.',
        );
      }
    },
  });
}

interface Totals {
  /** Fields selected, each counted once per place it appears. */
  fields: number;
  /** Field values the selection can resolve for one parent object. */
  cost: number;
}

const NO_FIELDS: Totals = { fields: 0, cost: 0 };

class CostWalker {
  /** Totals of each fragment, keyed by name, page size and whether it sits inside introspection. */
  private readonly fragmentTotals = new Map<string, Totals>();
  private readonly fragmentRootCounts = new Map<string, number>();
  /** Fragments being expanded on the current path; a cycle (which NoFragmentCyclesRule reports) counts as empty. */
  private readonly fragmentsOnPath = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: ReadonlyMap<string, ValueNode | undefined>,
  ) {}

  /** Counts the fields of a root selection set, with fragments expanded. */
  rootFieldCount(selectionSet: SelectionSetNode): number {
    let count = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        count += 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += this.rootFieldCount(selection.selectionSet);
      } else {
        count += this.viaFragment(selection.name.value, this.fragmentRootCounts, 0, (fragment) => this.rootFieldCount(fragment.selectionSet));
      }
    }
    return count;
  }

  /**
   * Adds up the fields and the cost of `selectionSet` for one object of
   * `parentType`. `pageSize` is the `first` argument of the connection field
   * that owns this selection set, which the list inside it (`edges`) uses.
   */
  totals(selectionSet: SelectionSetNode, parentType: GraphQLNamedType | null, pageSize: number | null, introspection: boolean): Totals {
    let fields = 0;
    let cost = 0;

    for (const selection of selectionSet.selections) {
      let part: Totals;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const definition = this.fieldDefinition(parentType, name);
        const inIntrospection = introspection || name.startsWith('__');
        const firstArgument = definition?.args.find((argument) => argument.name === 'first');
        const first = firstArgument === undefined ? null : this.pageSize(selection.arguments?.find((argument) => argument.name.value === 'first')?.value, firstArgument.defaultValue);
        const isList = definition !== undefined && isListType(getNullableType(definition.type));

        // A list with its own `first` is one page long. A list inside a
        // connection is as long as the connection's page, and any other list
        // gets the estimate.
        const items = isList ? (first ?? pageSize ?? DEFAULT_LIST_SIZE) : 1;
        const below =
          selection.selectionSet === undefined
            ? NO_FIELDS
            : this.totals(selection.selectionSet, definition === undefined ? null : getNamedType(definition.type), isList ? null : first, inIntrospection);
        part = { fields: 1 + below.fields, cost: (inIntrospection ? 0 : 1) + items * below.cost };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition === undefined ? parentType : (this.schema.getType(selection.typeCondition.name.value) ?? null);
        part = this.totals(selection.selectionSet, type, pageSize, introspection);
      } else {
        const name = selection.name.value;
        const key = `${name}|${pageSize ?? ''}|${introspection}`;
        part = this.viaFragment(name, this.fragmentTotals, NO_FIELDS, (fragment) =>
          this.totals(fragment.selectionSet, this.schema.getType(fragment.typeCondition.name.value) ?? null, pageSize, introspection), key);
      }

      fields += part.fields;
      cost += part.cost;
    }

    return { fields, cost };
  }

  /** Computes a fragment's result once per key; an unknown fragment or a cycle gives `empty`. */
  private viaFragment<T>(name: string, cache: Map<string, T>, empty: T, compute: (fragment: FragmentDefinitionNode) => T, key = name): T {
    const cached = cache.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const fragment = this.fragments.get(name);
    if (fragment === undefined || this.fragmentsOnPath.has(name)) {
      return empty;
    }

    this.fragmentsOnPath.add(name);
    const result = compute(fragment);
    this.fragmentsOnPath.delete(name);
    cache.set(key, result);
    return result;
  }

  /**
   * Returns the page size a `first` argument requests, clamped to 1..MAX_PAGE_SIZE
   * because the resolvers reject anything outside that range before running
   * a query. A variable without a default may hold any value, so it counts
   * as the maximum.
   */
  private pageSize(value: ValueNode | undefined, defaultValue: unknown): number {
    let resolved: ValueNode | undefined = value;
    if (resolved?.kind === Kind.VARIABLE) {
      resolved = this.variables.get(resolved.name.value);
      if (resolved === undefined) {
        return MAX_PAGE_SIZE;
      }
    }

    let size: number;
    if (resolved === undefined) {
      size = typeof defaultValue === 'number' ? defaultValue : MAX_PAGE_SIZE;
    } else if (resolved.kind === Kind.INT) {
      size = Number(resolved.value);
    } else {
      size = MAX_PAGE_SIZE;
    }
    return Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
  }

  private fieldDefinition(parentType: GraphQLNamedType | null, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === '__schema' || name === '__type') {
      return undefined;
    }
    if (parentType === null || !(isObjectType(parentType) || isInterfaceType(parentType))) {
      return undefined;
    }
    return parentType.getFields()[name];
  }
}

/** Default values of the operation's variables, by name; undefined for a variable without one. */
function variableDefaults(operation: OperationDefinitionNode): Map<string, ValueNode | undefined> {
  const defaults = new Map<string, ValueNode | undefined>();
  for (const definition of operation.variableDefinitions ?? []) {
    defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  return defaults;
}

function formatCount(count: number): string {
  return Number.isFinite(count) ? Math.round(count).toLocaleString('en-US') : 'more than 10^308';
}
