// oidc-provider ships no type declarations; the test harness uses a small part of it.
declare module "oidc-provider" {
  const Provider: new (
    issuer: string,
    configuration: Record<string, unknown>,
  ) => {
    proxy: boolean;
    callback(): (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void;
  };
  export default Provider;
}
