/** A service whose OpenAPI document is turned into types. */
export interface ServiceDocument {
  name: string;
  service: string;
  document: string;
  output: string;
}
export const SERVICES: ServiceDocument[];
export class MissingDocumentError extends Error {}
export function render(entry: ServiceDocument): Promise<string>;
