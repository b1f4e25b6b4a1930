/** OpenAPI error responses shared by the routes (JSON bodies and responses: `./route-parts.ts`). */
export const problems = {
  400: { description: 'Invalid input (problem+json naming the fields)' },
  401: { description: 'Not signed in' },
  403: { description: 'Not available to this role' },
  404: { description: 'No such record, or out of scope' },
};
export const conflict = { 409: { description: 'Not allowed in the current state (problem+json)' } };
