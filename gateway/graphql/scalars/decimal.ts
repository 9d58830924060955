import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';

// Accepts plain decimal notation only: no exponent, no leading "+", no bare ".5".
import { isDecimalString } from '../../../connectors/decimal';

/**
 * Accepts a decimal string, or a JSON number whose shortest text form is
 * plain decimal notation (12.5 but not 1e+21, NaN or Infinity). A number has
 * already passed through a float, so clients should send strings.
 */
function parseDecimal(value: unknown): string {
  if (typeof value === 'string' && isDecimalString(value)) {
    return value;
  }

  if (typeof value === 'number' && Number.isFinite(value) && isDecimalString(String(value))) {
    return String(value);
  }

  throw new GraphQLError(
    `Decimal must be a string in plain decimal notation, for example "1234.50"; got ${describe(value)}.`,
  );
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value);
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description:
    'Exact decimal number sent as a string in plain notation, for example "1234.5000". Never a float: parse it with a decimal library.',

  serialize(value) {
    // Connectors keep money and quantities as strings end to end; a number
    // here would already have lost precision.
    if (typeof value !== 'string' || !isDecimalString(value)) {
      throw new TypeError(`Decimal cannot serialize ${describe(value)}: expected a decimal string.`);
    }
    return value;
  },

  parseValue: parseDecimal,

  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) {
      if (isDecimalString(ast.value)) {
        return ast.value;
      }
    }

    throw new GraphQLError(
      `Decimal must be a string such as "1234.50" (or a number without exponent); got ${print(ast)}.`,
      { nodes: ast },
    );
  },
});
