/**
 * Validation rule that rejects operations nested deeper than a maximum, so a
 * client cannot make the server walk Invoice.order.invoices.order... without
 * end. Depth counts fields along a path, with the root field at depth 1;
 * fragments count as if inlined.
 *
 * `__Type.ofType` does not add depth: introspection queries nest it once per
 * list or non-null wrapper, the chain ends at a named type, and it cannot
 * lead back into fields. Without this exception the standard introspection
 * query that GraphQL IDEs send would exceed a reasonable limit.
 */
import type {
  ASTVisitor,
  FragmentDefinitionNode,
  GraphQLNamedType,
  GraphQLSchema,
  SelectionSetNode,
  ValidationContext,
} from 'graphql';
import {
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getNamedType,
  isInterfaceType,
  isObjectType,
} from 'graphql';

import { QueryLimitError } from './query-cost';

export const DEFAULT_MAX_DEPTH = 12;

export function createDepthLimitRule(maxDepth: number = DEFAULT_MAX_DEPTH): (context: ValidationContext) => ASTVisitor {
  return (context) => ({
    OperationDefinition(operation) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of context.getDocument().definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) {
          fragments.set(definition.name.value, definition);
        }
      }

      const walker = new DepthWalker(context.getSchema(), fragments, maxDepth);
      const rootType = context.getSchema().getRootType(operation.operation) ?? null;
      const depth = walker.depth(operation.selectionSet, rootType);
      if (depth > maxDepth) {
        const name = operation.name === undefined ? 'The operation' : `Operation "${operation.name.value}"`;
        context.reportError(
          new QueryLimitError(
            `${name} nests fields more than ${maxDepth} levels deep. Request fewer nested levels, or split it into several queries.`,
            { nodes: operation },
          ),
        );
      }
    },
  });
}

class DepthWalker {
  private readonly fragmentsOnPath = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly maxDepth: number,
  ) {}

  /**
   * Returns the depth of the deepest field below `selectionSet`, stopping as
   * soon as it passes the maximum. A fragment already on the current path (a
   * cycle, which NoFragmentCyclesRule reports on its own) is skipped.
   */
  depth(selectionSet: SelectionSetNode, parentType: GraphQLNamedType | null, depthSoFar = 0): number {
    let deepest = depthSoFar;
    if (deepest > this.maxDepth) {
      return deepest;
    }

    for (const selection of selectionSet.selections) {
      if (deepest > this.maxDepth) {
        break;
      }

      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const step = name === 'ofType' && parentType?.name === '__Type' ? 0 : 1;
        const fieldDepth = depthSoFar + step;
        const below =
          selection.selectionSet === undefined
            ? fieldDepth
            : this.depth(selection.selectionSet, this.fieldType(parentType, name), fieldDepth);
        deepest = Math.max(deepest, below);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition === undefined ? parentType : this.namedType(selection.typeCondition.name.value);
        deepest = Math.max(deepest, this.depth(selection.selectionSet, type, depthSoFar));
      } else {
        const name = selection.name.value;
        const fragment = this.fragments.get(name);
        if (fragment === undefined || this.fragmentsOnPath.has(name)) {
          continue;
        }

        this.fragmentsOnPath.add(name);
        const type = this.namedType(fragment.typeCondition.name.value);
        deepest = Math.max(deepest, this.depth(fragment.selectionSet, type, depthSoFar));
        this.fragmentsOnPath.delete(name);
      }
    }

    return deepest;
  }

  private fieldType(parentType: GraphQLNamedType | null, fieldName: string): GraphQLNamedType | null {
    if (fieldName === SchemaMetaFieldDef.name) {
      return getNamedType(SchemaMetaFieldDef.type);
    }
    if (fieldName === TypeMetaFieldDef.name) {
      return getNamedType(TypeMetaFieldDef.type);
    }
    if (parentType === null || !(isObjectType(parentType) || isInterfaceType(parentType))) {
      return null;
    }

    const field = parentType.getFields()[fieldName];
    return field === undefined ? null : getNamedType(field.type);
  }

  private namedType(name: string): GraphQLNamedType | null {
    return this.schema.getType(name) ?? null;
  }
}
