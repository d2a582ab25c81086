// For the specs that serve a published copy: a free loopback port, and Debian's nginx serving a folder with the
// documented config (deploy/nginx-static.conf): no proxy_pass, nothing but files.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect } from "@playwright/test";

export const NGINX = "/usr/sbin/nginx";

/** A port nothing listens on now, on 127.0.0.1 (asked of the kernel, never guessed). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startNginx(folder: string, prefix: string, port: number): Promise<ChildProcess> {
  const site = fs
    .readFileSync("deploy/nginx-static.conf", "utf8")
    .replace("listen 80;", `listen 127.0.0.1:${port};`)
    .replace("root /srv/status-copy;", `root ${folder};`);
  fs.writeFileSync(path.join(prefix, "site.conf"), site);
  fs.writeFileSync(
    path.join(prefix, "nginx.conf"),
    [
      "worker_processes 1;",
      `pid ${prefix}/nginx.pid;`,
      `error_log ${prefix}/error.log;`,
      "events { worker_connections 64; }",
      "http {",
      "  include /etc/nginx/mime.types;",
      `  access_log ${prefix}/access.log;`,
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path ${prefix}/${t};`),
      `  include ${prefix}/site.conf;`,
      "}",
    ].join("\n"),
  );
  const child = spawn(NGINX, ["-p", prefix, "-c", `${prefix}/nginx.conf`, "-g", "daemon off;"], { stdio: "pipe" });
  await expect(async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/index.html`);
    expect(answer.status).toBe(200);
  }).toPass({ timeout: 10_000 });
  return child;
}
