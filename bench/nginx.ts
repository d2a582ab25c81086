// Debian's nginx with our deploy/nginx.conf in front of the app, as a foreground child (BENCH_VIA_NGINX=1).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { waitFor, type Running } from "./servers";

export async function startNginx(outDir: string, port: number, appPort: number): Promise<Running> {
  const conf = fs
    .readFileSync(path.resolve("deploy", "nginx.conf"), "utf8")
    .replace(/listen\s+[^;]+;/, `listen 127.0.0.1:${port};`)
    .replace(/server 127\.0\.0\.1:\d+/, `server 127.0.0.1:${appPort}`)
    .replace(/\/var\/cache\/nginx\/statuspage/g, path.join(outDir, "nginx-cache"));
  const prefix = path.join(outDir, "nginx");
  fs.mkdirSync(path.join(prefix, "logs"), { recursive: true });
  // One worker, master_process off: the process measured is the one serving.
  const wrapper = `worker_processes 1;\nmaster_process off;\nerror_log ${prefix}/logs/error.log warn;\npid ${prefix}/nginx.pid;\nevents { worker_connections 1024; }\nhttp {\n  include /etc/nginx/mime.types;\n  access_log off;\n${conf}\n}\n`;
  fs.writeFileSync(path.join(prefix, "nginx.conf"), wrapper);
  const nginx = spawn("nginx", ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"], {
    stdio: "inherit",
  });
  await waitFor(`http://127.0.0.1:${port}/`);
  return {
    pid: nginx.pid!,
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        nginx.once("exit", () => resolve());
        nginx.kill("SIGTERM");
      }),
  };
}
